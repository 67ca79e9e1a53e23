using System.Diagnostics;
using Coordination.Workflow.Runtime;

namespace Coordination.Benchmarks.Infrastructure;

/// <summary>Wraps the app's instance store and adds up the time spent in each of its three calls.</summary>
internal sealed class TimedStore(IWorkflowInstanceStore inner, StoreTimes times) : IWorkflowInstanceStore
{
    public async Task<WorkflowInstance?> FindAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.FindAsync(instanceId, cancellationToken);
        times.Find += Stopwatch.GetElapsedTime(start);
        return result;
    }

    public async Task<Guid?> FindInstanceByBookmarkAsync(Guid bookmarkId, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        var result = await inner.FindInstanceByBookmarkAsync(bookmarkId, cancellationToken);
        times.FindByBookmark += Stopwatch.GetElapsedTime(start);
        return result;
    }

    public async Task SaveAsync(IReadOnlyList<InstanceChange> changes, CancellationToken cancellationToken)
    {
        var start = Stopwatch.GetTimestamp();
        await inner.SaveAsync(changes, cancellationToken);
        times.Save += Stopwatch.GetElapsedTime(start);
    }
}

/// <summary>Time spent in the store's calls, added up over many operations.</summary>
internal sealed class StoreTimes
{
    public TimeSpan FindByBookmark { get; set; }

    public TimeSpan Find { get; set; }

    public TimeSpan Save { get; set; }
}
