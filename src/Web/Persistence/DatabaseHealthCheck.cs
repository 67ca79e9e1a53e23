using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Coordination.Web.Persistence;

/// <summary>Healthy when the database answers a query against the schema (so a missing migration shows too).</summary>
internal sealed class DatabaseHealthCheck(SystemDbContexts contexts) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var db = await contexts.CreateDbContextAsync(cancellationToken).ConfigureAwait(false);
            await db.Agencies.AsNoTracking().AnyAsync(cancellationToken).ConfigureAwait(false);
            return HealthCheckResult.Healthy();
        }
#pragma warning disable CA1031 // A health check reports any failure as Unhealthy rather than throwing.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            // Only the exception type: a message might carry a connection string or data.
            return HealthCheckResult.Unhealthy($"Database unavailable ({ex.GetType().Name}).");
        }
    }
}
