using System.Text.Json.Nodes;
using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Parties;
using Coordination.Domain.Reports;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Cases;

/// <summary>
/// S1: an intake officer registers a report (aangifte, Fraudehelpdesk referral, bank report). It opens a case owned by
/// the officer's unit, registers the victim, and starts the online-fraud case workflow — all in one transaction, so
/// there is never a case without its workflow.
/// </summary>
/// <param name="Channel">How the report came in.</param>
/// <param name="FraudType">Modus operandi.</param>
/// <param name="ReporterName">The reporting person (the victim).</param>
/// <param name="ReporterEmail">Their e-mail address, if given.</param>
/// <param name="Description">What happened.</param>
/// <param name="Damage">Damage in euro.</param>
/// <param name="IncidentDate">When it happened.</param>
/// <param name="VictimIban">The victim's own account (the payment's source), if given.</param>
/// <param name="Ibans">Accounts the victim paid or was asked to pay to.</param>
/// <param name="PhoneNumbers">Phone numbers the fraudster used.</param>
/// <param name="Urls">Advertisements, shops or phishing sites.</param>
/// <param name="VulnerableVictim">The victim is vulnerable (weighs in triage).</param>
[RequiresRole(Role.PoliceIntakeOfficer)]
[Audited(AuditAction.Create, "Case")]
public sealed record RegisterReportCommand(
    ReportChannel Channel,
    FraudType FraudType,
    string ReporterName,
    string? ReporterEmail,
    string Description,
    decimal Damage,
    DateOnly IncidentDate,
    string? VictimIban,
    IReadOnlyList<string> Ibans,
    IReadOnlyList<string> PhoneNumbers,
    IReadOnlyList<string> Urls,
    bool VulnerableVictim) : ICommand<RegisterReportResult>;

/// <summary>The registered case, or why nothing was registered (per field where a field is the cause).</summary>
public sealed record RegisterReportResult(bool Succeeded, Guid? CaseId, string? CaseNumber, string? ErrorCode, string? Message, IReadOnlyDictionary<string, FieldError> Errors)
{
    /// <summary>The values the refusal's text names (a domain rule's), in order.</summary>
    public IReadOnlyList<object?> Arguments { get; init; } = [];

    /// <summary>Registered.</summary>
    public static RegisterReportResult Ok(FraudCase fraudCase)
    {
        ArgumentNullException.ThrowIfNull(fraudCase);
        return new(true, fraudCase.Id.Value, fraudCase.Number.Value, null, null, new Dictionary<string, FieldError>());
    }

    /// <summary>Refused.</summary>
    public static RegisterReportResult Fail(string code, string message, IReadOnlyDictionary<string, FieldError>? errors = null) =>
        new(false, null, null, code, message, errors ?? new Dictionary<string, FieldError>());
}

/// <summary>Checks what the form can check before anything is saved, and says per field what is wrong.</summary>
public static class RegisterReportValidator
{
    /// <summary>Every problem, by field name; empty when the command is valid.</summary>
    public static IReadOnlyDictionary<string, FieldError> Validate(RegisterReportCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var errors = new Dictionary<string, FieldError>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(command.ReporterName))
        {
            errors[nameof(command.ReporterName)] = FieldError.Of("report.reporter-required", "Enter the name of the reporting person.");
        }

        if (string.IsNullOrWhiteSpace(command.Description))
        {
            errors[nameof(command.Description)] = FieldError.Of("report.description-required", "Describe what happened.");
        }

        if (command.Damage < 0)
        {
            errors[nameof(command.Damage)] = FieldError.Of("report.damage-negative", "The damage cannot be negative.");
        }
        else
        {
            // Whole cents and a plausible size: the same rules the report's Money will hold it to.
            try
            {
                _ = Money.Eur(command.Damage);
            }
            catch (DomainException ex)
            {
                errors[nameof(command.Damage)] = new FieldError(ex.Code, ex.Message, ex.Arguments);
            }
        }

        if (command.VictimIban is { Length: > 0 } victim && !Iban.TryParse(victim, out _, out var victimError))
        {
            errors[nameof(command.VictimIban)] = new FieldError(victimError!.Code, victimError.Message, victimError.Arguments);
        }

        foreach (var (iban, index) in (command.Ibans ?? []).Select((x, i) => (x, i)))
        {
            if (!Iban.TryParse(iban, out _, out var error))
            {
                errors[$"{nameof(command.Ibans)}[{index}]"] = new FieldError(error!.Code, error.Message, error.Arguments);
            }
        }

        if ((command.Ibans?.Count ?? 0) + (command.PhoneNumbers?.Count ?? 0) + (command.Urls?.Count ?? 0) == 0)
        {
            errors[nameof(command.Ibans)] = FieldError.Of("report.lead-required", "Give at least one lead: an IBAN, a phone number or a web address.");
        }

        return errors;
    }
}

internal sealed class RegisterReportHandler(
    IDbContextFactory<CoordinationDbContext> contexts, SystemDbContexts system, WorkflowRuntime runtime, WorkflowStores stores, UserContext users, TimeProvider clock)
    : ICommandHandler<RegisterReportCommand, RegisterReportResult>
{
    /// <summary>The workflow every registered report starts.</summary>
    public const string CaseWorkflow = "online-fraud-case";

    private const int NumberAttempts = 3;

    public async ValueTask<RegisterReportResult> Handle(RegisterReportCommand command, CancellationToken cancellationToken)
    {
        var errors = RegisterReportValidator.Validate(command);
        if (errors.Count > 0)
        {
            return RegisterReportResult.Fail("report.invalid", "The report has errors; nothing was saved.", errors);
        }

        var user = (await users.GetAsync())!;
        if (user.AgencyKind != AgencyKind.Police)
        {
            return RegisterReportResult.Fail("report.not-police", "Only a police unit registers reports.");
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await RegisterAsync(command, user, cancellationToken);
            }
            catch (DomainException ex)
            {
                return RegisterReportResult.Fail(ex.Code, ex.Message) with { Arguments = [.. ex.Arguments] };
            }
            catch (DbUpdateException) when (attempt < NumberAttempts)
            {
                // Another intake officer took the same case number at the same moment; take the next one.
            }
        }
    }

    private async Task<RegisterReportResult> RegisterAsync(RegisterReportCommand command, CurrentUser user, CancellationToken cancellationToken)
    {
        var report = Report.Submit(
            command.Channel, command.FraudType, command.ReporterName, command.ReporterEmail, command.Description,
            Money.Eur(command.Damage), command.IncidentDate, clock.GetUtcNow(), clock);
        if (command.VictimIban is { Length: > 0 } victimIban)
        {
            report.SetVictimIban(Iban.Parse(victimIban));
        }

        foreach (var iban in command.Ibans ?? [])
        {
            report.AddIban(Iban.Parse(iban));
        }

        foreach (var phone in command.PhoneNumbers ?? [])
        {
            report.AddPhoneNumber(phone);
        }

        foreach (var url in command.Urls ?? [])
        {
            report.AddUrl(url);
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var fraudCase = FraudCase.Register(await NextNumberAsync(cancellationToken), report, user.AgencyId, clock);
        db.Reports.Add(report);
        db.Cases.Add(fraudCase);
        db.Parties.Add(Party.Victim(fraudCase.Id, command.ReporterName, null, command.VulnerableVictim, clock));

        // The runtime's save commits the report, the case and the started workflow (its first task) together.
        var input = new JsonObject { ["caseId"] = fraudCase.Id.Value.ToString(), ["reportId"] = report.Id.Value.ToString() };
        await runtime.StartAsync(stores.For(db), CaseWorkflow, input, fraudCase.Id.Value.ToString(), cancellationToken);
        return RegisterReportResult.Ok(fraudCase);
    }

    // Case numbers run per year across all units, so the last one is looked up beyond the officer's need-to-know
    // (only the number is read). The text form sorts by year, then sequence.
    private async Task<CaseNumber> NextNumberAsync(CancellationToken cancellationToken)
    {
        var year = clock.GetUtcNow().Year;
        await using var db = await system.CreateDbContextAsync(cancellationToken);
        var last = await db.Cases.AsNoTracking().OrderByDescending(c => c.Number).Select(c => c.Number).FirstOrDefaultAsync(cancellationToken);
        return CaseNumber.Create(year, last is { } number && number.Year == year ? number.Sequence + 1 : 1);
    }
}
