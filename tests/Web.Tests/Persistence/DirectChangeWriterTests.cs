using System.Data.Common;
using System.Globalization;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.WorkItems;
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
/// The workflow's saves write through <see cref="DirectChangeWriter"/> instead of EF's update pipeline. These tests
/// hold it to what SaveChanges does: the same stored values, generated keys read back, one transaction, the
/// concurrency check, errors as EF's exceptions, task-change notices, and EF itself for what it does not handle
/// (a caller's transaction, a unique value moved); and owners' versions raised for changes to what they own.
/// </summary>
public abstract class DirectChangeWriterTests(DatabaseProvider provider, PostgreSqlFixture postgres) : IAsyncLifetime
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

    [Fact]
    public async Task TrySaveAsync_SameChangesAsEfSaveChanges_StoresTheSameValues()
    {
        var instanceByEf = Guid.CreateVersion7();
        var instanceDirect = Guid.CreateVersion7();
        var itemByEf = NewItem(instanceByEf);
        var itemDirect = NewItem(instanceDirect);

        // Inserts: an instance row, a task with its "created" event (a database-generated key), journal lines, a timer.
        await SaveBothWaysAsync(db => AddWorkflowRows(db, instanceByEf, itemByEf), db => AddWorkflowRows(db, instanceDirect, itemDirect));

        // Updates: the task claimed and completed (its version raised, two more events), the instance row advanced.
        await SaveBothWaysAsync(db => AdvanceAsync(db, itemByEf.Id, instanceByEf), db => AdvanceAsync(db, itemDirect.Id, instanceDirect));

        // Deletes: the timer and its bookmark.
        await SaveBothWaysAsync(db => RemoveTimerAsync(db, instanceByEf), db => RemoveTimerAsync(db, instanceDirect));

        var byEf = await ReadRowsAsync(itemByEf.Id.Value, instanceByEf);
        var direct = await ReadRowsAsync(itemDirect.Id.Value, instanceDirect);
        string.Join("\n", direct).ShouldBe(string.Join("\n", byEf));
        byEf.Count(r => r.StartsWith("WorkItemEvents", StringComparison.Ordinal)).ShouldBe(3);
        byEf.ShouldContain(r => r.StartsWith("WorkflowInstances", StringComparison.Ordinal) && r.Contains("|3|", StringComparison.Ordinal));
        byEf.ShouldNotContain(r => r.StartsWith("WorkflowTimers", StringComparison.Ordinal) || r.StartsWith("WorkflowBookmarks", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TrySaveAsync_NewRowWithDatabaseGeneratedKey_ReadsTheKeyBackAndLeavesEverythingUnchanged()
    {
        var item = NewItem(null);
        await using var db = await _host.DbAsync();
        db.WorkItems.Add(item);
        db.ChangeTracker.DetectChanges();

        var saved = await DirectChangeWriter.TrySaveAsync(db, Ct);

        saved.ShouldBe(2);
        var created = db.ChangeTracker.Entries().Single(e => e.Metadata.ClrType == typeof(WorkItemEvent));
        created.Property("Id").IsTemporary.ShouldBeFalse();
        ((int)created.Property("Id").CurrentValue!).ShouldBeGreaterThan(0);
        db.ChangeTracker.Entries().ShouldAllBe(e => e.State == EntityState.Unchanged);
        db.Database.GetDbConnection().State.ShouldBe(System.Data.ConnectionState.Closed);
        await using var fresh = await _host.DbAsync();
        (await fresh.WorkItems.AsNoTracking().SingleAsync(w => w.Id == item.Id, Ct)).History.Count.ShouldBe(1);
    }

    [Fact]
    public async Task TrySaveAsync_RowSavedBySomeoneElseSinceLoaded_ThrowsConcurrencyAndSavesNothing()
    {
        var item = NewItem(null);
        await using (var seed = await _host.DbAsync())
        {
            seed.WorkItems.Add(item);
            await seed.SaveChangesAsync(Ct);
        }

        await using var first = await _host.DbAsync();
        await using var second = await _host.DbAsync();
        var mine = await first.WorkItems.SingleAsync(w => w.Id == item.Id, Ct);
        var theirs = await second.WorkItems.SingleAsync(w => w.Id == item.Id, Ct);
        theirs.Claim("someone.else@test.local", _clock);
        await second.SaveChangesDirectAsync(Ct);

        mine.Claim("me@test.local", _clock);
        var journalLine = new WorkflowJournalRecord { InstanceId = await SeedInstanceAsync(), Sequence = 1, Event = "Started", Actor = "me", At = _clock.GetUtcNow() };
        first.WorkflowJournal.Add(journalLine);

        var error = await Should.ThrowAsync<DbUpdateConcurrencyException>(() => first.SaveChangesDirectAsync(Ct));

        error.Message.ShouldContain("update WorkItem");

        await using var fresh = await _host.DbAsync();
        (await fresh.WorkItems.AsNoTracking().SingleAsync(w => w.Id == item.Id, Ct)).Assignee.ShouldBe("someone.else@test.local");
        (await fresh.WorkflowJournal.AnyAsync(j => j.InstanceId == journalLine.InstanceId, Ct)).ShouldBeFalse();
        first.Database.GetDbConnection().State.ShouldBe(System.Data.ConnectionState.Closed);
    }

    [Fact]
    public async Task TrySaveAsync_DuplicateKey_ThrowsDbUpdateExceptionAndSavesNothing()
    {
        var instance = await SeedInstanceAsync();
        await using (var seed = await _host.DbAsync())
        {
            seed.WorkflowJournal.Add(new WorkflowJournalRecord { InstanceId = instance, Sequence = 1, Event = "Started", Actor = "system", At = _clock.GetUtcNow() });
            await seed.SaveChangesAsync(Ct);
        }

        await using var db = await _host.DbAsync();
        var item = NewItem(null);
        db.WorkItems.Add(item);
        db.WorkflowJournal.Add(new WorkflowJournalRecord { InstanceId = instance, Sequence = 1, Event = "Started", Actor = "other", At = _clock.GetUtcNow() });

        var error = await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesDirectAsync(Ct));

        error.ShouldNotBeOfType<DbUpdateConcurrencyException>();
        error.InnerException.ShouldBeAssignableTo<DbException>();
        await using var fresh = await _host.DbAsync();
        (await fresh.WorkItems.AnyAsync(w => w.Id == item.Id, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task SaveChangesDirectAsync_TaskAddedThenCommitted_TellsTheQueuesOnceAndNotOnFailure()
    {
        var changes = _host.Get<WorkItemChanges>();
        var told = 0;
        changes.Changed += (_, _) => Interlocked.Increment(ref told);

        await using (var db = await _host.DbAsync())
        {
            db.WorkItems.Add(NewItem(null));
            await db.SaveChangesDirectAsync(Ct);
        }

        // Listeners are called off the saving thread.
        await WaitUntilAsync(() => Volatile.Read(ref told) == 1);

        var instance = await SeedInstanceAsync();
        await using (var db = await _host.DbAsync())
        {
            // A save without tasks tells nobody.
            db.WorkflowJournal.Add(new WorkflowJournalRecord { InstanceId = instance, Sequence = 1, Event = "Started", Actor = "system", At = _clock.GetUtcNow() });
            await db.SaveChangesDirectAsync(Ct);
        }

        await using (var db = await _host.DbAsync())
        {
            // A failed save tells nobody either.
            db.WorkItems.Add(NewItem(null));
            db.WorkflowJournal.Add(new WorkflowJournalRecord { InstanceId = instance, Sequence = 1, Event = "Started", Actor = "again", At = _clock.GetUtcNow() });
            await Should.ThrowAsync<DbUpdateException>(() => db.SaveChangesDirectAsync(Ct));
        }

        await Task.Delay(200, Ct);
        Volatile.Read(ref told).ShouldBe(1);
    }

    [Fact]
    public async Task TrySaveAsync_RowMovedToAnotherPrincipalWhileRowsAreDeleted_LeavesItToEfWhichSavesIt()
    {
        var (otherCase, _) = await _host.SeedCaseAsync(_clock);
        var item = NewItem(null);
        var bookmark = new WorkflowBookmarkRecord { Id = Guid.CreateVersion7(), InstanceId = await SeedInstanceAsync(), Kind = BookmarkKind.Signal, ActivityId = "wait", Name = "go" };
        await using (var seed = await _host.DbAsync())
        {
            seed.WorkItems.Add(item);
            seed.WorkflowBookmarks.Add(bookmark);
            await seed.SaveChangesAsync(Ct);
        }

        await using var db = await _host.DbAsync();
        var loaded = await db.WorkItems.SingleAsync(w => w.Id == item.Id, Ct);
        db.Entry(loaded).Property(w => w.CaseId).CurrentValue = otherCase.Id;
        db.WorkflowBookmarks.Remove(await db.WorkflowBookmarks.SingleAsync(b => b.Id == bookmark.Id, Ct));
        db.ChangeTracker.DetectChanges();

        (await DirectChangeWriter.TrySaveAsync(db, Ct)).ShouldBeNull();
        db.Entry(loaded).State.ShouldBe(EntityState.Modified);

        await db.SaveChangesDirectAsync(Ct);
        await using var fresh = await _host.DbAsync();
        (await fresh.WorkItems.AsNoTracking().SingleAsync(w => w.Id == item.Id, Ct)).CaseId.ShouldBe(otherCase.Id);
        (await fresh.WorkflowBookmarks.AnyAsync(b => b.Id == bookmark.Id, Ct)).ShouldBeFalse();
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

    // The same change, once through EF's SaveChanges and once through the direct writer (which must take it).
    private async Task SaveBothWaysAsync(Func<CoordinationDbContext, Task> byEf, Func<CoordinationDbContext, Task> direct)
    {
        await using (var db = await _host.DbAsync())
        {
            await byEf(db);
            await db.SaveChangesAsync(Ct);
        }

        await using (var db = await _host.DbAsync())
        {
            await direct(db);
            db.BumpVersions();
            (await DirectChangeWriter.TrySaveAsync(db, Ct)).ShouldNotBeNull();
        }

        _clock.Advance(TimeSpan.FromMinutes(7));
    }

    private Task AddWorkflowRows(CoordinationDbContext db, Guid instance, WorkItem item)
    {
        var now = _clock.GetUtcNow();
        db.WorkflowInstances.Add(new WorkflowInstanceRecord
        {
            Id = instance, DefinitionId = "bench-chain", DefinitionVersion = 2, Status = WorkflowStatus.Running, CorrelationId = "case",
            StateJson = "{\"state\":1}", Revision = 1, CreatedAt = now, UpdatedAt = now,
        });
        db.WorkItems.Add(item);
        db.WorkflowBookmarks.Add(new WorkflowBookmarkRecord { Id = item.Id.Value, InstanceId = instance, Kind = BookmarkKind.Task, ActivityId = "task1" });
        var timer = Guid.CreateVersion7();
        db.WorkflowBookmarks.Add(new WorkflowBookmarkRecord { Id = timer, InstanceId = instance, Kind = BookmarkKind.Timer, ActivityId = "wait", Name = "deadline" });
        db.WorkflowTimers.Add(new WorkflowTimerRecord { BookmarkId = timer, InstanceId = instance, ActivityId = "wait", DueAt = now.AddHours(5).AddTicks(1234) });
        for (var sequence = 1; sequence <= 2; sequence++)
        {
            db.WorkflowJournal.Add(new WorkflowJournalRecord { InstanceId = instance, Sequence = sequence, ActivityId = "task1", Event = "Waiting", At = now, Actor = "system", Payload = sequence == 1 ? null : "Ö ‘quoted’" });
        }

        return Task.CompletedTask;
    }

    private async Task AdvanceAsync(CoordinationDbContext db, WorkItemId itemId, Guid instance)
    {
        var item = await db.WorkItems.SingleAsync(w => w.Id == itemId, Ct);
        item.Claim("investigator@test.local", _clock);
        item.Complete("investigator@test.local", "Done", "{\"a\":1}", _clock);
        var record = await db.WorkflowInstances.SingleAsync(i => i.Id == instance, Ct);
        record.Revision = 3;
        record.StateJson = "{\"state\":2}";
        record.Status = WorkflowStatus.Completed;
        record.Outcome = "closed";
        record.UpdatedAt = _clock.GetUtcNow();
    }

    private static async Task RemoveTimerAsync(CoordinationDbContext db, Guid instance)
    {
        db.WorkflowTimers.Remove(await db.WorkflowTimers.SingleAsync(t => t.InstanceId == instance, Ct));
        db.WorkflowBookmarks.RemoveRange(await db.WorkflowBookmarks.Where(b => b.InstanceId == instance).ToListAsync(Ct));
    }

    // Every stored row of an item and its instance as the database holds it, keys of the row itself left out.
    private async Task<List<string>> ReadRowsAsync(Guid itemId, Guid instanceId)
    {
        await using var db = await _host.DbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(Ct);
        var rows = new List<string>();
        foreach (var (table, idColumns) in new[]
        {
            ("WorkItems", new[] { "Id", "WorkflowInstanceId" }), ("WorkItemEvents", ["Id", "WorkItemId"]), ("WorkflowInstances", ["Id"]),
            ("WorkflowBookmarks", ["Id", "InstanceId"]), ("WorkflowTimers", ["BookmarkId", "InstanceId"]), ("WorkflowJournal", ["InstanceId"]),
        })
        {
            await using var command = connection.CreateCommand();
            command.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await command.ExecuteReaderAsync(Ct);
            while (await reader.ReadAsync(Ct))
            {
                var values = Enumerable.Range(0, reader.FieldCount).ToDictionary(reader.GetName, i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture) ?? string.Empty);
                var owner = values.GetValueOrDefault("WorkItemId") ?? values.GetValueOrDefault("InstanceId") ?? values["Id"];
                if (!owner.Equals(itemId.ToString(), StringComparison.OrdinalIgnoreCase) && !owner.Equals(instanceId.ToString(), StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                rows.Add(table + "|" + string.Join("|", values.Where(v => !idColumns.Contains(v.Key)).OrderBy(v => v.Key, StringComparer.Ordinal).Select(v => v.Value)));
            }
        }

        rows.Sort(StringComparer.Ordinal);
        return rows;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100 && !condition(); i++)
        {
            await Task.Delay(50, Ct);
        }

        condition().ShouldBeTrue();
    }
}

public sealed class SqliteDirectChangeWriterTests(PostgreSqlFixture postgres) : DirectChangeWriterTests(DatabaseProvider.Sqlite, postgres);

public sealed class PostgreSqlDirectChangeWriterTests(PostgreSqlFixture postgres) : DirectChangeWriterTests(DatabaseProvider.PostgreSql, postgres);
