using System.Text.Json;
using System.Text.Json.Nodes;
using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Common;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.WorkItems;

/// <summary>Completes a claimed work item with an outcome and form data, and advances its workflow in the same
/// transaction: either both happen or neither.</summary>
/// <param name="WorkItemId">The work item.</param>
/// <param name="Outcome">The chosen outcome (a port of the task).</param>
/// <param name="FormData">The form data as a JSON object, or null.</param>
[Audited(AuditAction.Complete, "WorkItem")]
public sealed record CompleteWorkItemCommand(Guid WorkItemId, string Outcome, string? FormData) : ICommand<Result>, IWorkItemRequest;

internal sealed class CompleteWorkItemHandler(
    IDbContextFactory<CoordinationDbContext> contexts, WorkItemCompletion completion, UserContext users)
    : ICommandHandler<CompleteWorkItemCommand, Result>
{
    public async ValueTask<Result> Handle(CompleteWorkItemCommand command, CancellationToken cancellationToken)
    {
        JsonObject? data = null;
        if (!string.IsNullOrWhiteSpace(command.FormData))
        {
            try
            {
                data = JsonNode.Parse(command.FormData) as JsonObject ?? throw new JsonException("not an object");
            }
            catch (JsonException)
            {
                return Result.Fail("work-item.form-data", "The form data could not be read; nothing was saved.");
            }
        }

        var user = (await users.GetAsync())!;
        var id = WorkItemId.From(command.WorkItemId);
        try
        {
            // The user's context: the item is loaded under their need-to-know filters.
            await using var db = await contexts.CreateDbContextAsync(cancellationToken);
            return await completion.CompleteAsync(db, id, command.Outcome, data, user.UserName, cancellationToken);
        }
        catch (DomainException ex)
        {
            return Result.Fail(ex.Code, ex.Message);
        }
        catch (Exception ex) when (ex is WorkflowConcurrencyException or DbUpdateConcurrencyException)
        {
            return await ConflictAsync(id, cancellationToken);
        }
    }

    // Someone else saved first: say who, from a fresh read.
    private async Task<Result> ConflictAsync(WorkItemId id, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var current = await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        var by = current?.History.LastOrDefault(e => e.Kind == WorkItemEventKind.Completed)?.Actor;
        return current?.Status == WorkItemStatus.Completed
            ? by is null
                ? Result.Fail("work-item.already-completed", $"The task '{current.Title}' was already completed.")
                : Result.Fail("work-item.already-completed-by", $"The task '{current.Title}' was already completed by {by}.", by)
            : Result.Fail("work-item.conflict", "Someone else changed this task at the same moment; nothing was saved. Open it again.");
    }
}

/// <summary>
/// Completes a work item and advances its workflow in one unit of work: the handler's work once the request is
/// parsed and allowed, kept apart so the benchmark measures exactly this path. Throws <see cref="DomainException"/>
/// for a transition the item refuses, and <see cref="WorkflowConcurrencyException"/> or
/// <see cref="DbUpdateConcurrencyException"/> when someone else saved the item or its instance first.
/// </summary>
internal sealed class WorkItemCompletion(WorkflowRuntime runtime, WorkflowStores stores, TimeProvider clock)
{
    // One query (one round trip) loads what the step needs: the item with its history (tracked: it is completed
    // here), its workflow instance's row (tracked: the store saves it, and finds it already loaded instead of reading
    // it again) and where the case sits (for the next task's agency). The case is read through the context's own
    // need-to-know filter, so a user who may not see the case gets nulls and the workflow reads it itself.
    private static readonly CompiledQuery<WorkItemId, ItemToComplete?> _load = new((db, id, _) =>
            (from w in db.WorkItems
             where w.Id == id
             join i in db.WorkflowInstances on w.WorkflowInstanceId equals (Guid?)i.Id into instances
             from i in instances.DefaultIfEmpty()
             join c in db.Cases on w.CaseId equals c.Id into cases
             from c in cases.DefaultIfEmpty()
             select new ItemToComplete(w, i, c == null ? null : (AgencyId?)c.OwningUnitId, c == null ? null : c.ProsecutionOfficeId))
            .FirstOrDefault());

    /// <param name="db">The operation's context (the user's, so the item is found only when they may see it).</param>
    /// <param name="id">The item.</param>
    /// <param name="outcome">The chosen outcome.</param>
    /// <param name="data">The form data.</param>
    /// <param name="actor">Who completes it.</param>
    /// <param name="cancellationToken">Cancels.</param>
    /// <param name="observe">Wraps the instance store, for a caller that watches its calls (the benchmark times them).</param>
    public async Task<Result> CompleteAsync(
        CoordinationDbContext db, WorkItemId id, string outcome, JsonObject? data, string actor, CancellationToken cancellationToken,
        Func<IWorkflowInstanceStore, IWorkflowInstanceStore>? observe = null)
    {
        ArgumentNullException.ThrowIfNull(db);

        // One connection for the read and the save (EF would open and close it around each): the step is short and
        // runs no I/O of its own between them. Closed again before the context goes back to its pool.
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            return await CompleteOnOpenConnectionAsync(db, id, outcome, data, actor, observe, cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task<Result> CompleteOnOpenConnectionAsync(
        CoordinationDbContext db, WorkItemId id, string outcome, JsonObject? data, string actor,
        Func<IWorkflowInstanceStore, IWorkflowInstanceStore>? observe, CancellationToken cancellationToken)
    {
        var loaded = await _load.ExecuteAsync(db, id, cancellationToken);
        if (loaded is null)
        {
            return Result.Fail("work-item.not-found", "This task does not exist or you have no access to it.");
        }

        var item = loaded.Item;
        if (CaseWorkflowEvents.IsNotice(item) && outcome != WorkItem.NoticeOutcome)
        {
            // A notice has one outcome: it was seen.
            return Result.Fail("work-item.outcome", $"'{outcome}' is not an outcome of this task; a notice is closed as '{WorkItem.NoticeOutcome}'.", outcome);
        }

        item.Complete(actor, outcome, data?.ToJsonString(), clock);
        if (item.WorkflowInstanceId is not { } instanceId)
        {
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok;
        }

        // The runtime's save commits the work item's completion together with the workflow's advance.
        var known = loaded.OwningUnitId is { } unit ? new CaseAgencies(item.CaseId, unit, loaded.ProsecutionOfficeId) : null;
        var store = stores.For(db, known);
        var advanced = await runtime.CompleteTaskAsync(observe is null ? store : observe(store), instanceId, item.Id.Value, outcome, data, actor, cancellationToken);
        return advanced.Succeeded
            ? Result.Ok
            : Result.Fail(advanced.Rejection == Rejection.InvalidInput ? "work-item.outcome" : "work-item.already-completed", advanced.Message ?? "The task could not be completed.");
    }

    private sealed record ItemToComplete(WorkItem Item, WorkflowInstanceRecord? Instance, AgencyId? OwningUnitId, AgencyId? ProsecutionOfficeId);
}
