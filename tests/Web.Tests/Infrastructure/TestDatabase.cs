using Xunit;
using Coordination.Web.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coordination.Web.Tests.Infrastructure;

/// <summary>A fresh, migrated database of one provider: a temporary SQLite file or a new database on the test
/// PostgreSQL server.</summary>
public sealed class TestDatabase : IDbContextFactory<CoordinationDbContext>, IAsyncDisposable
{
    private readonly Func<CoordinationDbContext> _create;
    private readonly string? _sqliteFile;

    private TestDatabase(DatabaseProvider provider, string connectionString, Func<CoordinationDbContext> create, string? sqliteFile)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _create = create;
        _sqliteFile = sqliteFile;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, PostgreSqlFixture postgres)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var file = Path.Combine(Path.GetTempPath(), $"coordination-test-{Guid.NewGuid():N}.db");
            var connectionString = new SqliteConnectionStringBuilder { DataSource = file, Pooling = false }.ToString();
            var options = new DbContextOptionsBuilder<SqliteCoordinationDbContext>().UseSqlite(connectionString).Options;
            database = new TestDatabase(provider, connectionString, () => new SqliteCoordinationDbContext(options), file);
        }
        else
        {
            var server = await postgres.ServerAsync();
            var connectionString = await server.CreateDatabaseAsync("coordination_test");
            var options = new DbContextOptionsBuilder<PostgreSqlCoordinationDbContext>().UseNpgsql(connectionString).Options;
            database = new TestDatabase(provider, connectionString, () => new PostgreSqlCoordinationDbContext(options), null);
        }

        await using var db = database.CreateDbContext();
        await db.Database.MigrateAsync(TestContext.Current.CancellationToken);
        return database;
    }

    public CoordinationDbContext CreateDbContext() => _create();

    /// <summary>Unrestricted contexts on this database, as the app's system code gets them.</summary>
    public SystemDbContexts System => new(_create);

    public ValueTask DisposeAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            // The pool keeps idle connections open for minutes; with a database per test class they would pile up on
            // the shared test server (max_connections) while the rest of the run goes on.
            using var connection = new NpgsqlConnection(ConnectionString);
            NpgsqlConnection.ClearPool(connection);
        }

        if (_sqliteFile is not null)
        {
            foreach (var file in new[] { _sqliteFile, _sqliteFile + "-wal", _sqliteFile + "-shm" })
            {
                File.Delete(file);
            }
        }

        return ValueTask.CompletedTask;
    }
}
