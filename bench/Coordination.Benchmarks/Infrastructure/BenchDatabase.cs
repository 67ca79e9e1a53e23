using System.Globalization;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Coordination.Benchmarks.Infrastructure;

/// <summary>A fresh, empty database for one measurement: a SQLite file in a temp folder, a shared in-memory SQLite
/// database, or a new database on the throwaway PostgreSQL server. The app migrates it when it starts.</summary>
internal sealed class BenchDatabase : IAsyncDisposable
{
    private readonly SqliteConnection? _keepAlive;
    private readonly string? _folder;

    private BenchDatabase(string label, DatabaseProvider provider, string connectionString, SqliteConnection? keepAlive, string? folder)
    {
        Label = label;
        Provider = provider;
        ConnectionString = connectionString;
        _keepAlive = keepAlive;
        _folder = folder;
    }

    /// <summary>What the tables call it: "SQLite file", "SQLite in-memory", "PostgreSQL".</summary>
    public string Label { get; }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>A SQLite file as the app sets it up: write-ahead log (EF Core creates it so), synchronous=FULL (every commit is fsync'ed), reads memory-mapped.</summary>
    public static BenchDatabase SqliteFile()
    {
        var folder = Path.Combine(Path.GetTempPath(), $"coordination-bench-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        var connectionString = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "bench.db") }.ToString();
        return new BenchDatabase("SQLite file", DatabaseProvider.Sqlite, connectionString, null, folder);
    }

    /// <summary>
    /// A shared-cache in-memory SQLite database, kept alive by one open connection. Written as Mode=Memory rather than
    /// a "file:name?mode=memory&amp;cache=shared" URI: the app makes a relative Data Source absolute unless Mode=Memory,
    /// which would turn the URI into a file on disk.
    /// </summary>
    public static BenchDatabase SqliteInMemory()
    {
        var connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = $"bench-{Guid.NewGuid():N}",
            Mode = SqliteOpenMode.Memory,
            Cache = SqliteCacheMode.Shared,
        }.ToString();
        var keepAlive = new SqliteConnection(connectionString);
        keepAlive.Open();
        return new BenchDatabase("SQLite in-memory", DatabaseProvider.Sqlite, connectionString, keepAlive, null);
    }

    public static async Task<BenchDatabase> PostgreSqlAsync(PostgreSqlServer server)
    {
        ArgumentNullException.ThrowIfNull(server);
        var connectionString = await server.CreateDatabaseAsync("coordination_bench");
        return new BenchDatabase("PostgreSQL", DatabaseProvider.PostgreSql, connectionString, null, null);
    }

    /// <summary>Bytes the database takes: the SQLite file (with its journal), or pg_database_size.</summary>
    public async Task<long> SizeInBytesAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("SELECT pg_database_size(current_database())", connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
        }

        await using var sqlite = new SqliteConnection(ConnectionString);
        await sqlite.OpenAsync();
        await using var pages = new SqliteCommand("SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()", sqlite);
        return Convert.ToInt64(await pages.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// After a bulk load: PostgreSQL gets VACUUM ANALYZE, so the measurement neither races autovacuum nor plans with
    /// statistics of the empty tables (the state a database that has been running for a while is in). SQLite keeps no
    /// statistics unless asked, as the app does not.
    /// </summary>
    public async Task SettleAsync()
    {
        if (Provider == DatabaseProvider.PostgreSql)
        {
            await using var connection = new NpgsqlConnection(ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand("VACUUM (ANALYZE)", connection) { CommandTimeout = 300 };
            await command.ExecuteNonQueryAsync();
        }
    }

    public ValueTask DisposeAsync()
    {
        _keepAlive?.Dispose();
        if (_folder is not null)
        {
            // Pooled connections hold the file open; release them before deleting.
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }

        return ValueTask.CompletedTask;
    }
}
