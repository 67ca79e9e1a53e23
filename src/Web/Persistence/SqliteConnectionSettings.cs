using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using SQLitePCL;

namespace Coordination.Web.Persistence;

/// <summary>
/// Reads of the SQLite file through a memory map: every connection then reads pages straight from the operating
/// system's file cache instead of copying them into its own 2 MB page cache, which a database of a few thousand
/// running cases outgrows, and which it drops whenever another connection of the pool committed (random instances then
/// meant read calls on every step). Writes are untouched: the write-ahead log (EF Core creates the database in WAL mode)
/// with <c>synchronous=FULL</c> syncs every commit to disk before it returns, so a committed step is exactly as durable
/// as before. The one change in failure mode: a disk read error under a memory map stops the process instead of
/// failing the statement (the database stays consistent either way). Set once per native connection (the driver
/// pools them; the setting lives as long as the connection).
/// </summary>
internal sealed class SqliteConnectionSettings : DbConnectionInterceptor
{
    /// <summary>Up to 256 MiB of the file is mapped; the rest is read as before.</summary>
    public const long MemoryMapBytes = 256L * 1024 * 1024;

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, bool> _inMemory = new(StringComparer.Ordinal);

    private readonly ConditionalWeakTable<sqlite3, object> _configured = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Configure(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Configure(connection);
        return Task.CompletedTask;
    }

    private void Configure(DbConnection connection)
    {
        // An in-memory database has no file to map; the driver does not pool its connections either, so the check would
        // run a statement on every open for nothing.
        if (connection is SqliteConnection { Handle: { } handle } sqlite && !IsInMemory(sqlite) && _configured.TryAdd(handle, this))
        {
            using var command = sqlite.CreateCommand();
            command.CommandText = $"PRAGMA mmap_size = {MemoryMapBytes}";
            command.ExecuteNonQuery();
        }
    }

    // Read once per connection string (an app has one or two).
    private static bool IsInMemory(SqliteConnection connection) =>
        _inMemory.GetOrAdd(connection.ConnectionString, static text =>
            new SqliteConnectionStringBuilder(text) is var builder && (builder.Mode == SqliteOpenMode.Memory || builder.DataSource is ":memory:" or ""));
}
