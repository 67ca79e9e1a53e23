using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Jobs;

/// <summary>
/// Fires every due timer. Runs every minute and at start-up, so timers survive a crash or a lost wake-up; each firing
/// is idempotent, so two servers sweeping at once fire each timer once.
/// </summary>
internal sealed class SweepDueTimersJob(SystemDbContexts contexts, FireTimerJob fire, TimeProvider clock)
{
    /// <summary>Timers fired per batch.</summary>
    public const int BatchSize = 500;

    /// <summary>Fires due timers; returns how many advanced a workflow.</summary>
    public async Task<int> ExecuteAsync(CancellationToken cancellationToken)
    {
        var fired = 0;
        while (true)
        {
            List<Guid> due;
            await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            {
                var now = clock.GetUtcNow();
                due = await db.WorkflowTimers.AsNoTracking().Where(t => t.DueAt <= now).OrderBy(t => t.DueAt).Select(t => t.BookmarkId).Take(BatchSize).ToListAsync(cancellationToken);
            }

            var advanced = 0;
            foreach (var bookmarkId in due)
            {
                try
                {
                    advanced += await fire.ExecuteAsync(bookmarkId, cancellationToken) ? 1 : 0;
                }
                catch (WorkflowConcurrencyException)
                {
                    // Another server advanced the instance at the same moment; the next sweep sees what is left.
                }
            }

            fired += advanced;
            if (due.Count < BatchSize || advanced == 0)
            {
                return fired;
            }
        }
    }
}
