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
/// is recorded on the item.
/// </summary>
internal sealed class WorkflowEffectHandler(TimeProvider clock, WorkingDayCalendar calendar)
{
    /// <summary>Due time of a task whose definition gives no SLA.</summary>
    public static readonly TimeSpan DefaultTaskDuration = TimeSpan.FromDays(30);

    public async Task ApplyAsync(CoordinationDbContext db, WorkflowInstance instance, IReadOnlyList<WorkflowEffect> effects, CancellationToken cancellationToken)
    {
        foreach (var effect in effects)
        {
            switch (effect)
            {
                case CreateTaskEffect task:
                    await CreateWorkItemAsync(db, instance, task, cancellationToken);
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
                        var agency = await ResolveAgencyAsync(db, instance, escalate.Agency, ParseRole(escalate.Role, escalate.ActivityId), cancellationToken);
                        late.Escalate(ParseRole(escalate.Role, escalate.ActivityId), agency, clock);
                    }

                    break;
            }
        }
    }

    private async Task CreateWorkItemAsync(CoordinationDbContext db, WorkflowInstance instance, CreateTaskEffect task, CancellationToken cancellationToken)
    {
        var caseId = CaseOf(instance);
        var role = ParseRole(task.Role, task.ActivityId);
        var agency = await ResolveAgencyAsync(db, instance, task.Agency, role, cancellationToken);
        var now = clock.GetUtcNow();
        var due = task.Sla switch
        {
            null => now + DefaultTaskDuration,
            { Kind: TimeKind.Working, Duration.WholeDays: { } days } => calendar.AddWorkingDays(now, days),
            var sla => sla.Duration.AddTo(now),
        };
        db.WorkItems.Add(WorkItem.Create(
            caseId, task.Title.Nl, agency, role, due, clock, instance.Id, task.ActivityId, WorkItemId.From(task.TaskId), task.Title.En));
    }

    private static async Task<WorkItem?> FindItemAsync(CoordinationDbContext db, Guid taskId, CancellationToken cancellationToken)
    {
        var id = WorkItemId.From(taskId);
        return db.WorkItems.Local.FirstOrDefault(w => w.Id == id) ?? await db.WorkItems.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
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
    private static async Task<AgencyId> ResolveAgencyAsync(CoordinationDbContext db, WorkflowInstance instance, string? agency, Role role, CancellationToken cancellationToken)
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
        var fraudCase = await db.Cases.AsNoTracking().Where(c => c.Id == caseId).Select(c => new { c.OwningUnitId, c.ProsecutionOfficeId }).FirstOrDefaultAsync(cancellationToken)
            ?? throw new InvalidOperationException($"Case {caseId} of workflow {instance.Id} does not exist.");
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
