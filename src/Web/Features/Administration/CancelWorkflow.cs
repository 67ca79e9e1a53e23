using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Definitions;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Administration;

/// <summary>
/// An administrator stops a workflow for good, with a reason: an incident whose cause cannot be fixed, or a workflow
/// started by mistake. The whole workflow stops (when the instance is part of a larger one, that one), its open tasks
/// are withdrawn, its timers and child workflows cancelled; the unit that owns the case gets a notice with the reason.
/// </summary>
/// <param name="InstanceId">The instance (a stopped one from the incidents list, or any running one).</param>
/// <param name="Reason">Why, for the case's unit and the journal.</param>
[Audited(AuditAction.Cancel, "WorkflowInstance")]
[RequiresRole(Role.Administrator)]
public sealed record CancelWorkflowCommand(Guid InstanceId, string Reason) : ICommand<Result>, IWorkflowInstanceRequest
{
    /// <summary>The reason is what the audit trail records as the purpose.</summary>
    string? IWorkflowInstanceRequest.Purpose => Reason?.Trim();
}

/// <summary>Checks the reason before anything is stopped.</summary>
public static class CancelWorkflowValidator
{
    /// <summary>The most a reason may have: it must fit, whole, in the notice's title after its lead-in, and in a journal line.</summary>
    public const int ReasonMaxLength = 160;

    /// <summary>The problem with the reason, or null when the workflow can be stopped with it.</summary>
    public static FieldError? Validate(CancelWorkflowCommand command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var length = command.Reason?.Trim().Length ?? 0;
        return length switch
        {
            0 => FieldError.Of("workflow.reason-required", "Say why the workflow is stopped."),
            > ReasonMaxLength => new FieldError("workflow.reason-too-long", $"A reason is at most {ReasonMaxLength} characters (this one has {length}).", [ReasonMaxLength, length]),
            _ => null,
        };
    }
}

internal sealed class CancelWorkflowHandler(SystemDbContexts contexts, WorkflowRuntime runtime, WorkflowStores stores, UserContext users)
    : ICommandHandler<CancelWorkflowCommand, Result>
{
    // Deeper nesting than any definition has; a loop in the parent links would otherwise never end.
    private const int MaxDepth = 32;

    public async ValueTask<Result> Handle(CancelWorkflowCommand command, CancellationToken cancellationToken)
    {
        if (CancelWorkflowValidator.Validate(command) is { } problem)
        {
            return Result.Fail(problem.Code, problem.Message, [.. problem.Arguments]);
        }

        var actor = (await users.GetAsync())!.UserName;

        // The workflow acts for itself past the need-to-know filters, as it does for timers and signals.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var root = await RootOfAsync(db, command.InstanceId, cancellationToken);
        if (root is null)
        {
            return Result.Fail("workflow.not-found", "This workflow instance does not exist.");
        }

        var reason = command.Reason.Trim();
        try
        {
            // A child alone would leave its parent waiting for it forever: the workflow it belongs to stops, and
            // cancels its children with it.
            var result = await runtime.CancelAsync(stores.For(db), root.Value, reason, actor, cancellationToken);
            if (result.Rejection != Rejection.None && root.Value != command.InstanceId)
            {
                // The outer workflow has ended while this one is still stopped by an incident (it should not be, but
                // it must not stay in the incidents list for good): this one stops on its own.
                await using var own = await contexts.CreateDbContextAsync(cancellationToken);
                result = await runtime.CancelAsync(stores.For(own), command.InstanceId, reason, actor, cancellationToken);
            }

            return result.Rejection == Rejection.None
                ? Result.Ok
                : Result.Fail("workflow.ended", "This workflow has already ended.");
        }
        catch (Exception ex) when (ex is WorkflowConcurrencyException or DbUpdateConcurrencyException)
        {
            return Result.Fail("workflow.conflict-stop", "The workflow was changed at the same moment; it was not stopped. Look again.");
        }
        catch (WorkflowDefinitionException ex)
        {
            return Result.Fail("workflow.definition-missing", $"The workflow's definition cannot be read, so it cannot be stopped: {ex.Message}", ex.Message);
        }
    }

    // The outermost instance that exists, following the parent links up from the given one; null when that one does not exist.
    private static async Task<Guid?> RootOfAsync(CoordinationDbContext db, Guid instanceId, CancellationToken cancellationToken)
    {
        Guid? found = null;
        Guid? next = instanceId;
        for (var depth = 0; depth < MaxDepth && next is { } id; depth++)
        {
            var row = await db.WorkflowInstances.AsNoTracking().Where(i => i.Id == id).Select(i => new { i.ParentInstanceId }).FirstOrDefaultAsync(cancellationToken);
            if (row is null)
            {
                break;
            }

            found = id;
            next = row.ParentInstanceId;
        }

        return found;
    }
}
