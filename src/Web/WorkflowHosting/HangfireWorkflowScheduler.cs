using Coordination.Web.Jobs;
using Coordination.Workflow.Runtime;
using Hangfire;

namespace Coordination.Web.WorkflowHosting;

/// <summary>
/// Asks Hangfire for a wake-up at a timer's due time. The due time itself is in our WorkflowTimers table (saved with
/// the instance), so a wake-up lost with an in-memory Hangfire store is caught by the recurring sweep.
/// </summary>
internal sealed class HangfireWorkflowScheduler(IBackgroundJobClient jobs) : IWorkflowScheduler
{
    public Task ScheduleAsync(Guid instanceId, Guid bookmarkId, DateTimeOffset dueAt, CancellationToken cancellationToken)
    {
        jobs.Schedule<FireTimerJob>(job => job.ExecuteAsync(bookmarkId, CancellationToken.None), dueAt);
        return Task.CompletedTask;
    }
}
