using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;

namespace Coordination.Benchmarks.Infrastructure;

/// <summary>
/// An instance store in a dictionary: the runtime's own cost (engine, JSON, bookkeeping) without EF or a database.
/// It keeps what the EF store keeps — the state as JSON and the open bookmarks — so the JSON work is the same.
/// </summary>
internal sealed class MemoryInstanceStore : IWorkflowInstanceStore
{
    private readonly Dictionary<Guid, Stored> _instances = [];
    private readonly Dictionary<Guid, Guid> _bookmarks = [];
    private readonly Dictionary<Guid, List<Guid>> _bookmarksOf = [];
    private readonly Dictionary<Guid, Guid> _openTasks = [];

    /// <summary>The open task of each instance.</summary>
    public IReadOnlyDictionary<Guid, Guid> OpenTasks => _openTasks;

    public Task<WorkflowInstance?> FindAsync(Guid instanceId, CancellationToken cancellationToken) =>
        Task.FromResult(_instances.TryGetValue(instanceId, out var s)
            ? WorkflowInstance.Restore(s.StateJson, s.Revision, s.CorrelationId, null, null, s.CreatedAt, s.UpdatedAt)
            : null);

    public Task<Guid?> FindInstanceByBookmarkAsync(Guid bookmarkId, CancellationToken cancellationToken) =>
        Task.FromResult(_bookmarks.TryGetValue(bookmarkId, out var instance) ? instance : (Guid?)null);

    public Task SaveAsync(IReadOnlyList<InstanceChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            var instance = change.Instance;
            if (change.ExpectedRevision is { } expected && _instances[instance.Id].Revision != expected)
            {
                throw new WorkflowConcurrencyException();
            }

            _instances[instance.Id] = new Stored(instance.StateJson, instance.Revision, instance.CorrelationId, instance.CreatedAt, instance.UpdatedAt);
            _openTasks.Remove(instance.Id);
            if (_bookmarksOf.TryGetValue(instance.Id, out var stale))
            {
                foreach (var id in stale)
                {
                    _bookmarks.Remove(id);
                }
            }

            var open = new List<Guid>();
            _bookmarksOf[instance.Id] = open;
            foreach (var bookmark in instance.Bookmarks.Where(b => !b.Done))
            {
                _bookmarks[bookmark.Id] = instance.Id;
                open.Add(bookmark.Id);
                if (bookmark.Kind == BookmarkKind.Task)
                {
                    _openTasks[instance.Id] = bookmark.Id;
                }
            }
        }

        return Task.CompletedTask;
    }

    private sealed record Stored(string StateJson, long Revision, string? CorrelationId, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);
}
