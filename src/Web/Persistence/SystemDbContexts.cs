using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Persistence;

/// <summary>
/// Contexts with no need-to-know filter, for the system itself: migrations, the seed, background jobs, the workflow
/// runtime's own bookkeeping, the audit trail, the health check. Use cases acting for a user take the scoped
/// <see cref="IDbContextFactory{TContext}"/> instead, whose contexts see only what that user may see.
/// </summary>
public sealed class SystemDbContexts(Func<CoordinationDbContext> create)
{
    /// <summary>An unrestricted context: new, or from the pool with whatever restriction its last user had lifted.</summary>
    public CoordinationDbContext CreateDbContext()
    {
        var db = create();
        db.Unrestrict();
        return db;
    }

    /// <summary>An unrestricted context: new, or from the pool with whatever restriction its last user had lifted.</summary>
    public Task<CoordinationDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) => Task.FromResult(CreateDbContext());
}
