using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Reports;
using Coordination.Web.Features.Cases;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Security;

/// <summary>
/// An account row is shared by every case, and carries what a bank told the case that traced it. Naming that IBAN in a
/// report of another unit's case — as the beneficiary, with the victim's payment into it recorded, or as the victim's
/// own — must not open it: that case sees the IBAN and its bank, not the holder or status, until it traces the account
/// itself.
/// </summary>
public sealed class ReportedAccountTests(PostgreSqlFixture postgres) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private AppHost _host = null!;
    private SecurityWorld _world = null!;
    private Iban _traced = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        _host = AppHost.Start(_database, _clock);
        _world = await SecurityWorld.CreateAsync(_host, _clock);
        _traced = Iban.FromBban("NL", "XBNK0000000001");
        await using var db = await _host.DbAsync();

        // Unit A traced the account: its look-up taught the police who holds it.
        (await db.BankAccounts.SingleAsync(a => a.Iban == _traced, Ct)).Identify("Sam de Vries", new DateOnly(2009, 4, 1), _clock);
        db.TracedAccounts.Add(TracedAccount.Record(_world.CaseA.Id, _traced, _clock));

        // Someone at unit B registers a report that names the same IBAN, in B's own case; the victim's payment into it
        // is recorded as the start of B's money trail (as the intake step does for a one-account report).
        var victim = Iban.FromBban("NL", "YBNK0000000009");
        var report = Report.Submit(ReportChannel.PoliceStation, FraudType.PurchaseSale, "Piet Pander", null, "Telefoon niet geleverd.", Money.Eur(300m), new DateOnly(2026, 2, 27), _clock.GetUtcNow(), _clock);
        report.AddIban(_traced);
        report.SetVictimIban(victim);
        db.Reports.Add(report);
        var caseB = await db.Cases.SingleAsync(c => c.Id == _world.CaseB.Id, Ct);
        caseB.LinkReport(report);
        caseB.RecordTransfer(new Transfer(TransferKind.VictimPayment, victim, _traced, Money.Eur(300m), _clock.GetUtcNow().AddDays(-3)));
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task GetCaseFile_OtherUnitNamesATracedIbanInAReport_SeesIbanAndBankButNotHolderOrStatus()
    {
        var file = (await _host.QueryAsync(new GetCaseFileQuery(_world.CaseB.Id.Value), _world.Users["investigatorB"])).ShouldNotBeNull();

        var account = file.Accounts.Single(a => a.Iban == _traced.Value);
        (account.BankName, account.Status, account.HolderName).ShouldBe(("Bank X", "Unknown", (string?)null));
        file.ChainNodes.ShouldHaveSingleItem().Iban.ShouldBe(_traced.Value, "the reported account still starts B's chain");
    }

    [Fact]
    public async Task GetCaseFile_OtherUnitThenTracesTheAccountItself_SeesWhatIsKnown()
    {
        await using (var db = await _host.DbAsync())
        {
            db.TracedAccounts.Add(TracedAccount.Record(_world.CaseB.Id, _traced, _clock));
            await db.SaveChangesAsync(Ct);
        }

        var file = (await _host.QueryAsync(new GetCaseFileQuery(_world.CaseB.Id.Value), _world.Users["investigatorB"])).ShouldNotBeNull();

        file.Accounts.Single(a => a.Iban == _traced.Value).HolderName.ShouldBe("Sam de Vries");
    }

    [Fact]
    public async Task GetCaseFile_TheUnitThatTracedTheAccount_SeesTheHolder()
    {
        var file = (await _host.QueryAsync(new GetCaseFileQuery(_world.CaseA.Id.Value), _world.Users["investigatorA"])).ShouldNotBeNull();

        file.Accounts.Single(a => a.Iban == _traced.Value).HolderName.ShouldBe("Sam de Vries");
    }
}
