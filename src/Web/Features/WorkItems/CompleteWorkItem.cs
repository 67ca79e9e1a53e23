using System.Text.Json;
using System.Text.Json.Nodes;
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
    IDbContextFactory<CoordinationDbContext> contexts, WorkflowRuntime runtime, WorkflowStores stores, UserContext users, TimeProvider clock)
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
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = WorkItemId.From(command.WorkItemId);
        var item = await db.WorkItems.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (item is null)
        {
            return Result.Fail("work-item.not-found", "This task does not exist or you have no access to it.");
        }

        try
        {
            item.Complete(user.UserName, command.Outcome, data?.ToJsonString(), clock);
            if (item.WorkflowInstanceId is not { } instanceId)
            {
                await db.SaveChangesAsync(cancellationToken);
                return Result.Ok;
            }

            // The runtime's save commits the work item's completion together with the workflow's advance.
            var advanced = await runtime.CompleteTaskAsync(stores.For(db), instanceId, item.Id.Value, command.Outcome, data, user.UserName, cancellationToken);
            return advanced.Succeeded
                ? Result.Ok
                : Result.Fail(advanced.Rejection == Rejection.InvalidInput ? "work-item.outcome" : "work-item.already-completed", advanced.Message ?? "The task could not be completed.");
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
