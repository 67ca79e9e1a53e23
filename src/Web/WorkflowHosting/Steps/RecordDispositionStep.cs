using System.Globalization;
using System.Text.Json.Nodes;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Dispositions;
using Coordination.Domain.Parties;
using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>
/// S17: records the prosecutor's decision for a suspect as a <see cref="Disposition"/>, whose factories hold the legal
/// limits (community service ≤ 180 hours, Halt only at 12–17 and ≤ 20 hours, Hack_Right only at 12–23). A decision
/// the law does not allow leaves through <c>Refused</c> with the reason in <c>refusal</c>, so the workflow can put it
/// back to the prosecutor instead of stopping at an incident.
/// </summary>
/// <remarks>
/// Inputs: <c>caseId</c>, <c>suspectId</c>, <c>kind</c> (a <see cref="DispositionKind"/>), <c>hours</c>, <c>fine</c> (euros),
/// <c>dismissalCode</c>, <c>decisionTask</c> (the activity id of the prosecutor's task; its holder is recorded as the
/// decider). Outputs: <c>dispositionId</c>, <c>finalAt</c> (for a penalty order: when the objection window has
/// closed), <c>refusal</c> (the reason, in English) and <c>refusalCode</c> (its code, for the user's language). Running it again while the suspect's latest disposition is still this decision returns
/// that disposition instead of recording a second one.
/// </remarks>
internal sealed class RecordDispositionStep(SystemDbContexts contexts, TimeProvider clock) : IStepHandler
{
    public const string Recorded = "Recorded";
    public const string Refused = "Refused";

    public string StepKey => "record-disposition";

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var input = context.Input;
        var suspectId = PartyId.From(StepValues.Id(input, "suspectId"));
        var kind = Enum.TryParse<DispositionKind>(StepValues.Text(input, "kind"), out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidOperationException($"'{StepValues.Text(input, "kind")}' is not a kind of disposition.");
        var decisionTask = StepValues.OptionalText(input, "decisionTask");

        // Hours and fine are what the prosecutor typed: a value the law or Money refuses goes back to them (Refused)
        // like any other refusal, instead of stopping the workflow at an incident.
        try
        {
            var hours = Hours(StepValues.Number(input["hours"]));
            var fine = StepValues.Number(input["fine"]) is { } f ? Money.Eur(f) : (Money?)null;
            var disposition = await StepValues.SaveAsync(contexts, async db =>
            {
                var suspect = await db.Parties.AsNoTracking().FirstAsync(p => p.Id == suspectId, cancellationToken);
                var latest = (await db.Dispositions.Where(d => d.SuspectId == suspectId).ToListAsync(cancellationToken)).MaxBy(d => d.DecidedAt);
                if (latest is not null && latest.Kind == kind && latest.Status is not (DispositionStatus.Failed or DispositionStatus.ObjectionFiled))
                {
                    return latest;
                }

                var decidedBy = await DeciderAsync(db, context.InstanceId, decisionTask, cancellationToken);
                var created = kind switch
                {
                    DispositionKind.PenaltyOrder => Disposition.PenaltyOrder(suspect, hours, fine, null, decidedBy, clock),
                    DispositionKind.Summons => Disposition.Summons(suspect, decidedBy, clock),
                    DispositionKind.Dismissal => Disposition.Dismissal(suspect, StepValues.Text(input, "dismissalCode"), decidedBy, clock),
                    DispositionKind.HaltReferral => Disposition.HaltReferral(suspect, hours ?? 0, decidedBy, clock),
                    DispositionKind.HackRightReferral => Disposition.HackRightReferral(suspect, decidedBy, clock),
                    _ => throw new InvalidOperationException($"The workflow cannot record a {kind} yet."),
                };
                db.Dispositions.Add(created);
                return created;
            }, cancellationToken);

            var outputs = new JsonObject { ["dispositionId"] = disposition.Id.Value.ToString(), ["refusal"] = null, ["refusalCode"] = null };
            if (disposition.ObjectionDeadline is { } deadline)
            {
                // The window is counted in days (Disposition): the order is final from the start of the next UTC day.
                var final = new DateTimeOffset(DateOnly.FromDateTime(deadline.UtcDateTime).AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                outputs["finalAt"] = final.ToString("O", CultureInfo.InvariantCulture);
            }

            return new StepResult(Recorded, outputs);
        }
        catch (DomainException ex)
        {
            return new StepResult(Refused, new JsonObject { ["dispositionId"] = null, ["refusal"] = ex.Message, ["refusalCode"] = ex.Code });
        }
    }

    private static int? Hours(decimal? hours) => hours switch
    {
        null => null,
        { } h when h != decimal.Truncate(h) || h is < int.MinValue or > int.MaxValue
            => throw new DomainException("disposition.hours", $"Hours are a whole number; {h.ToString(CultureInfo.InvariantCulture)} is not.", h),
        { } h => (int)h,
    };

    // The prosecutor is whoever holds the decision task: its completion commits together with this step's workflow
    // advance, so the item is still claimed by them when this runs (and completed by them when it runs again).
    private static async Task<string> DeciderAsync(CoordinationDbContext db, Guid instanceId, string? activityId, CancellationToken cancellationToken)
    {
        if (activityId is null)
        {
            return Domain.WorkItems.WorkItem.SystemActor;
        }

        var items = await db.WorkItems.AsNoTracking().Where(w => w.WorkflowInstanceId == instanceId && w.ActivityId == activityId).ToListAsync(cancellationToken);
        return items.MaxBy(w => w.CreatedAt)?.Assignee ?? Domain.WorkItems.WorkItem.SystemActor;
    }
}
