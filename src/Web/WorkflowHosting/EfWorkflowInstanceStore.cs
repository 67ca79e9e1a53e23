using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Coordination.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.WorkflowHosting;

/// <summary>
/// The workflow instance store on the app's own DbContext. It does not own the context: the caller creates one per
/// operation, makes its domain change in it, and the runtime's save commits both in one <c>SaveChanges</c>.
/// </summary>
internal sealed class EfWorkflowInstanceStore(CoordinationDbContext db, WorkflowEffectHandler effects, CaseAgencies? knownCase) : IWorkflowInstanceStore
{
    // The open bookmarks each instance had when this store loaded it: saving diffs against them instead of reading the
    // bookmark and timer rows back (the rows mirror exactly these bookmarks).
    private readonly Dictionary<Guid, Dictionary<Guid, BookmarkKind>> _loadedBookmarks = [];

    // Compiled once: these run on every step, and their shape never changes.
    private static readonly CompiledQuery<Guid, WorkflowInstanceRecord?> _findInstance =
        new((db, id, _) => db.WorkflowInstances.FirstOrDefault(i => i.Id == id));

    private static readonly CompiledQuery<Guid, Guid?> _findInstanceByBookmark =
        new((db, id, _) => db.WorkflowBookmarks.AsNoTracking().Where(b => b.Id == id).Select(b => (Guid?)b.InstanceId).FirstOrDefault());

    public async Task<WorkflowInstance?> FindAsync(Guid instanceId, CancellationToken cancellationToken)
    {
        // The caller may have loaded the row in this unit of work already (completing a work item loads its instance
        // with it): take that one rather than reading it again. Either way it is tracked, with the revision it had
        // when read, which the save checks.
        var record = db.WorkflowInstances.Local.FindEntry(instanceId)?.Entity ?? await _findInstance.ExecuteAsync(db, instanceId, cancellationToken);
        if (record is null)
        {
            return null;
        }

        var instance = WorkflowInstance.Restore(record.StateJson, record.Revision, record.CorrelationId, record.ParentInstanceId, record.ParentBookmarkId, record.CreatedAt, record.UpdatedAt);
        _loadedBookmarks[instanceId] = instance.Bookmarks.Where(b => !b.Done).ToDictionary(b => b.Id, b => b.Kind);
        return instance;
    }

    public Task<Guid?> FindInstanceByBookmarkAsync(Guid bookmarkId, CancellationToken cancellationToken) =>
        _findInstanceByBookmark.ExecuteAsync(db, bookmarkId, cancellationToken);

    public async Task SaveAsync(IReadOnlyList<InstanceChange> changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            var instance = change.Instance;
            var record = change.ExpectedRevision is null
                ? db.WorkflowInstances.Add(new WorkflowInstanceRecord { Id = instance.Id, CreatedAt = instance.CreatedAt }).Entity
                : db.WorkflowInstances.Local.FindEntry(instance.Id)?.Entity
                    ?? await db.WorkflowInstances.FirstAsync(i => i.Id == instance.Id, cancellationToken);
            if (change.ExpectedRevision is { } expected)
            {
                // The UPDATE carries "WHERE Revision = <loaded>": a concurrent save makes this one fail, never both win.
                db.Entry(record).Property(r => r.Revision).OriginalValue = expected;
            }

            record.DefinitionId = instance.DefinitionId;
            record.DefinitionVersion = instance.DefinitionVersion;
            record.Status = instance.Status;
            record.Outcome = instance.Outcome;
            record.CorrelationId = instance.CorrelationId;
            record.ParentInstanceId = instance.ParentInstanceId;
            record.ParentBookmarkId = instance.ParentBookmarkId;
            record.StateJson = instance.StateJson;
            record.Revision = instance.Revision;
            record.UpdatedAt = instance.UpdatedAt;
            record.IncidentActivityId = instance.Incident?.ActivityId;
            record.IncidentMessage = instance.Incident?.Message is { Length: > 1000 } message ? message[..1000] : instance.Incident?.Message;

            await SyncBookmarksAsync(change, cancellationToken);
            db.WorkflowJournal.AddRange(change.Journal.Select(j => new WorkflowJournalRecord
            {
                InstanceId = instance.Id,
                Sequence = j.Sequence,
                ActivityId = j.ActivityId,
                Event = j.Event,
                At = j.At,
                Actor = j.Actor,
                Payload = j.Payload,
            }));
            await effects.ApplyAsync(db, instance, change.Effects, knownCase, cancellationToken);
        }

        try
        {
            await db.SaveChangesDirectAsync(cancellationToken);
        }
        catch (DbUpdateConcurrencyException ex)
        {
            throw new WorkflowConcurrencyException("The workflow instance was changed by someone else; nothing was saved.", ex);
        }
        catch (DbUpdateException ex) when (changes.Any(c => c.ExpectedRevision is not null))
        {
            // A duplicate journal or bookmark key means another process advanced the same instance first.
            throw new WorkflowConcurrencyException("The workflow instance was advanced by someone else; nothing was saved.", ex);
        }
    }

    // Bookmarks and timers rows mirror the instance's open bookmarks: added when new, removed when gone (fired,
    // completed, cancelled), so lookups and the timer sweep never see a stale one.
    private async Task SyncBookmarksAsync(InstanceChange change, CancellationToken cancellationToken)
    {
        var instance = change.Instance;
        var current = instance.Bookmarks.Where(b => !b.Done).ToDictionary(b => b.Id);
        Dictionary<Guid, BookmarkKind> before;
        if (change.ExpectedRevision is null)
        {
            before = [];
        }
        else if (!_loadedBookmarks.TryGetValue(instance.Id, out before!))
        {
            before = await db.WorkflowBookmarks.AsNoTracking().Where(b => b.InstanceId == instance.Id).ToDictionaryAsync(b => b.Id, b => b.Kind, cancellationToken);
        }

        foreach (var (id, kind) in before.Where(b => !current.ContainsKey(b.Key)))
        {
            Remove(db.WorkflowBookmarks.Local.FindEntry(id)?.Entity ?? new WorkflowBookmarkRecord { Id = id, InstanceId = instance.Id });
            if (kind is BookmarkKind.Timer or BookmarkKind.Escalation)
            {
                Remove(db.WorkflowTimers.Local.FindEntry(id)?.Entity ?? new WorkflowTimerRecord { BookmarkId = id, InstanceId = instance.Id });
            }
        }

        foreach (var bookmark in current.Values.Where(b => !before.ContainsKey(b.Id)))
        {
            db.WorkflowBookmarks.Add(new WorkflowBookmarkRecord { Id = bookmark.Id, InstanceId = instance.Id, Kind = bookmark.Kind, ActivityId = bookmark.ActivityId, Name = bookmark.Name });
        }

        foreach (var timer in change.Effects.OfType<ScheduleTimerEffect>().Where(t => current.ContainsKey(t.BookmarkId) && !before.ContainsKey(t.BookmarkId)))
        {
            db.WorkflowTimers.Add(new WorkflowTimerRecord { BookmarkId = timer.BookmarkId, InstanceId = instance.Id, ActivityId = timer.ActivityId, DueAt = timer.Due.At!.Value });
        }

        _loadedBookmarks[instance.Id] = current.ToDictionary(b => b.Key, b => b.Value.Kind);
    }

    // Deletes a row by key without reading it first (the row exists: it mirrors a bookmark the instance had).
    private void Remove<T>(T row)
        where T : class
    {
        var entry = db.Entry(row);
        if (entry.State == EntityState.Added)
        {
            entry.State = EntityState.Detached;
        }
        else
        {
            entry.State = EntityState.Deleted;
        }
    }
}
