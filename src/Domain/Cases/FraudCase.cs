using Coordination.Domain.Agencies;
using Coordination.Domain.Common;
using Coordination.Domain.Reports;

namespace Coordination.Domain.Cases;

/// <summary>
/// A fraud case: one or more linked reports, the money trail found so far and where the case stands in the chain.
/// Owned by a police unit; submitted to an OM office when it reaches prosecution.
/// </summary>
public sealed class FraudCase : AggregateRoot<CaseId>
{
    /// <summary>Maximum length of <see cref="Summary"/>.</summary>
    public const int SummaryMaxLength = 500;

    /// <summary>Maximum length of <see cref="AssignedTo"/>.</summary>
    public const int AssignedToMaxLength = 256;

    private static readonly Dictionary<CasePhase, CasePhase[]> _allowed = new()
    {
        [CasePhase.Registered] = [CasePhase.Triage],
        [CasePhase.Triage] = [CasePhase.Investigation, CasePhase.Parked],
        [CasePhase.Parked] = [CasePhase.Investigation, CasePhase.Triage],
        [CasePhase.Investigation] = [CasePhase.Prosecution],
        [CasePhase.Prosecution] = [CasePhase.Execution, CasePhase.Investigation],
        [CasePhase.Execution] = [CasePhase.Prosecution],
        [CasePhase.Closed] = [],
    };

    private readonly List<Transfer> _transfers = [];
    private readonly List<CashOut> _cashOuts = [];

    private FraudCase() { } // EF

    private FraudCase(CaseNumber number, FraudType fraudType, AgencyId owningUnitId, string summary, DateTimeOffset registeredAt)
    {
        Number = number;
        FraudType = fraudType;
        OwningUnitId = owningUnitId;
        Summary = summary;
        RegisteredAt = registeredAt;
        Phase = CasePhase.Registered;
        PhaseChangedAt = registeredAt;
        ReportedDamage = Money.Zero;
    }

    /// <summary>The case number, e.g. OF-2026-000123.</summary>
    public CaseNumber Number { get; private set; } = null!;

    /// <summary>Modus operandi.</summary>
    public FraudType FraudType { get; private set; }

    /// <summary>Where the case stands.</summary>
    public CasePhase Phase { get; private set; }

    /// <summary>When <see cref="Phase"/> last changed.</summary>
    public DateTimeOffset PhaseChangedAt { get; private set; }

    /// <summary>How the case ended; null while open.</summary>
    public CaseEndState? EndState { get; private set; }

    /// <summary>One line describing the case for lists.</summary>
    public string Summary { get; private set; } = null!;

    /// <summary>The police unit that owns the case.</summary>
    public AgencyId OwningUnitId { get; private set; }

    /// <summary>The OM office the case was submitted to; null before prosecution.</summary>
    public AgencyId? ProsecutionOfficeId { get; private set; }

    /// <summary>A police officer (sign-in name) the case is assigned to personally, who then sees it even when it is
    /// owned by another unit.</summary>
    public string? AssignedTo { get; private set; }

    /// <summary>Total damage of all linked reports.</summary>
    public Money ReportedDamage { get; private set; }

    /// <summary>Number of reports linked to this case.</summary>
    public int ReportCount { get; private set; }

    /// <summary>Earliest incident date of the linked reports (the offence date for age questions).</summary>
    public DateOnly? OffenceDate { get; private set; }

    /// <summary>When the case was registered.</summary>
    public DateTimeOffset RegisteredAt { get; private set; }

    /// <summary>When the case was closed.</summary>
    public DateTimeOffset? ClosedAt { get; private set; }

    /// <summary>Payments found so far.</summary>
    public IReadOnlyList<Transfer> Transfers => _transfers;

    /// <summary>Cash-outs found so far.</summary>
    public IReadOnlyList<CashOut> CashOuts => _cashOuts;

    /// <summary>True once closed.</summary>
    public bool IsClosed => Phase == CasePhase.Closed;

    /// <summary>Opens a case for a first report and links it.</summary>
    public static FraudCase Register(CaseNumber number, Report firstReport, AgencyId owningUnitId, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(number);
        ArgumentNullException.ThrowIfNull(firstReport);
        ArgumentNullException.ThrowIfNull(clock);
        var summary = firstReport.Description.Length <= SummaryMaxLength
            ? firstReport.Description
            : firstReport.Description[..(SummaryMaxLength - 1)] + "…";
        var fraudCase = new FraudCase(number, firstReport.FraudType, owningUnitId, summary, clock.GetUtcNow());
        fraudCase.LinkReport(firstReport);
        return fraudCase;
    }

    /// <summary>The mule chain as far as it is known.</summary>
    /// <param name="reportedAccounts">The accounts the linked reports say the victims paid into (line 1).</param>
    public MuleChain MuleChain(IEnumerable<Iban>? reportedAccounts = null) => Cases.MuleChain.Build(_transfers, _cashOuts, reportedAccounts);

    /// <summary>Links a report (its damage counts towards the case). Linking a report that is already linked to this
    /// case changes nothing, so a retried link does not count its damage twice.</summary>
    public void LinkReport(Report report)
    {
        ArgumentNullException.ThrowIfNull(report);
        EnsureOpen();
        if (report.CaseId == Id)
        {
            return;
        }

        report.LinkTo(Id);
        ReportCount++;
        ReportedDamage += report.Damage;
        if (OffenceDate is null || report.IncidentDate < OffenceDate)
        {
            OffenceDate = report.IncidentDate;
        }
    }

    /// <summary>Records a payment (from a report or a bank's answer). Exact duplicates are ignored, so recording the
    /// same bank answer twice is harmless.</summary>
    public void RecordTransfer(Transfer transfer)
    {
        ArgumentNullException.ThrowIfNull(transfer);
        EnsureOpen();
        if (transfer.FromIban == transfer.ToIban)
        {
            throw new DomainException("transfer.same-account", $"A transfer needs two different accounts; both are {transfer.FromIban}.", transfer.FromIban.Value);
        }

        if (transfer.Amount == Money.Zero)
        {
            throw new DomainException("transfer.zero", "A transfer of € 0.00 cannot be recorded.");
        }

        if (!_transfers.Contains(transfer))
        {
            _transfers.Add(transfer);
        }
    }

    /// <summary>Records money leaving the chain at an account.</summary>
    public void RecordCashOut(CashOut cashOut)
    {
        ArgumentNullException.ThrowIfNull(cashOut);
        EnsureOpen();
        if (!_cashOuts.Contains(cashOut))
        {
            _cashOuts.Add(cashOut);
        }
    }

    /// <summary>True when the case is open and may move from its current phase to <paramref name="phase"/> (Close is
    /// not a move: a case is closed with an end state).</summary>
    public bool CanMoveTo(CasePhase phase) => !IsClosed && _allowed[Phase].Contains(phase);

    /// <summary>Moves the case to another phase along the allowed transitions.</summary>
    public void MoveTo(CasePhase phase, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        EnsureOpen();
        Guard.Defined(phase, "Phase");
        if (phase == CasePhase.Closed)
        {
            throw new DomainException("case.close-with-end-state", "A case is closed with an end state; use Close.");
        }

        if (!_allowed[Phase].Contains(phase))
        {
            throw new DomainException(
                "case.phase-transition", $"Case {Number} cannot move from {Phase} to {phase}.", Number.Value, Phase.ToString(), phase.ToString());
        }

        Phase = phase;
        PhaseChangedAt = clock.GetUtcNow();
    }

    /// <summary>Assigns the case to a police officer personally (null to withdraw the assignment).</summary>
    public void AssignTo(string? userName)
    {
        EnsureOpen();
        AssignedTo = Guard.Optional(userName, "Assignee", AssignedToMaxLength)?.ToLowerInvariant();
    }

    /// <summary>Submits the case to an OM office for a disposition.</summary>
    public void SubmitToProsecution(Agency office, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(office);
        if (office.Kind != AgencyKind.ProsecutionService)
        {
            throw new DomainException("case.submit-not-om", $"{office.Name} is not an OM office; a case is submitted to the OM.", office.Name);
        }

        MoveTo(CasePhase.Prosecution, clock);
        ProsecutionOfficeId = office.Id;
    }

    /// <summary>Closes the case with its end state.</summary>
    public void Close(CaseEndState endState, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        EnsureOpen();
        Guard.Defined(endState, "End state");
        if (endState == CaseEndState.ClosedCivil && Phase != CasePhase.Registered)
        {
            throw new DomainException("case.civil-only-at-check", "Only a case at the civil-or-criminal check can be closed as a civil matter.");
        }

        Phase = CasePhase.Closed;
        EndState = endState;
        ClosedAt = clock.GetUtcNow();
        PhaseChangedAt = ClosedAt.Value;
    }

    private void EnsureOpen()
    {
        if (IsClosed)
        {
            throw new DomainException("case.closed", $"Case {Number} is closed and can no longer change.", Number?.Value);
        }
    }
}
