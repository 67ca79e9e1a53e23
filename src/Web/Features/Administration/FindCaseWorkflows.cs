using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Common;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Administration;

/// <summary>
/// Every workflow of one case, found by its number: the case's own workflow and the ones it started (an account
/// trace per bank, a disposition per suspect), with where each waits or why it stopped. What an administrator
/// looks at when a case seems stuck without an incident, before reading a journal or stopping a workflow. Shows the
/// case by its number only — administrators do not see case files — and is audited.
/// </summary>
/// <param name="CaseNumber">The case number (OF-2026-000123).</param>
[Audited(AuditAction.Read, "WorkflowInstances")]
[RequiresRole(Role.Administrator)]
public sealed record FindCaseWorkflowsQuery(string CaseNumber) : IQuery<CaseWorkflows>;

/// <summary>What was found.</summary>
/// <param name="Problem">Why nothing could be looked up (the number is not a case number), or null.</param>
/// <param name="CaseNumber">The number as read (upper case), when it is one.</param>
/// <param name="Found">Whether a case has that number.</param>
/// <param name="Instances">Its workflows, each outer one before the ones it started, oldest first.</param>
public sealed record CaseWorkflows(FieldError? Problem, string? CaseNumber, bool Found, IReadOnlyList<CaseWorkflowDto> Instances);

/// <summary>One workflow of the case.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="ParentInstanceId">The workflow that started it, or null for the case's own.</param>
/// <param name="Depth">0 for the case's own workflow, 1 for one it started, and so on.</param>
/// <param name="DefinitionId">Its definition.</param>
/// <param name="DefinitionVersion">The version it runs.</param>
/// <param name="DefinitionName">The definition's name in Dutch, when the version is known.</param>
/// <param name="DefinitionNameEnglish">The name in English, when it has one.</param>
/// <param name="Status">Running, stopped by an incident, completed or cancelled.</param>
/// <param name="Outcome">How it ended, when it completed.</param>
/// <param name="StartedAt">When it started.</param>
/// <param name="UpdatedAt">When it last moved.</param>
/// <param name="WaitingAt">What it waits for: each open bookmark's activity and kind (a task, a timer, a signal, a child).</param>
/// <param name="IncidentActivityId">The activity an incident stopped, when one did.</param>
/// <param name="IncidentMessage">What went wrong there.</param>
/// <param name="HeldTasks">Its tasks someone holds (claimed, not completed): who, so an administrator can put one back in its queue.</param>
public sealed record CaseWorkflowDto(
    Guid InstanceId, Guid? ParentInstanceId, int Depth, string DefinitionId, int DefinitionVersion, string? DefinitionName, string? DefinitionNameEnglish,
    WorkflowStatus Status, string? Outcome, DateTimeOffset StartedAt, DateTimeOffset UpdatedAt, IReadOnlyList<WaitingAtDto> WaitingAt,
    string? IncidentActivityId, string? IncidentMessage, IReadOnlyList<HeldTaskDto> HeldTasks);

/// <summary>A task someone holds.</summary>
/// <param name="WorkItemId">The task.</param>
/// <param name="ActivityId">Its activity in the workflow.</param>
/// <param name="Holder">Who holds it.</param>
public sealed record HeldTaskDto(Guid WorkItemId, string ActivityId, string Holder);

/// <summary>One thing a workflow waits for.</summary>
/// <param name="ActivityId">The activity.</param>
/// <param name="Kind">A human task, a timer, an escalation, a signal or a child workflow.</param>
public sealed record WaitingAtDto(string ActivityId, BookmarkKind Kind);

internal sealed class FindCaseWorkflowsHandler(SystemDbContexts contexts, IWorkflowDefinitionSource definitions) : IQueryHandler<FindCaseWorkflowsQuery, CaseWorkflows>
{
    /// <summary>More workflows than any case has; the list stops there.</summary>
    public const int Shown = 500;

    public async ValueTask<CaseWorkflows> Handle(FindCaseWorkflowsQuery query, CancellationToken cancellationToken)
    {
        CaseNumber number;
        try
        {
            number = CaseNumber.Parse(query.CaseNumber);
        }
        catch (DomainException ex)
        {
            return new CaseWorkflows(new FieldError(ex.Code, ex.Message, [.. ex.Arguments]), null, false, []);
        }

        // Workflow state is the engine's, not case content: read unrestricted; of the case only its id is used.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var caseId = await db.Cases.AsNoTracking().Where(c => c.Number == number).Select(c => (Guid?)c.Id.Value).FirstOrDefaultAsync(cancellationToken);
        if (caseId is null)
        {
            return new CaseWorkflows(null, number.Value, false, []);
        }

        // Every workflow of a case carries the case as its correlation (children inherit it from their parent).
        var correlation = caseId.Value.ToString();
        var rows = await db.WorkflowInstances.AsNoTracking().Where(i => i.CorrelationId == correlation)
            .OrderBy(i => i.CreatedAt).Take(Shown)
            .Select(i => new
            {
                i.Id, i.ParentInstanceId, i.DefinitionId, i.DefinitionVersion, i.Status, i.Outcome, i.CreatedAt, i.UpdatedAt,
                i.IncidentActivityId, i.IncidentMessage,
            })
            .ToListAsync(cancellationToken);
        var ids = rows.Select(r => r.Id).ToList();
        var waiting = (await db.WorkflowBookmarks.AsNoTracking().Where(b => ids.Contains(b.InstanceId))
                .Select(b => new { b.InstanceId, b.ActivityId, b.Kind }).ToListAsync(cancellationToken))
            .ToLookup(b => b.InstanceId, b => new WaitingAtDto(b.ActivityId, b.Kind));
        var held = (await db.WorkItems.AsNoTracking()
                .Where(w => w.WorkflowInstanceId != null && ids.Contains(w.WorkflowInstanceId.Value) && w.Status == WorkItemStatus.Claimed)
                .Select(w => new { w.Id, w.WorkflowInstanceId, w.ActivityId, w.Assignee })
                .ToListAsync(cancellationToken))
            .ToLookup(w => w.WorkflowInstanceId!.Value, w => new HeldTaskDto(w.Id.Value, w.ActivityId ?? string.Empty, w.Assignee ?? string.Empty));

        // Outer workflows first, each followed by the ones it started (depth-first, oldest first at each level).
        var byParent = rows.ToLookup(r => r.ParentInstanceId is { } parent && ids.Contains(parent) ? parent : (Guid?)null);
        var ordered = new List<(Guid Id, int Depth)>();
        void Walk(Guid? parent, int depth)
        {
            foreach (var row in byParent[parent])
            {
                ordered.Add((row.Id, depth));
                Walk(row.Id, depth + 1);
            }
        }

        Walk(null, 0);
        var rowOf = rows.ToDictionary(r => r.Id);
        var items = new List<CaseWorkflowDto>(ordered.Count);
        foreach (var (id, depth) in ordered)
        {
            var row = rowOf[id];
            var definition = await definitions.GetAsync(row.DefinitionId, row.DefinitionVersion, cancellationToken);
            items.Add(new CaseWorkflowDto(
                row.Id, row.ParentInstanceId, depth, row.DefinitionId, row.DefinitionVersion, definition?.Name.Nl, definition?.Name.En,
                row.Status, row.Outcome, row.CreatedAt, row.UpdatedAt,
                [.. waiting[row.Id].OrderBy(w => w.ActivityId, StringComparer.Ordinal)], row.IncidentActivityId, row.IncidentMessage,
                [.. held[row.Id].OrderBy(h => h.ActivityId, StringComparer.Ordinal)]));
        }

        return new CaseWorkflows(null, number.Value, true, items);
    }
}
