using Coordination.Web.Persistence;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Jobs;

/// <summary>
/// Fires one workflow timer if it is due. Reentrant: a timer that already fired (on this or another server) is gone
/// from the instance, so a second run is a no-op; a concurrent advance makes it throw and Hangfire retries.
/// </summary>
internal sealed class FireTimerJob(SystemDbContexts contexts, WorkflowRuntime runtime, WorkflowStores stores, TimeProvider clock)
{
    /// <summary>Fires the timer when it is due; returns true when the workflow advanced.</summary>
    public async Task<bool> ExecuteAsync(Guid bookmarkId, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var timer = await db.WorkflowTimers.AsNoTracking().FirstOrDefaultAsync(t => t.BookmarkId == bookmarkId, cancellationToken);
        if (timer is null || timer.DueAt > clock.GetUtcNow())
        {
            return false;
        }

        var result = await runtime.FireTimerAsync(stores.For(db), bookmarkId, cancellationToken);
        if (result.Rejection is Rejection.BookmarkNotFound or Rejection.NotApplicable)
        {
            // The bookmark is gone (fired elsewhere, branch cancelled): the row is stale.
            await db.WorkflowTimers.Where(t => t.BookmarkId == bookmarkId).ExecuteDeleteAsync(cancellationToken);
        }

        return result.Succeeded;
    }
}
