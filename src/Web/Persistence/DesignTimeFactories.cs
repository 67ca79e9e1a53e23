using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Coordination.Web.Persistence;

/// <summary>Lets <c>dotnet ef migrations add … --context SqliteCoordinationDbContext</c> build the model without the app.</summary>
internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteCoordinationDbContext>
{
    public SqliteCoordinationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteCoordinationDbContext>().UseSqlite("Data Source=design-time.db").Options);
}

/// <summary>Lets <c>dotnet ef migrations add … --context PostgreSqlCoordinationDbContext</c> build the model without a server.</summary>
internal sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlCoordinationDbContext>
{
    public PostgreSqlCoordinationDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlCoordinationDbContext>().UseNpgsql("Host=localhost;Database=design_time").Options);
}
