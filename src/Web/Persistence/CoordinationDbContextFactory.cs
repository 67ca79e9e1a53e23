using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Persistence;

/// <summary>
/// Hands out the provider's context as the shared <see cref="CoordinationDbContext"/>, so handlers depend on
/// <c>IDbContextFactory&lt;CoordinationDbContext&gt;</c> and never on the provider.
/// </summary>
internal sealed class CoordinationDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<CoordinationDbContext>
    where TContext : CoordinationDbContext
{
    public CoordinationDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<CoordinationDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
}
