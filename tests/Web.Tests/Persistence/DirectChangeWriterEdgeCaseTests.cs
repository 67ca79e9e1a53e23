using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Engine;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Persistence;

/// <summary>
/// <see cref="DirectChangeWriter"/> at the edges: shapes and failure paths where it must behave as EF's SaveChanges does
/// (or hand the save to it), and owners' versions raised for changes to what they own.
/// </summary>
public abstract class DirectChangeWriterEdgeCaseTests(DatabaseProvider provider, PostgreSqlFixture postgres) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private AppHost _host = null!;
    private FraudCase _case = null!;
    private Agency _unit = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider, postgres);
        _host = AppHost.Start(_database, _clock);
        (_case, _unit) = await _host.SeedCaseAsync(_clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    // Baseline: what EF's SaveChanges does in a caller's transaction (a savepoint, rolled back on failure).
    [Fact]
    public async Task SaveChangesAsync_StaleRowInCallersTransaction_KeepsTheCallersEarlierWritesAndNoneOfTheFailedSave()
    {
        var (earlier, failed) = await StaleSaveInCallersTransactionAsync(db => db.SaveChangesAsync(Ct));

        earlier.ShouldBeTrue();
        failed.ShouldBeFalse();
    }

    // In a caller's transaction the writer steps aside (EF's savepoint keeps the caller's earlier work and drops the
    // failed save's), so the save through SaveChangesDirectAsync behaves exactly like SaveChanges there.
    [Fact]
    public async Task SaveChangesDirectAsync_StaleRowInCallersTransaction_KeepsTheCallersEarlierWritesAndNoneOfTheFailedSave()
    {
        var (earlier, failed) = await StaleSaveInCallersTransactionAsync(db => db.SaveChangesDirectAsync(Ct));

        failed.ShouldBeFalse("the failed save's rows were committed with the caller's transaction");
        earlier.ShouldBeTrue("the caller's own earlier write in its transaction was lost");
    }

    [Fact]
    public async Task TrySaveAsync_InCallersTransaction_LeavesItToEfAndWritesNothing()
    {
        await using var db = await _host.DbAsync();
        await using var transaction = await db.Database.BeginTransactionAsync(Ct);
        var item = NewItem(null);
        db.WorkItems.Add(item);
        db.BumpVersions();

        (await DirectChangeWriter.TrySaveAsync(db, Ct)).ShouldBeNull();

        db.Entry(item).State.ShouldBe(EntityState.Added);
    }

    [Fact]
    public async Task TrySaveAsync_StaleRowBeforeOtherUpdates_NamesTheStaleStatement()
    {
        var instance = await SeedInstanceAsync();
        var item = NewItem(instance);
        await using (var seed = await _host.DbAsync())
        {
            seed.WorkItems.Add(item);
            await seed.SaveChangesAsync(Ct);
        }

        await using var db = await _host.DbAsync();
        var record = await db.WorkflowInstances.SingleAsync(i => i.Id == instance, Ct);
        var loaded = await db.WorkItems.SingleAsync(w => w.Id == item.Id, Ct);

        // The instance row (depth 0) is stale; the task (depth 2) is not: its UPDATE comes after the stale one.
        db.Entry(record).Property(r => r.Revision).OriginalValue = 41;
        record.Revision = 42;
        record.StateJson = "{\"stale\":true}";
        loaded.Claim("me@test.local", _clock);
        db.BumpVersions();

        var error = await Should.ThrowAsync<DbUpdateConcurrencyException>(() => DirectChangeWriter.TrySaveAsync(db, Ct));

        error.Message.ShouldContain("update WorkflowInstanceRecord");
        await using var fresh = await _host.DbAsync();
        (await fresh.WorkItems.AsNoTracking().SingleAsync(w => w.Id == item.Id, Ct)).Assignee.ShouldBeNull();
    }

    [Fact]
    public async Task TrySaveAsync_StaleDeleteThenInsertsAndUpdates_NamesTheDeleteAndSavesNothing()
    {
        var instance = await SeedInstanceAsync();
        var bookmark = Guid.CreateVersion7();
        await using (var seed = await _host.DbAsync())
        {
            seed.WorkflowBookmarks.Add(new WorkflowBookmarkRecord { Id = bookmark, InstanceId = instance, Kind = BookmarkKind.Signal, ActivityId = "wait", Name = "go" });
            await seed.SaveChangesAsync(Ct);
        }

        await using (var other = await _host.DbAsync())
        {
            other.WorkflowBookmarks.Remove(await other.WorkflowBookmarks.SingleAsync(b => b.Id == bookmark, Ct));
            await other.SaveChangesAsync(Ct);
        }

        await using var db = await _host.DbAsync();
        var record = await db.WorkflowInstances.SingleAsync(i => i.Id == instance, Ct);
        db.Entry(new WorkflowBookmarkRecord { Id = bookmark, InstanceId = instance }).State = EntityState.Deleted;
        db.WorkflowJournal.Add(new WorkflowJournalRecord { InstanceId = instance, Sequence = 7, Event = "Resumed", Actor = "me", At = _clock.GetUtcNow() });
        record.StateJson = "{\"after\":true}";
        record.Revision++;
        db.BumpVersions();

        var error = await Should.ThrowAsync<DbUpdateConcurrencyException>(() => DirectChangeWriter.TrySaveAsync(db, Ct));

        error.Message.ShouldContain("delete WorkflowBookmarkRecord");
        await using var fresh = await _host.DbAsync();
        (await fresh.WorkflowJournal.AnyAsync(j => j.InstanceId == instance, Ct)).ShouldBeFalse();
        (await fresh.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == instance, Ct)).StateJson.ShouldBe("{}");
        db.Database.GetDbConnection().State.ShouldBe(System.Data.ConnectionState.Closed);
    }

    // Owned collection: a role withdrawn and granted again in one save is a DELETE and an INSERT of the same unique
    // (UserId, Role); on SQLite the new row may even get the deleted row's id back.
    [Fact]
    public async Task TrySaveAsync_OwnedRowRemovedAndAddedAgain_StoresItOnceAndTracksTheNewKey()
    {
        var user = AgencyUser.Create("review.user@test.local", "Review", _unit, Role.PoliceInvestigator, Role.PoliceTeamLead);
        await using (var seed = await _host.DbAsync())
        {
            seed.Users.Add(user);
            await seed.SaveChangesAsync(Ct);
        }

        await using (var db = await _host.DbAsync())
        {
            var loaded = await db.Users.SingleAsync(u => u.Id == user.Id, Ct);
            loaded.Revoke(Role.PoliceTeamLead);
            db.ChangeTracker.DetectChanges();
            loaded.Grant(Role.PoliceTeamLead, _unit);
            db.BumpVersions();

            (await DirectChangeWriter.TrySaveAsync(db, Ct)).ShouldNotBeNull();

            db.ChangeTracker.Entries().ShouldAllBe(e => e.State == EntityState.Unchanged);
            db.ChangeTracker.Entries().Where(e => e.Metadata.ClrType == typeof(RoleAssignment)).Select(e => (int)e.Property("Id").CurrentValue!).ShouldAllBe(id => id > 0);

            // The context stays usable: one more change saves.
            loaded.Grant(Role.PoliceIntakeOfficer, _unit);
            await db.SaveChangesDirectAsync(Ct);
        }

        await using var fresh = await _host.DbAsync();
        var stored = await fresh.Users.AsNoTracking().SingleAsync(u => u.Id == user.Id, Ct);
        stored.Roles.Select(r => r.Role).Order().ShouldBe([Role.PoliceIntakeOfficer, Role.PoliceInvestigator, Role.PoliceTeamLead]);
        stored.Version.ShouldBe(2);
    }

    // Money in cents, IBANs, enums as strings and DateTimeOffset (UTC ticks on SQLite) in owned rows, plus the case row.
    [Fact]
    public async Task TrySaveAsync_TransfersAndCashOutsRecorded_ReadBackAsRecorded()
    {
        var from = Iban.Parse("NL91ABNA0417164300");
        var to = Iban.Parse("NL20INGB0001234567");
        var at = new DateTimeOffset(2026, 2, 27, 23, 30, 0, TimeSpan.FromHours(1)).AddTicks(70); // whole microseconds: PostgreSQL keeps no more
        var transfer = new Transfer(TransferKind.Onward, from, to, Money.Eur(1234.56m), at);
        var cashOut = new CashOut(to, Money.Eur(99.99m), at.AddMinutes(5), CashOutMethod.Crypto);
        await using (var db = await _host.DbAsync())
        {
            var loaded = await db.Cases.SingleAsync(c => c.Id == _case.Id, Ct);
            loaded.RecordTransfer(transfer);
            loaded.RecordCashOut(cashOut);
            loaded.MoveTo(CasePhase.Triage, _clock);
            db.BumpVersions();

            (await DirectChangeWriter.TrySaveAsync(db, Ct)).ShouldNotBeNull();
        }

        await using var fresh = await _host.DbAsync();
        var stored = await fresh.Cases.AsNoTracking().SingleAsync(c => c.Id == _case.Id, Ct);
        stored.Phase.ShouldBe(CasePhase.Triage);
        stored.Transfers.ShouldBe([transfer]);
        stored.CashOuts.ShouldBe([cashOut]);
        stored.Transfers.Single().OccurredAt.Offset.ShouldBe(TimeSpan.Zero);
    }

    // A history event changed in place (a Modified owned row) is written.
    [Fact]
    public async Task TrySaveAsync_OwnedRowModifiedInPlace_WritesIt()
    {
        var item = NewItem(null);
        await using (var seed = await _host.DbAsync())
        {
            seed.WorkItems.Add(item);
            await seed.SaveChangesAsync(Ct);
        }

        await using (var db = await _host.DbAsync())
        {
            await db.WorkItems.SingleAsync(w => w.Id == item.Id, Ct);
            db.ChangeTracker.Entries<WorkItemEvent>().Single().Property(e => e.Actor).CurrentValue = "corrected";
            db.BumpVersions();
            (await DirectChangeWriter.TrySaveAsync(db, Ct)).ShouldNotBeNull();
        }

        await using var fresh = await _host.DbAsync();
        (await fresh.WorkItems.AsNoTracking().SingleAsync(w => w.Id == item.Id, Ct)).History.Single().Actor.ShouldBe("corrected");
    }

    // The same, through either path: the owner's version must rise (else a concurrent save of the owner is not caught).
    [Fact]
    public async Task BumpVersions_OwnedRowModifiedOnly_RaisesTheOwnersVersion()
    {
        var item = NewItem(null);
        await using (var seed = await _host.DbAsync())
        {
            seed.WorkItems.Add(item);
            await seed.SaveChangesAsync(Ct);
        }

        await using (var db = await _host.DbAsync())
        {
            var loaded = await db.WorkItems.SingleAsync(w => w.Id == item.Id, Ct);
            var created = db.ChangeTracker.Entries<WorkItemEvent>().Single();
            created.Property(e => e.Actor).CurrentValue = "corrected";
            await db.SaveChangesDirectAsync(Ct);
            loaded.Version.ShouldBe(1);
        }
    }

    // A caller that opened the connection (complete-and-advance does) keeps it open after a failed save, and one
    // close returns it to closed: the writer's own open is always matched.
    [Fact]
    public async Task TrySaveAsync_FailsOnCallerOpenedConnection_LeavesOnlyTheCallersOpen()
    {
        var instance = await SeedInstanceAsync();
        await using var db = await _host.DbAsync();
        await db.Database.OpenConnectionAsync(Ct);
        var record = await db.WorkflowInstances.SingleAsync(i => i.Id == instance, Ct);
        db.Entry(record).Property(r => r.Revision).OriginalValue = 9;
        record.Revision = 10;
        db.BumpVersions();

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => DirectChangeWriter.TrySaveAsync(db, Ct));

        db.Database.GetDbConnection().State.ShouldBe(System.Data.ConnectionState.Open);
        await db.Database.CloseConnectionAsync();
        db.Database.GetDbConnection().State.ShouldBe(System.Data.ConnectionState.Closed);
    }

    // A role withdrawn (a Deleted owned row, no longer in the collection) raises the owner's version.
    [Fact]
    public async Task BumpVersions_OwnedRowRemovedOnly_RaisesTheOwnersVersion()
    {
        var user = AgencyUser.Create("review.remove@test.local", "Review", _unit, Role.PoliceInvestigator, Role.PoliceTeamLead);
        await using (var seed = await _host.DbAsync())
        {
            seed.Users.Add(user);
            await seed.SaveChangesAsync(Ct);
        }

        await using var db = await _host.DbAsync();
        var loaded = await db.Users.SingleAsync(u => u.Id == user.Id, Ct);
        loaded.Revoke(Role.PoliceTeamLead);
        await db.SaveChangesDirectAsync(Ct);

        loaded.Version.ShouldBe(1);
    }

    // A unique value released by an UPDATE and taken by an INSERT in the same save: EF orders the UPDATE first
    // (its unique-index edges); the writer, which runs inserts before updates, leaves such a save to EF.
    [Fact]
    public async Task SaveChangesAsync_UniqueValueMovedToNewRow_Saves() => await MoveBankCodeAsync(db => db.SaveChangesAsync(Ct));

    [Fact]
    public async Task TrySaveAsync_UniqueValueMovedToNewRow_LeavesItToEfWhichSavesIt() => await MoveBankCodeAsync(async db =>
    {
        db.BumpVersions();
        (await DirectChangeWriter.TrySaveAsync(db, Ct)).ShouldBeNull();
        await db.SaveChangesDirectAsync(Ct);
    });

    private async Task MoveBankCodeAsync(Func<CoordinationDbContext, Task> save)
    {
        await using (var db = await _host.DbAsync())
        {
            var bank = await db.Agencies.SingleAsync(a => a.Code == "BANK-TEST", Ct);
            bank.ChangeBankCode("TSTB");
            db.Agencies.Add(Agency.CreateBank("BANK-NEW", "Nieuwe bank", "TEST"));
            await save(db);
        }

        await using var fresh = await _host.DbAsync();
        (await fresh.Agencies.AsNoTracking().SingleAsync(a => a.BankCode == "TEST", Ct)).Code.ShouldBe("BANK-NEW");
    }

    // Runs a save that fails on a stale row inside a transaction the caller began, after the caller wrote a row of its
    // own in that transaction; the caller then commits. Returns whether the caller's row and the failed save's row exist.
    private async Task<(bool Earlier, bool Failed)> StaleSaveInCallersTransactionAsync(Func<CoordinationDbContext, Task> save)
    {
        var instance = await SeedInstanceAsync();
        var item = NewItem(null);
        await using (var seed = await _host.DbAsync())
        {
            seed.WorkItems.Add(item);
            await seed.SaveChangesAsync(Ct);
        }

        await using var db = await _host.DbAsync();
        var mine = await db.WorkItems.SingleAsync(w => w.Id == item.Id, Ct);
        await using (var other = await _host.DbAsync())
        {
            (await other.WorkItems.SingleAsync(w => w.Id == item.Id, Ct)).Claim("someone.else@test.local", _clock);
            await other.SaveChangesAsync(Ct);
        }

        await using (var transaction = await db.Database.BeginTransactionAsync(Ct))
        {
            db.WorkflowJournal.Add(new WorkflowJournalRecord { InstanceId = instance, Sequence = 1, Event = "Earlier", Actor = "caller", At = _clock.GetUtcNow() });
            await db.SaveChangesAsync(Ct);

            // Inserts run before updates: the journal line is written before the stale task's UPDATE fails.
            mine.Claim("me@test.local", _clock);
            db.WorkflowJournal.Add(new WorkflowJournalRecord { InstanceId = instance, Sequence = 2, Event = "Failed", Actor = "me", At = _clock.GetUtcNow() });
            await Should.ThrowAsync<DbUpdateConcurrencyException>(() => save(db));

            // The caller handles the conflict and keeps its own work.
            try
            {
                await transaction.CommitAsync(Ct);
            }
            catch (Exception ex) when (ex is InvalidOperationException or System.Data.Common.DbException)
            {
                // PostgreSQL: the transaction was aborted by the failed batch.
            }
        }

        await using var fresh = await _host.DbAsync();
        var lines = await fresh.WorkflowJournal.AsNoTracking().Where(j => j.InstanceId == instance).Select(j => j.Sequence).ToListAsync(Ct);
        return (lines.Contains(1), lines.Contains(2));
    }

    private async Task<Guid> SeedInstanceAsync()
    {
        var id = Guid.CreateVersion7();
        await using var db = await _host.DbAsync();
        db.WorkflowInstances.Add(new WorkflowInstanceRecord { Id = id, DefinitionId = "test", DefinitionVersion = 1, StateJson = "{}", CreatedAt = _clock.GetUtcNow(), UpdatedAt = _clock.GetUtcNow() });
        await db.SaveChangesAsync(Ct);
        return id;
    }

    private WorkItem NewItem(Guid? instanceId) =>
        WorkItem.Create(_case.Id, "Taak 1", _unit.Id, Role.PoliceInvestigator, _clock.GetUtcNow().AddDays(3), _clock, instanceId, "task1", titleEnglish: "Task 1", subject: "NL91ABNA0417164300");
}

public sealed class SqliteDirectChangeWriterEdgeCaseTests(PostgreSqlFixture postgres) : DirectChangeWriterEdgeCaseTests(DatabaseProvider.Sqlite, postgres);

public sealed class PostgreSqlDirectChangeWriterEdgeCaseTests(PostgreSqlFixture postgres) : DirectChangeWriterEdgeCaseTests(DatabaseProvider.PostgreSql, postgres);
