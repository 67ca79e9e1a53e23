using Coordination.Domain.Accounts;
using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Dispositions;
using Coordination.Domain.Parties;
using Coordination.Domain.Reports;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Persistence.Conventions;
using Coordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Persistence;

/// <summary>The persistence contract, run once per provider by the subclasses below.</summary>
public abstract class PersistenceTests(DatabaseProvider provider, PostgreSqlFixture postgres) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private Agency _police = null!;
    private Agency _om = null!;
    private Agency _bank = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider, postgres);
        _police = Agency.Create("POL-TEST", "Politie Test", AgencyKind.Police);
        _om = Agency.Create("OM-TEST", "OM Test", AgencyKind.ProsecutionService);
        _bank = Agency.CreateBank("BANK-TEST", "Testbank", "TEST");
        await using var db = _database.CreateDbContext();
        db.Agencies.AddRange(_police, _om, _bank);
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Migrate_FreshDatabase_LeavesNoPendingMigrations()
    {
        await using var db = _database.CreateDbContext();

        var pending = await db.Database.GetPendingMigrationsAsync(Ct);

        pending.ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync(Ct)).ShouldNotBeEmpty();
    }

    [Fact]
    public async Task SaveChanges_CaseWithReportAndMoneyTrail_RoundTripsEveryField()
    {
        var victim = Iban.Parse("NL91ABNA0417164300");
        var mule1 = Iban.FromBban("NL", "TEST0000000001");
        var mule2 = Iban.FromBban("NL", "TEST0000000002");
        var report = NewReport(damage: 1234.56m);
        report.AddIban(mule1);
        report.AddPhoneNumber("06 12345678");
        report.AddUrl("www.Marktplaats.nl/v/123/");
        report.SetVictimIban(victim);
        var fraudCase = FraudCase.Register(CaseNumber.Create(2026, 42), report, _police.Id, _clock);
        fraudCase.RecordTransfer(new Transfer(TransferKind.VictimPayment, victim, mule1, Money.Eur(1234.56m), _clock.GetUtcNow().AddDays(-3)));
        fraudCase.RecordTransfer(new Transfer(TransferKind.Onward, mule1, mule2, Money.Eur(1200m), _clock.GetUtcNow().AddDays(-2)));
        fraudCase.RecordCashOut(new CashOut(mule2, Money.Eur(1200m), _clock.GetUtcNow().AddDays(-1), CashOutMethod.AtmWithdrawal));
        await SaveAsync(report, fraudCase);

        await using var db = _database.CreateDbContext();
        var loaded = await db.Cases.SingleAsync(c => c.Number == CaseNumber.Create(2026, 42), Ct);
        var loadedReport = await db.Reports.SingleAsync(r => r.Id == report.Id, Ct);

        loaded.Id.ShouldBe(fraudCase.Id);
        loaded.FraudType.ShouldBe(FraudType.PurchaseSale);
        loaded.Phase.ShouldBe(CasePhase.Registered);
        loaded.ReportedDamage.ShouldBe(Money.Eur(1234.56m));
        loaded.ReportCount.ShouldBe(1);
        loaded.OffenceDate.ShouldBe(new DateOnly(2026, 2, 20));
        loaded.OwningUnitId.ShouldBe(_police.Id);
        loaded.RegisteredAt.ShouldBe(_clock.GetUtcNow());
        loaded.Transfers.Count.ShouldBe(2);
        loaded.CashOuts.Single().Method.ShouldBe(CashOutMethod.AtmWithdrawal);
        var chain = loaded.MuleChain();
        chain.Find(mule2)!.Line.ShouldBe(2);
        chain.Find(mule2)!.IsCashOutPoint.ShouldBeTrue();
        loadedReport.CaseId.ShouldBe(fraudCase.Id);
        loadedReport.VictimIban.ShouldBe(victim);
        loadedReport.Identifiers.ShouldBe(
            [
                new ReportIdentifier(IdentifierKind.Iban, mule1.Value),
                new ReportIdentifier(IdentifierKind.PhoneNumber, "+31612345678"),
                new ReportIdentifier(IdentifierKind.Url, "https://www.marktplaats.nl/v/123"),
            ],
            ignoreOrder: true);
    }

    [Fact]
    public async Task Query_ReportsByIbanLead_FindsOnlyReportsNamingIt()
    {
        var shared = Iban.FromBban("NL", "TEST0000000777");
        var first = NewReport(100m);
        first.AddIban(shared);
        var second = NewReport(200m);
        second.AddIban(shared);
        var other = NewReport(300m);
        other.AddIban(Iban.FromBban("NL", "TEST0000000888"));
        await SaveAsync(first, second, other);

        await using var db = _database.CreateDbContext();
        var found = await db.Reports.AsNoTracking()
            .Where(r => r.Identifiers.Any(i => i.Kind == IdentifierKind.Iban && i.Value == shared.Value))
            .Select(r => r.Id)
            .ToListAsync(Ct);

        found.ShouldBe([first.Id, second.Id], ignoreOrder: true);
    }

    [Fact]
    public async Task Query_WorkItemsByDueTime_ComparesAndOrdersInTheDatabase()
    {
        var fraudCase = await SavedCaseAsync();
        var late = WorkItem.Create(fraudCase.Id, "Later", _police.Id, Role.PoliceTeamLead, _clock.GetUtcNow().AddDays(5), _clock);
        var soon = WorkItem.Create(fraudCase.Id, "Soon", _police.Id, Role.PoliceTeamLead, _clock.GetUtcNow().AddHours(5), _clock);
        var otherRole = WorkItem.Create(fraudCase.Id, "Other", _police.Id, Role.PoliceInvestigator, _clock.GetUtcNow().AddHours(1), _clock);
        await SaveAsync(late, soon, otherRole);

        await using var db = _database.CreateDbContext();
        var cutoff = _clock.GetUtcNow().AddDays(10);
        var queue = await db.WorkItems.AsNoTracking()
            .Where(w => w.CandidateAgencyId == _police.Id && w.CandidateRole == Role.PoliceTeamLead && w.Status == WorkItemStatus.Open && w.DueAt < cutoff)
            .OrderBy(w => w.DueAt)
            .Select(w => w.Title)
            .ToListAsync(Ct);

        queue.ShouldBe(["Soon", "Later"]);
    }

    [Fact]
    public async Task SaveChanges_WorkItemHistoryPartiesDispositionAccountUser_RoundTrip()
    {
        var fraudCase = await SavedCaseAsync();
        var item = WorkItem.Create(fraudCase.Id, "Triage", _police.Id, Role.PoliceTeamLead, _clock.GetUtcNow().AddDays(5), _clock, Guid.NewGuid(), "triage");
        _clock.Advance(TimeSpan.FromHours(2));
        item.Claim("lead@politie.test", _clock);
        _clock.Advance(TimeSpan.FromHours(1));
        item.Complete("lead@politie.test", "Investigate", """{"reason":"3 linked reports"}""", _clock);
        var suspect = Party.Suspect(fraudCase.Id, PartyRole.MoneyMule, "Sam de Vries", new DateOnly(2010, 6, 1), new DateOnly(2026, 2, 20), _clock);
        var disposition = Disposition.PenaltyOrder(suspect, null, Money.Eur(250m), Money.Eur(99.99m), "ovj@om.test", _clock);
        var account = BankAccount.Register(Iban.FromBban("NL", "TEST0000000003"), BankDirectory.From([_bank]), _clock);
        account.Identify("S. de Vries", new DateOnly(2010, 6, 1), _clock);
        var user = AgencyUser.Create("Lead@Politie.Test", "Team Lead", _police, Role.PoliceTeamLead, Role.PoliceInvestigator);
        await SaveAsync(item, suspect, disposition, account, user);

        await using var db = _database.CreateDbContext();
        var loadedItem = await db.WorkItems.SingleAsync(w => w.Id == item.Id, Ct);
        var loadedSuspect = await db.Parties.SingleAsync(p => p.Id == suspect.Id, Ct);
        var loadedDisposition = await db.Dispositions.SingleAsync(d => d.Id == disposition.Id, Ct);
        var loadedAccount = await db.BankAccounts.SingleAsync(a => a.Iban == account.Iban, Ct);
        var loadedUser = await db.Users.SingleAsync(u => u.UserName == "lead@politie.test", Ct);

        loadedItem.Status.ShouldBe(WorkItemStatus.Completed);
        loadedItem.History.Select(e => e.Kind).ShouldBe([WorkItemEventKind.Created, WorkItemEventKind.Claimed, WorkItemEventKind.Completed]);
        loadedItem.QueueTime(_clock.GetUtcNow()).ShouldBe(TimeSpan.FromHours(2));
        loadedItem.WorkTime(_clock.GetUtcNow()).ShouldBe(TimeSpan.FromHours(1));
        loadedItem.FormData.ShouldBe("""{"reason":"3 linked reports"}""");
        loadedSuspect.AgeAtOffence.ShouldBe(15);
        loadedSuspect.IsMinorAtOffence.ShouldBeTrue();
        loadedDisposition.Fine.ShouldBe(Money.Eur(250m));
        loadedDisposition.Compensation.ShouldBe(Money.Eur(99.99m));
        loadedDisposition.Hours.ShouldBeNull();
        loadedDisposition.ObjectionDeadline.ShouldBe(_clock.GetUtcNow().AddDays(14));
        loadedAccount.BankId.ShouldBe(_bank.Id);
        loadedAccount.Status.ShouldBe(AccountStatus.Identified);
        loadedUser.Roles.Select(r => r.Role).ShouldBe([Role.PoliceTeamLead, Role.PoliceInvestigator], ignoreOrder: true);
    }

    [Fact]
    public async Task SaveChanges_StaleCopyOfCase_ThrowsConcurrencyException()
    {
        var fraudCase = await SavedCaseAsync();
        await using var first = _database.CreateDbContext();
        await using var second = _database.CreateDbContext();
        var mine = await first.Cases.SingleAsync(c => c.Id == fraudCase.Id, Ct);
        var theirs = await second.Cases.SingleAsync(c => c.Id == fraudCase.Id, Ct);

        mine.MoveTo(CasePhase.Triage, _clock);
        await first.SaveChangesAsync(Ct);
        theirs.Close(CaseEndState.ClosedCivil, _clock);

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
        await using var check = _database.CreateDbContext();
        var stored = await check.Cases.SingleAsync(c => c.Id == fraudCase.Id, Ct);
        stored.Phase.ShouldBe(CasePhase.Triage);
        stored.Version.ShouldBe(fraudCase.Version + 1);
    }

    [Fact]
    public async Task SaveChanges_StaleCopyWhenOnlyOwnedDataChanged_ThrowsConcurrencyException()
    {
        var fraudCase = await SavedCaseAsync();
        var a = Iban.FromBban("NL", "TEST0000000011");
        var b = Iban.FromBban("NL", "TEST0000000012");
        await using var first = _database.CreateDbContext();
        await using var second = _database.CreateDbContext();
        var mine = await first.Cases.SingleAsync(c => c.Id == fraudCase.Id, Ct);
        var theirs = await second.Cases.SingleAsync(c => c.Id == fraudCase.Id, Ct);

        mine.RecordTransfer(new Transfer(TransferKind.Onward, a, b, Money.Eur(10m), _clock.GetUtcNow()));
        await first.SaveChangesAsync(Ct);
        theirs.RecordTransfer(new Transfer(TransferKind.Onward, b, a, Money.Eur(5m), _clock.GetUtcNow()));

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync(Ct));
    }

    [Fact]
    public async Task Read_UnknownEnumValueInStoredData_FailsWithMessageNamingValueAndType()
    {
        var fraudCase = await SavedCaseAsync();
        await using (var db = _database.CreateDbContext())
        {
            await db.Database.ExecuteSqlAsync($"""UPDATE "Cases" SET "Phase" = 'Archived' WHERE "Id" = {fraudCase.Id.Value}""", Ct);
        }

        await using var reader = _database.CreateDbContext();
        var error = await Should.ThrowAsync<Exception>(() => reader.Cases.SingleAsync(c => c.Id == fraudCase.Id, Ct));

        var stored = error as StoredDataException ?? error.InnerException as StoredDataException;
        stored.ShouldNotBeNull($"expected a StoredDataException, got {error}");
        stored.Message.ShouldContain("'Archived'");
        stored.Message.ShouldContain(nameof(CasePhase));
    }

    [Fact]
    public async Task SaveChanges_AuditTrail_VerifiesAfterReloadAndDetectsTampering()
    {
        AuditEntry? previous = null;
        await using (var db = _database.CreateDbContext())
        {
            for (var i = 0; i < 4; i++)
            {
                _clock.Advance(TimeSpan.FromTicks(1234567));
                previous = AuditEntry.Append(
                    previous, _clock.GetUtcNow(), $"user{i}@test", _police.Id.Value, AuditAction.Read, "FraudCase", $"case-{i}", "person-1",
                    AuditResult.Succeeded, "127.0.0.1", "investigation");
                db.AuditEntries.Add(previous);
            }

            await db.SaveChangesAsync(Ct);
        }

        await using (var db = _database.CreateDbContext())
        {
            AuditChain.FirstBrokenLink(await db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(Ct)).ShouldBeNull();
            await db.Database.ExecuteSqlAsync($"""UPDATE "AuditEntries" SET "Actor" = 'someone-else' WHERE "Sequence" = 3""", Ct);
        }

        await using var verify = _database.CreateDbContext();
        AuditChain.FirstBrokenLink(await verify.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).ToListAsync(Ct)).ShouldBe(3);
    }

    private Report NewReport(decimal damage) =>
        Report.Submit(
            ReportChannel.OnlinePoliceReport, FraudType.PurchaseSale, "Jan Jansen", "jan@example.nl", "Fiets betaald, niet geleverd.",
            Money.Eur(damage), new DateOnly(2026, 2, 20), _clock.GetUtcNow().AddDays(-1), _clock);

    private async Task<FraudCase> SavedCaseAsync()
    {
        var report = NewReport(500m);
        var fraudCase = FraudCase.Register(CaseNumber.Create(2026, Random.Shared.Next(1, 999_999)), report, _police.Id, _clock);
        await SaveAsync(report, fraudCase);
        return fraudCase;
    }

    private async Task SaveAsync(params object[] entities)
    {
        await using var db = _database.CreateDbContext();
        db.AddRange(entities);
        await db.SaveChangesAsync(Ct);
    }
}

/// <summary>The persistence contract on the embedded SQLite provider.</summary>
public sealed class SqlitePersistenceTests(PostgreSqlFixture postgres) : PersistenceTests(DatabaseProvider.Sqlite, postgres);

/// <summary>The persistence contract on a real PostgreSQL server.</summary>
public sealed class PostgreSqlPersistenceTests(PostgreSqlFixture postgres) : PersistenceTests(DatabaseProvider.PostgreSql, postgres);
