using System.Globalization;
using System.Text.Json.Nodes;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.Cases;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Persistence.Seeding;

/// <summary>
/// Works the demo's open cases through the real workflows, as the demo users whose tasks they are: the intake officer
/// registers the report, then each open task of the case is claimed and completed by the user of its role and agency
/// until the task the case should wait at is open. So every open demo task has its workflow, form and outcomes, and
/// the case file its journal and milestones. Each step happens at a past moment (<see cref="DemoClock"/>).
/// </summary>
internal sealed partial class DemoCaseRunner(IServiceProvider services, SystemDbContexts contexts, ILogger<DemoCaseRunner> logger)
{
    private const int MaxSteps = 40;

    // Where each target phase waits: the first open task of one of these activities.
    private static readonly Dictionary<CasePhase, string[]> _waitAt = new()
    {
        [CasePhase.Registered] = ["civil-check"],
        [CasePhase.Triage] = ["triage"],
        [CasePhase.Investigation] = ["bank-answer", "bank-answer-urgent"],
        [CasePhase.Prosecution] = ["decide"],
        [CasePhase.Execution] = ["objection", "halt-intake"],
    };

    public async Task RunAsync(IReadOnlyList<LiveDemoCase> cases, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(cases);
        var users = await UsersAsync(cancellationToken);
        foreach (var live in cases.OrderBy(c => c.StartedAt))
        {
            try
            {
                await RunAsync(live, users, cancellationToken);
            }
#pragma warning disable CA1031 // One demo case that cannot be worked must not stop the app or the other demo cases; it is logged.
            catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
            {
                LogFailed(logger, live.Target, ex);
            }
        }
    }

    private async Task RunAsync(LiveDemoCase live, IReadOnlyList<CurrentUser> users, CancellationToken cancellationToken)
    {
        var at = live.StartedAt;
        var intake = users.First(u => u.AgencyId == live.Unit.Id && u.Holds(Role.PoliceIntakeOfficer));
        RegisterReportResult registered;
        using (DemoClock.ReplayAt(at))
        {
            registered = await SendAsync(
                new RegisterReportCommand(
                    live.Channel, live.FraudType, live.ReporterName, live.ReporterEmail, live.Description, live.Damage, live.IncidentDate, live.VictimIban.Value,
                    [live.MuleIban.Value], live.Phone is null ? [] : [live.Phone], live.Url is null ? [] : [live.Url], VulnerableVictim: false),
                intake, cancellationToken);
        }

        if (!registered.Succeeded)
        {
            LogRefused(logger, "register", registered.Message ?? registered.ErrorCode ?? "?");
            return;
        }

        var caseId = CaseId.From(registered.CaseId!.Value);
        var decisions = 0;
        for (var step = 0; step < MaxSteps; step++)
        {
            var open = await OpenTasksAsync(caseId, cancellationToken);
            if (open.Count == 0 || open.Any(w => w.ActivityId is { } activity && _waitAt[live.Target].Contains(activity)))
            {
                return;
            }

            var (next, answer) = open.Select(w => (Item: w, Answer: w.ActivityId is { } activity ? Answer(activity, live) : null)).FirstOrDefault(x => x.Answer is not null);
            if (next is null || answer is not { } chosen)
            {
                LogStuck(logger, registered.CaseNumber!, string.Join(", ", open.Select(w => w.ActivityId)));
                return;
            }

            // A decision that comes back was refused (the demo's answer does not fit this suspect): stop, saying so.
            if (next.ActivityId == "decide" && ++decisions > 1)
            {
                LogRefused(logger, "decide", $"{registered.CaseNumber}: the decision came back to the prosecutor");
                return;
            }

            at = at.AddHours(live.HoursBetweenSteps);
            if (users.FirstOrDefault(u => u.AgencyId == next.CandidateAgencyId && u.Holds(next.CandidateRole)) is not { } actor)
            {
                LogStuck(logger, registered.CaseNumber!, next.ActivityId!);
                return;
            }

            var (outcome, form) = chosen;
            using (DemoClock.ReplayAt(at))
            {
                var claimed = await SendAsync(new ClaimWorkItemCommand(next.Id.Value), actor, cancellationToken);
                var completed = claimed.Succeeded
                    ? await SendAsync(new CompleteWorkItemCommand(next.Id.Value, outcome, form?.ToJsonString()), actor, cancellationToken)
                    : claimed;
                if (!completed.Succeeded)
                {
                    LogRefused(logger, next.ActivityId!, completed.Message ?? completed.ErrorCode ?? "?");
                    return;
                }
            }
        }
    }

    // What the demo user answers on each task on the way; null for a task the demo does not work.
    private static (string Outcome, JsonObject? Form)? Answer(string activityId, LiveDemoCase live) => activityId switch
    {
        "civil-check" => ("Criminal", new JsonObject { ["reason"] = "Betaald, niet geleverd of misleid: oplichting (art. 326 Sr)." }),
        "victim-info" => ("Informed", null),
        "triage" => ("Investigate", null),
        "identify-holder" => ("Identified", new JsonObject { ["holderName"] = live.SuspectName, ["dateOfBirth"] = Date(live.SuspectBorn) }),
        "draft-order" => ("Submit", new JsonObject
        {
            ["person"] = "Rekeninghouder",
            ["data"] = "Saldo-, NAW- en transactiegegevens",
            ["period"] = $"{Date(live.IncidentDate.AddDays(-30))} – heden",
            ["legalBasis"] = "art. 126nd Sv",
            ["urgent"] = false,
        }),
        "approve-order" => ("Approve", null),
        "bank-answer" or "bank-answer-urgent" => ("Answered", new JsonObject
        {
            ["holderName"] = live.SuspectName,
            ["holderDateOfBirth"] = Date(live.SuspectBorn),
            ["balance"] = 12.50m,
            ["frozen"] = true,
            ["transfers"] = new JsonArray(),
            ["cashOuts"] = new JsonArray(new JsonObject
            {
                ["amount"] = decimal.Round(live.Damage * 0.9m, 2),
                ["at"] = live.IncidentDate.ToDateTime(new TimeOnly(14, 0), DateTimeKind.Utc).ToString("O", CultureInfo.InvariantCulture),
                ["method"] = "AtmWithdrawal",
            }),
        }),
        "identify-suspects" => ("Identified", new JsonObject
        {
            ["suspects"] = new JsonArray(new JsonObject { ["name"] = live.SuspectName, ["dateOfBirth"] = Date(live.SuspectBorn), ["role"] = "MoneyMule" }),
        }),
        "hearing" => ("Heard", new JsonObject { ["confessed"] = true }),
        "proposal" => ("Submit", new JsonObject
        {
            ["role"] = "MoneyMule",
            ["launderedAmount"] = live.Damage,
            ["firstOffence"] = true,
            ["cyberOffence"] = false,
            ["evidence"] = "Sufficient",
        }),
        "decide" => live.Youth ? ("Halt", new JsonObject { ["hours"] = 10 }) : ("PenaltyOrder", new JsonObject { ["hours"] = 40 }),
        _ => null,
    };

    private static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<List<WorkItem>> OpenTasksAsync(CaseId caseId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var open = await db.WorkItems.AsNoTracking().Where(w => w.CaseId == caseId && w.Status == WorkItemStatus.Open).ToListAsync(cancellationToken);
        return [.. open.OrderBy(w => w.CreatedAt)];
    }

    private async Task<IReadOnlyList<CurrentUser>> UsersAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var agencies = await db.Agencies.AsNoTracking().ToDictionaryAsync(a => a.Id, cancellationToken);
        var users = await db.Users.AsNoTracking().ToListAsync(cancellationToken);
        return [.. users.Select(u => new CurrentUser(u.UserName, u.DisplayName, u.AgencyId, agencies[u.AgencyId].Kind, Enum.GetValues<Role>().Where(u.Holds).ToHashSet()))];
    }

    private async Task<TResult> SendAsync<TResult>(ICommand<TResult> command, CurrentUser user, CancellationToken cancellationToken)
    {
        await using var scope = services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<UserContext>().ActAs(user, "demo seed");
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A demo case meant to stand in phase {Target} could not be worked; the other demo cases go on")]
    private static partial void LogFailed(ILogger logger, CasePhase target, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo case: '{Step}' was refused: {Reason}")]
    private static partial void LogRefused(ILogger logger, string step, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Demo case {CaseNumber} stopped at tasks the demo does not work: {Activities}")]
    private static partial void LogStuck(ILogger logger, string caseNumber, string activities);
}
