using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Workflow.Definitions;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.WorkflowHosting;

/// <summary>
/// Turns a workflow's effects into domain changes in the same unit of work: a human task becomes a work item (its id
/// is the task's bookmark, so completing the item resumes the workflow), a withdrawn task is cancelled, an escalation
/// is recorded on the item. It runs inside the caller's unit of work, after the caller's own access was checked, and
/// acts for the workflow: tasks it withdraws or cases it reads may lie outside the caller's need-to-know, so its
/// queries ignore the need-to-know filters on purpose.
/// </summary>
internal sealed class WorkflowEffectHandler(TimeProvider clock, WorkingDayCalendar calendar, CaseWorkflowEvents caseEvents)
{
    // Acts for the workflow, so past the need-to-know filters (see above). Compiled once: it runs for every task.
    private static readonly CompiledQuery<CaseId, CaseAgencies?> _findCase =
        new((db, id, _) =>
            db.Cases.IgnoreQueryFilters().AsNoTracking().Where(c => c.Id == id).Select(c => new CaseAgencies(c.Id, c.OwningUnitId, c.ProsecutionOfficeId)).FirstOrDefault());

    /// <summary>Due time of a task whose definition gives no SLA.</summary>
    public static readonly TimeSpan DefaultTaskDuration = TimeSpan.FromDays(30);

    public async Task ApplyAsync(
        CoordinationDbContext db, WorkflowInstance instance, IReadOnlyList<WorkflowEffect> effects, CaseAgencies? knownCase, CancellationToken cancellationToken)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case CreateTaskEffect task:
                    await CreateWorkItemAsync(db, instance, task, knownCase, cancellationToken);
                    break;
                case CancelTaskEffect cancel:
                    var item = await FindItemAsync(db, cancel.TaskId, cancellationToken);
                    if (item is { Status: WorkItemStatus.Open or WorkItemStatus.Claimed })
                    {
                        item.Cancel(WorkItem.SystemActor, clock);
                    }

                    break;
                case EscalateTaskEffect escalate:
                    var late = await FindItemAsync(db, escalate.TaskId, cancellationToken);
                    if (late is { Status: WorkItemStatus.Open or WorkItemStatus.Claimed })
                    {
                        var agency = await ResolveAgencyAsync(db, instance, escalate.Agency, ParseRole(escalate.Role, escalate.ActivityId), knownCase, cancellationToken);
                        late.Escalate(ParseRole(escalate.Role, escalate.ActivityId), agency, clock);
                        await caseEvents.OnEscalatedAsync(db, late, cancellationToken);
                    }

                    break;

                // What the case workflows mean for the case (phase, end state): see CaseWorkflowEvents.
                case MilestoneReachedEffect milestone:
                    await caseEvents.OnMilestoneAsync(db, instance, milestone, cancellationToken);
                    break;
                case WorkflowCompletedEffect completed:
                    await caseEvents.OnCompletedAsync(db, instance, completed, cancellationToken);
                    break;
                case WorkflowCancelledEffect cancelled:
                    await caseEvents.OnCancelledAsync(db, instance, cancelled, cancellationToken);
                    break;
            }
        }
    }

    private async Task CreateWorkItemAsync(CoordinationDbContext db, WorkflowInstance instance, CreateTaskEffect task, CaseAgencies? knownCase, CancellationToken cancellationToken)
    {
        var caseId = CaseOf(instance);
        var role = ParseRole(task.Role, task.ActivityId);
        var agency = await ResolveAgencyAsync(db, instance, task.Agency, role, knownCase, cancellationToken);
        var now = clock.GetUtcNow();
        var due = task.Sla switch
        {
            null => now + DefaultTaskDuration,
            { Kind: TimeKind.Working, Duration.WholeDays: { } days } => calendar.AddWorkingDays(now, days),
            var sla => sla.Duration.AddTo(now),
        };
        // What a definition's expressions gave only describes the task, so an overlong text is cut rather than refused.
        db.WorkItems.Add(WorkItem.Create(
            caseId, task.Title.Nl, agency, role, due, clock, instance.Id, task.ActivityId, WorkItemId.From(task.TaskId), task.Title.En,
            TextLimits.Cut(task.Subject, WorkItem.SubjectMaxLength), TextLimits.Cut(task.Refusal?.Reason, WorkItem.RefusalMaxLength),
            TextLimits.Cut(task.Refusal?.Code, WorkItem.RefusalCodeMaxLength)));
    }

    private static async Task<WorkItem?> FindItemAsync(CoordinationDbContext db, Guid taskId, CancellationToken cancellationToken)
    {
        var id = WorkItemId.From(taskId);
        return db.WorkItems.Local.FirstOrDefault(w => w.Id == id) ?? await db.WorkItems.IgnoreQueryFilters().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
    }

    private static CaseId CaseOf(WorkflowInstance instance) =>
        Guid.TryParse(instance.CorrelationId, out var id)
            ? CaseId.From(id)
            : throw new InvalidOperationException($"Workflow {instance.DefinitionId} ({instance.Id}) creates tasks but is not correlated to a case.");

    private static Role ParseRole(string role, string activityId) =>
        Enum.TryParse<Role>(role, ignoreCase: false, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new InvalidOperationException($"Activity '{activityId}' offers a task to '{role}', which is not a role of Coordination.");

    // An explicit agency (code or id) wins; otherwise the case decides: police roles go to the owning unit, OM roles to
    // the office the case was submitted to, Halt roles to Halt.
    private static async Task<AgencyId> ResolveAgencyAsync(
        CoordinationDbContext db, WorkflowInstance instance, string? agency, Role role, CaseAgencies? knownCase, CancellationToken cancellationToken)
    {
        if (agency is not null)
        {
            if (Guid.TryParse(agency, out var guid))
            {
                return AgencyId.From(guid);
            }

            var code = agency.ToUpperInvariant();
            var byCode = await db.Agencies.AsNoTracking().Where(a => a.Code == code || a.BankCode == code).Select(a => (AgencyId?)a.Id).FirstOrDefaultAsync(cancellationToken);
            return byCode ?? throw new InvalidOperationException($"No agency has the code or bank code '{agency}'.");
        }

        var caseId = CaseOf(instance);
        // A case registered or moved in this same unit of work (not saved yet) is read as it is now; then what the
        // caller already read of it in this unit of work; only then the database.
        var fraudCase = db.Cases.Local.FindEntry(caseId)?.Entity is { } tracked
            ? new CaseAgencies(caseId, tracked.OwningUnitId, tracked.ProsecutionOfficeId)
            : knownCase is not null && knownCase.CaseId == caseId
                ? knownCase
                : await _findCase.ExecuteAsync(db, caseId, cancellationToken) ?? throw new InvalidOperationException($"Case {caseId} of workflow {instance.Id} does not exist.");
        var kind = role switch
        {
            Role.Prosecutor or Role.ProsecutionClerk => AgencyKind.ProsecutionService,
            Role.HaltOfficer => AgencyKind.Halt,
            Role.BankFraudOfficer or Role.BankTeamLead => AgencyKind.Bank,
            _ => AgencyKind.Police,
        };
        return kind switch
        {
            AgencyKind.Police => fraudCase.OwningUnitId,
            AgencyKind.ProsecutionService when fraudCase.ProsecutionOfficeId is { } office => office,
            AgencyKind.Bank => throw new InvalidOperationException($"A task for {role} needs an agency: the bank it is addressed to."),
            _ => await db.Agencies.AsNoTracking().Where(a => a.Kind == kind).OrderBy(a => a.Code).Select(a => a.Id).FirstAsync(cancellationToken),
        };
    }
}
