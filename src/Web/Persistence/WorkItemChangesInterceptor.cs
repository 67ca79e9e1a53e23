using Coordination.Domain.WorkItems;
using Coordination.Web.Features.WorkItems;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coordination.Web.Persistence;

/// <summary>Watches saves for task changes and raises <see cref="WorkItemChanges.Changed"/> once they are committed.</summary>
internal sealed class WorkItemChangesInterceptor(WorkItemChanges changes) : SaveChangesInterceptor, IDirectSaveObserver
{
    void IDirectSaveObserver.Saving(DbContext context, IReadOnlyList<string> statements) => Note(context);

    void IDirectSaveObserver.Saved(DbContext context) => Fire(context);

    void IDirectSaveObserver.Failed(DbContext context) => Forget(context);

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<DbContext, object> _pending = [];

    public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Note(eventData.Context);
        return base.SavingChangesAsync(eventData, result, cancellationToken);
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        Note(eventData.Context);
        return base.SavingChanges(eventData, result);
    }

    public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Fire(eventData.Context);
        return base.SavedChangesAsync(eventData, result, cancellationToken);
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        Fire(eventData.Context);
        return base.SavedChanges(eventData, result);
    }

    // A failed save notifies nobody; and pooled contexts are reused, so nothing may stay noted for the next save.
    public override void SaveChangesFailed(DbContextErrorEventData eventData) => Forget(eventData.Context);

    public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    private void Forget(DbContext? context)
    {
        if (context is not null)
        {
            _pending.Remove(context);
        }
    }

    private void Note(DbContext? context)
    {
        if (context is not null && context.ChangeTracker.Entries<WorkItem>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            _pending.AddOrUpdate(context, this);
        }
    }

    private void Fire(DbContext? context)
    {
        if (context is not null && _pending.Remove(context))
        {
            changes.Raise();
        }
    }
}
