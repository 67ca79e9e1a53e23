using Coordination.Web.Persistence.Conventions;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Persistence;

/// <summary>The SQLite flavour (the embedded default); its migrations are in Migrations/Sqlite.</summary>
public sealed class SqliteCoordinationDbContext(DbContextOptions<SqliteCoordinationDbContext> options)
    : CoordinationDbContext(options)
{
    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
    }
}
