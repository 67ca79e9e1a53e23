using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;

namespace Coordination.Workflow.Tests.Runtime;

/// <summary>
/// An instance store as a host would write one, in memory: instances are kept only as their state JSON and revision
/// (every load restores a fresh copy), a save checks every expected revision before it writes anything, and the
/// journal lines and effects of every save are kept so that tests can look at them. Thread-safe.
/// </summary>
internal sealed class InMemoryInstanceStore : IWorkflowInstanceStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<Guid, Row> _rows = [];
    private readonly List<(Guid InstanceId, JournalRecord Record)> _journal = [];
    private readonly List<(Guid InstanceId, WorkflowEffect Effect)> _effects = [];
    private readonly List<int> _saves = [];
    private readonly TaskCompletionSource _enoughLoads = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _loads;

    /// <summary>
    /// When set, every save waits until this many loads have happened, so that concurrent callers all read the same
    /// revision before anyone writes: the worst case for optimistic concurrency, made certain instead of likely.
    /// </summary>
    public int HoldSavesUntilLoads { get; set; }

    /// <summary>How many saves succeeded.</summary>
    public int SaveCount
    {
        get
        {
            lock (_lock)
            {
                return _saves.Count;
            }
        }
    }

    /// <summary>How many instances each successful save wrote, in order.</summary>
    public IReadOnlyList<int> SavedInstanceCounts
    {
        get
        {
            lock (_lock)
            {
                return [.. _saves];
            }
        }
    }

    public IReadOnlyList<Guid> InstanceIds
    {
        get
        {
            lock (_lock)
            {
                return [.. _rows.Keys];
            }
        }
    }

    public Task<WorkflowInstance?> FindAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        WorkflowInstance? found;
        lock (_lock)
        {
            found = _rows.TryGetValue(instanceId, out var row) ? row.Restore() : null;
        }

        if (Interlocked.Increment(ref _loads) >= HoldSavesUntilLoads)
        {
            _enoughLoads.TrySetResult();
        }

        return Task.FromResult(found);
    }

    public Task<Guid?> FindInstanceByBookmarkAsync(Guid bookmarkId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            var row = _rows.Values.FirstOrDefault(r => r.BookmarkIds.Contains(bookmarkId));
            return Task.FromResult(row?.Id);
        }
    }

    public async Task SaveAsync(IReadOnlyList<InstanceChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (HoldSavesUntilLoads > 0)
        {
            // The timeout only keeps a broken test from hanging; it is not part of what is tested.
            await _enoughLoads.Task.WaitAsync(TimeSpan.FromSeconds(30), cancellationToken);
        }

        lock (_lock)
        {
            foreach (var change in changes)
            {
                var stored = _rows.TryGetValue(change.Instance.Id, out var row) ? row.Revision : (long?)null;
                if (stored != change.ExpectedRevision)
                {
                    throw new WorkflowConcurrencyException(
                        $"Instance {change.Instance.Id} is at revision {stored?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}, not {change.ExpectedRevision?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none"}.");
                }
            }

            foreach (var change in changes)
            {
                var instance = change.Instance;
                _rows[instance.Id] = new Row(
                    instance.Id, instance.StateJson, instance.Revision, instance.CorrelationId, instance.ParentInstanceId, instance.ParentBookmarkId,
                    instance.CreatedAt, instance.UpdatedAt, [.. instance.Bookmarks.Select(b => b.Id)]);
                _journal.AddRange(change.Journal.Select(j => (instance.Id, j)));
                _effects.AddRange(change.Effects.Select(e => (instance.Id, e)));
            }

            _saves.Add(changes.Count);
        }
    }

    /// <summary>The stored instance (a fresh copy), which must exist.</summary>
    public WorkflowInstance Get(Guid instanceId)
    {
        lock (_lock)
        {
            return _rows[instanceId].Restore();
        }
    }

    /// <summary>Every journal line saved for an instance, in save order.</summary>
    public IReadOnlyList<JournalRecord> JournalOf(Guid instanceId)
    {
        lock (_lock)
        {
            return [.. _journal.Where(j => j.InstanceId == instanceId).Select(j => j.Record)];
        }
    }

    /// <summary>Every effect saved for an instance, in save order.</summary>
    public IReadOnlyList<WorkflowEffect> EffectsOf(Guid instanceId)
    {
        lock (_lock)
        {
            return [.. _effects.Where(e => e.InstanceId == instanceId).Select(e => e.Effect)];
        }
    }

    private sealed record Row(
        Guid Id, string StateJson, long Revision, string? CorrelationId, Guid? ParentInstanceId, Guid? ParentBookmarkId,
        DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, IReadOnlyList<Guid> BookmarkIds)
    {
        public WorkflowInstance Restore() =>
            WorkflowInstance.Restore(StateJson, Revision, CorrelationId, ParentInstanceId, ParentBookmarkId, CreatedAt, UpdatedAt);
    }
}
