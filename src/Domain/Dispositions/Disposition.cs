using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Parties;

namespace Coordination.Domain.Dispositions;

/// <summary>Identifies a <see cref="Disposition"/>.</summary>
public readonly record struct DispositionId(Guid Value) : ITypedId<DispositionId>
{
    /// <inheritdoc />
    public static DispositionId From(Guid value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>The OM's decisions for a suspect (domain brief §1.6, §1.8).</summary>
public enum DispositionKind
{
    /// <summary>Dagvaarding: summons to court.</summary>
    Summons,

    /// <summary>OM-strafbeschikking (art. 257a Sv): community service, fine, compensation.</summary>
    PenaltyOrder,

    /// <summary>Transactie: prosecution lapses once conditions are met.</summary>
    Settlement,

    /// <summary>Sepot (art. 167(2) Sv) with a code.</summary>
    Dismissal,

    /// <summary>Voorwaardelijk sepot with a probation period.</summary>
    ConditionalDismissal,

    /// <summary>Halt-afdoening for a 12–17-year-old (art. 77e Sr).</summary>
    HaltReferral,

    /// <summary>Hack_Right, for young cyber offenders.</summary>
    HackRightReferral,
}

/// <summary>Where a disposition stands.</summary>
public enum DispositionStatus
{
    /// <summary>Decided; for a penalty order the objection window runs.</summary>
    Decided,

    /// <summary>The suspect objected to the penalty order; the case goes to court (summons).</summary>
    ObjectionFiled,

    /// <summary>Final (no objection in time, or the referral was completed).</summary>
    Final,

    /// <summary>The Halt or Hack_Right referral failed; back to the prosecutor.</summary>
    Failed,
}

/// <summary>
/// A decision of the OM for one suspect, with its legal limits: community service at most 180 hours and an objection
/// window of 14 days for a penalty order, probation at most one year for a conditional dismissal, Halt only for
/// 12–17-year-olds and at most 20 hours, Hack_Right for 12–23-year-olds.
/// </summary>
public sealed class Disposition : AggregateRoot<DispositionId>
{
    /// <summary>Maximum community service in a penalty order (art. 257a Sv).</summary>
    public const int MaxCommunityServiceHours = 180;

    /// <summary>Days in which a suspect can object to a penalty order.</summary>
    public const int ObjectionWindowDays = 14;

    /// <summary>Maximum Halt hours (art. 77e Sr).</summary>
    public const int MaxHaltHours = 20;

    /// <summary>Youngest and oldest age at the offence for Halt.</summary>
    public const int HaltMinAge = 12, HaltMaxAge = 17;

    /// <summary>Youngest and oldest age at the offence for Hack_Right.</summary>
    public const int HackRightMinAge = 12, HackRightMaxAge = 23;

    /// <summary>Length of a dismissal code.</summary>
    public const int DismissalCodeLength = 2;

    /// <summary>Maximum length of <see cref="DecidedBy"/>.</summary>
    public const int DecidedByMaxLength = 256;

    private Disposition() { } // EF

    /// <summary>The case.</summary>
    public CaseId CaseId { get; private set; }

    /// <summary>The suspect the decision is about.</summary>
    public PartyId SuspectId { get; private set; }

    /// <summary>Kind of decision.</summary>
    public DispositionKind Kind { get; private set; }

    /// <summary>Status.</summary>
    public DispositionStatus Status { get; private set; }

    /// <summary>When it was decided.</summary>
    public DateTimeOffset DecidedAt { get; private set; }

    /// <summary>The prosecutor who decided.</summary>
    public string DecidedBy { get; private set; } = null!;

    /// <summary>Community service hours (penalty order) or Halt hours.</summary>
    public int? Hours { get; private set; }

    /// <summary>Fine (penalty order) or settlement amount.</summary>
    public Money? Fine { get; private set; }

    /// <summary>Compensation to the victims.</summary>
    public Money? Compensation { get; private set; }

    /// <summary>Dismissal code, e.g. 01 (wrongly suspected) or 02 (insufficient evidence).</summary>
    public string? DismissalCode { get; private set; }

    /// <summary>End of probation for a conditional dismissal.</summary>
    public DateOnly? ProbationEndsOn { get; private set; }

    /// <summary>Last day to object to a penalty order.</summary>
    public DateTimeOffset? ObjectionDeadline { get; private set; }

    /// <summary>When the status last changed to a final state.</summary>
    public DateTimeOffset? SettledAt { get; private set; }

    /// <summary>A summons to court.</summary>
    public static Disposition Summons(Party suspect, string decidedBy, TimeProvider clock) =>
        New(suspect, DispositionKind.Summons, decidedBy, clock);

    /// <summary>A prosecutor's penalty order; at least one of community service, fine or compensation.</summary>
    public static Disposition PenaltyOrder(Party suspect, int? communityServiceHours, Money? fine, Money? compensation, string decidedBy, TimeProvider clock)
    {
        if (communityServiceHours is < 1 or > MaxCommunityServiceHours)
        {
            throw new DomainException(
                "disposition.community-service-hours",
                $"Community service in a penalty order is 1 to {MaxCommunityServiceHours} hours (got {communityServiceHours}).",
                communityServiceHours,
                MaxCommunityServiceHours);
        }

        if (communityServiceHours is null && fine is null && compensation is null)
        {
            throw new DomainException("disposition.penalty-empty", "A penalty order imposes community service, a fine or compensation.");
        }

        var d = New(suspect, DispositionKind.PenaltyOrder, decidedBy, clock);
        d.Hours = communityServiceHours;
        d.Fine = fine;
        d.Compensation = compensation;
        d.ObjectionDeadline = d.DecidedAt.AddDays(ObjectionWindowDays);
        return d;
    }

    /// <summary>A settlement: prosecution lapses once the amount is paid.</summary>
    public static Disposition Settlement(Party suspect, Money amount, string decidedBy, TimeProvider clock)
    {
        var d = New(suspect, DispositionKind.Settlement, decidedBy, clock);
        d.Fine = amount;
        return d;
    }

    /// <summary>A dismissal with its two-digit code (e.g. 01 wrongly suspected, 02 insufficient evidence).</summary>
    public static Disposition Dismissal(Party suspect, string code, string decidedBy, TimeProvider clock)
    {
        var trimmed = (code ?? string.Empty).Trim();
        if (trimmed.Length != DismissalCodeLength || !trimmed.All(char.IsAsciiDigit))
        {
            throw new DomainException("disposition.dismissal-code", $"A dismissal code is two digits, such as 01 or 02 (got '{code}').", code);
        }

        var d = New(suspect, DispositionKind.Dismissal, decidedBy, clock);
        d.DismissalCode = trimmed;
        d.Status = DispositionStatus.Final;
        d.SettledAt = d.DecidedAt;
        return d;
    }

    /// <summary>A conditional dismissal with a probation period of at most one year.</summary>
    public static Disposition ConditionalDismissal(Party suspect, DateOnly probationEndsOn, string decidedBy, TimeProvider clock)
    {
        var d = New(suspect, DispositionKind.ConditionalDismissal, decidedBy, clock);
        var decidedOn = DateOnly.FromDateTime(d.DecidedAt.UtcDateTime);
        if (probationEndsOn <= decidedOn || probationEndsOn > decidedOn.AddYears(1))
        {
            throw new DomainException(
                "disposition.probation", $"Probation ends after the decision and at most one year later (by {decidedOn.AddYears(1):yyyy-MM-dd}).", decidedOn.AddYears(1));
        }

        d.ProbationEndsOn = probationEndsOn;
        return d;
    }

    /// <summary>A Halt referral for a suspect aged 12–17 at the offence, at most 20 hours.</summary>
    public static Disposition HaltReferral(Party suspect, int hours, string decidedBy, TimeProvider clock)
    {
        // New first, so a victim is refused as not a suspect rather than for a missing age.
        var d = New(suspect, DispositionKind.HaltReferral, decidedBy, clock);
        RequireAge(suspect, HaltMinAge, HaltMaxAge, "Halt");
        if (hours is < 1 or > MaxHaltHours)
        {
            throw new DomainException("disposition.halt-hours", $"A Halt referral is 1 to {MaxHaltHours} hours (got {hours}).", hours, MaxHaltHours);
        }

        d.Hours = hours;
        return d;
    }

    /// <summary>A Hack_Right referral for a suspect aged 12–23 at the offence.</summary>
    public static Disposition HackRightReferral(Party suspect, string decidedBy, TimeProvider clock)
    {
        var d = New(suspect, DispositionKind.HackRightReferral, decidedBy, clock);
        RequireAge(suspect, HackRightMinAge, HackRightMaxAge, "Hack_Right");
        return d;
    }

    /// <summary>The suspect objects to a penalty order within the window; the case goes to court.</summary>
    public void FileObjection(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        RequireKindAndStatus(DispositionKind.PenaltyOrder, "object to");
        var now = clock.GetUtcNow();
        if (!IsObjectionWindowOpen(now))
        {
            throw new DomainException(
                "disposition.objection-late", $"The objection window closed on {ObjectionDeadline:yyyy-MM-dd}; the penalty order is final.", ObjectionDeadline);
        }

        Status = DispositionStatus.ObjectionFiled;
        SettledAt = now;
    }

    /// <summary>Marks a penalty order final once its objection window has passed without objection, or a settlement
    /// paid, or a conditional dismissal's probation ended.</summary>
    public void MakeFinal(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        var now = clock.GetUtcNow();
        if (Status != DispositionStatus.Decided)
        {
            throw new DomainException("disposition.not-open", $"This {Kind} is already {Status}.", Kind.ToString(), Status.ToString());
        }

        switch (Kind)
        {
            case DispositionKind.PenaltyOrder when IsObjectionWindowOpen(now):
                throw new DomainException(
                    "disposition.objection-open", $"The objection window runs until {ObjectionDeadline:yyyy-MM-dd}; the order is not final yet.", ObjectionDeadline);
            case DispositionKind.ConditionalDismissal when DateOnly.FromDateTime(now.UtcDateTime) < ProbationEndsOn:
                throw new DomainException("disposition.probation-running", $"Probation runs until {ProbationEndsOn:yyyy-MM-dd}.", ProbationEndsOn);
            case DispositionKind.HaltReferral or DispositionKind.HackRightReferral:
                throw new DomainException("disposition.referral-outcome", "A referral ends as completed or failed; record its outcome.");
        }

        Status = DispositionStatus.Final;
        SettledAt = now;
    }

    /// <summary>Records the outcome of a Halt or Hack_Right referral.</summary>
    public void RecordReferralOutcome(bool completed, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (Kind is not (DispositionKind.HaltReferral or DispositionKind.HackRightReferral))
        {
            throw new DomainException("disposition.not-referral", $"A {Kind} has no referral outcome.", Kind.ToString());
        }

        RequireKindAndStatus(Kind, "record the outcome of");
        Status = completed ? DispositionStatus.Final : DispositionStatus.Failed;
        SettledAt = clock.GetUtcNow();
    }

    private static Disposition New(Party suspect, DispositionKind kind, string decidedBy, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(suspect);
        ArgumentNullException.ThrowIfNull(clock);
        if (!suspect.IsSuspect)
        {
            throw new DomainException("disposition.not-suspect", $"{suspect.FullName} is not a suspect; a disposition is about a suspect.", suspect.FullName);
        }

        return new Disposition
        {
            CaseId = suspect.CaseId,
            SuspectId = suspect.Id,
            Kind = kind,
            Status = DispositionStatus.Decided,
            DecidedAt = clock.GetUtcNow(),
            DecidedBy = Guard.Required(decidedBy, "Decided by", DecidedByMaxLength),
        };
    }

    private static void RequireAge(Party suspect, int min, int max, string route)
    {
        ArgumentNullException.ThrowIfNull(suspect);
        if (suspect.AgeAtOffence is not { } age)
        {
            throw new DomainException("disposition.age-unknown", $"{route} depends on the age at the offence; record the suspect's date of birth first.", route);
        }

        if (age < min || age > max)
        {
            throw new DomainException(
                "disposition.age-route", $"{route} is for suspects aged {min}–{max} at the offence; {suspect.FullName} was {age}.", route, min, max, age);
        }
    }

    // The window is counted in days (verzet within 14 days, domain brief §1.6): an objection on the last day counts whatever
    // the hour, and the order becomes final only the day after. Dates are UTC dates, as elsewhere in the domain.
    private bool IsObjectionWindowOpen(DateTimeOffset now) =>
        ObjectionDeadline is { } deadline && DateOnly.FromDateTime(now.UtcDateTime) <= DateOnly.FromDateTime(deadline.UtcDateTime);

    private void RequireKindAndStatus(DispositionKind kind, string action)
    {
        if (Kind != kind)
        {
            throw new DomainException("disposition.wrong-kind", $"You can only {action} a {kind}; this is a {Kind}.", action, kind.ToString(), Kind.ToString());
        }

        if (Status != DispositionStatus.Decided)
        {
            throw new DomainException("disposition.not-open", $"This {Kind} is already {Status}.", Kind.ToString(), Status.ToString());
        }
    }
}
