using Coordination.Web.Persistence.Conventions;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Persistence;

/// <summary>The PostgreSQL flavour (for scale-out); its migrations are in Migrations/PostgreSql.</summary>
public sealed class PostgreSqlCoordinationDbContext(DbContextOptions<PostgreSqlCoordinationDbContext> options)
    : CoordinationDbContext(options)
{
    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcConverter>();
    }
}
