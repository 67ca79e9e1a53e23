using Coordination.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Persistence;

/// <summary>
/// The factory use cases get: each context it makes is restricted to the scope's signed-in user, so every query a
/// handler writes is filtered by need-to-know without the handler doing anything. Nobody signed in: nothing visible.
/// </summary>
internal sealed class UserDbContextFactory(SystemDbContexts contexts, UserContext users) : IDbContextFactory<CoordinationDbContext>
{
    public CoordinationDbContext CreateDbContext()
    {
        // Resolving the user is synchronous for HTTP requests and completed circuits' state; blocking is acceptable.
        var user = users.GetAsync().AsTask().GetAwaiter().GetResult();
        var db = contexts.CreateDbContext();
        db.RestrictTo(user);
        return db;
    }

    public async Task<CoordinationDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default)
    {
        var user = await users.GetAsync();
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        db.RestrictTo(user);
        return db;
    }
}
