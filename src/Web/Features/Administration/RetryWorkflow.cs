using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Administration;

/// <summary>
/// An administrator retries the activity an incident stopped, once its cause is fixed. The instance runs on from that
/// activity; when it fails again it stays stopped with the new message, which the result gives.
/// </summary>
/// <param name="InstanceId">The stopped instance.</param>
[Audited(AuditAction.Update, "WorkflowInstance")]
[RequiresRole(Role.Administrator)]
public sealed record RetryWorkflowCommand(Guid InstanceId) : ICommand<Result>, IWorkflowInstanceRequest;

internal sealed class RetryWorkflowHandler(SystemDbContexts contexts, WorkflowRuntime runtime, WorkflowStores stores, UserContext users)
    : ICommandHandler<RetryWorkflowCommand, Result>
{
    public async ValueTask<Result> Handle(RetryWorkflowCommand command, CancellationToken cancellationToken)
    {
        var actor = (await users.GetAsync())!.UserName;

        // The workflow acts for itself past the need-to-know filters, as it does for timers and signals.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.WorkflowInstances.AnyAsync(i => i.Id == command.InstanceId, cancellationToken))
        {
            return Result.Fail("workflow.not-found", "This workflow instance does not exist.");
        }

        WorkflowRunResult result;
        try
        {
            result = await runtime.RetryAsync(stores.For(db), command.InstanceId, actor, cancellationToken);
        }
        catch (Exception ex) when (ex is WorkflowConcurrencyException or DbUpdateConcurrencyException)
        {
            return Result.Fail("workflow.conflict", "The workflow instance was changed at the same moment; nothing was retried. Look again.");
        }

        if (result.Rejection != Rejection.None)
        {
            return Result.Fail("workflow.not-faulted", result.Message ?? "This workflow instance is not stopped by an incident.");
        }

        if (result.Status == WorkflowStatus.Faulted)
        {
            // The store saved the new incident through the row it tracks in this context.
            var message = db.WorkflowInstances.Local.FindEntry(command.InstanceId)?.Entity.IncidentMessage ?? string.Empty;
            return Result.Fail("workflow.still-failing", $"The activity failed again: {message}", message);
        }

        return Result.Ok;
    }
}
