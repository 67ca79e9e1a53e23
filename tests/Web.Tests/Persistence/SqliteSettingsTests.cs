using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Persistence;

/// <summary>
/// How the app's SQLite file is opened: reads go through a memory map (speed), while the journal stays the
/// write-ahead log EF Core sets when it creates the database and the sync level stays SQLite's FULL, under which every
/// commit is synced to disk before it returns — a committed step survives a power cut. A change to either shows here.
/// </summary>
public sealed class SqliteSettingsTests(PostgreSqlFixture postgres) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private AppHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        _host = AppHost.Start(_database, _clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task OpenConnection_AppsSqliteFile_MemoryMappedReadsWithWriteAheadLogAndFullSync()
    {
        await using var db = await _host.DbAsync();
        await db.Database.OpenConnectionAsync(TestContext.Current.CancellationToken);

        (await PragmaAsync(db, "mmap_size")).ShouldBe(SqliteConnectionSettings.MemoryMapBytes.ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await PragmaAsync(db, "journal_mode")).ShouldBe("wal");
        (await PragmaAsync(db, "synchronous")).ShouldBe("2"); // FULL: the log is synced on every commit
    }

    private static async Task<string> PragmaAsync(CoordinationDbContext db, string name)
    {
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = $"PRAGMA {name}";
        return Convert.ToString(await command.ExecuteScalarAsync(TestContext.Current.CancellationToken), System.Globalization.CultureInfo.InvariantCulture)!;
    }
}
