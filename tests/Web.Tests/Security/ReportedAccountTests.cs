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
/// report of another unit's case must not open it: that case sees the IBAN and its bank, not the holder or status.
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

        // Unit A's production order taught the police who holds the account.
        (await db.BankAccounts.SingleAsync(a => a.Iban == _traced, Ct)).Identify("Sam de Vries", new DateOnly(2009, 4, 1), _clock);

        // Someone at unit B registers a report that names the same IBAN, in B's own case.
        var report = Report.Submit(ReportChannel.PoliceStation, FraudType.PurchaseSale, "Piet Pander", null, "Telefoon niet geleverd.", Money.Eur(300m), new DateOnly(2026, 2, 27), _clock.GetUtcNow(), _clock);
        report.AddIban(_traced);
        db.Reports.Add(report);
        (await db.Cases.SingleAsync(c => c.Id == _world.CaseB.Id, Ct)).LinkReport(report);
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

        var account = file.Accounts.ShouldHaveSingleItem();
        (account.Iban, account.BankName, account.Status, account.HolderName).ShouldBe((_traced.Value, "Bank X", "Unknown", (string?)null));
        file.ChainNodes.ShouldHaveSingleItem().Iban.ShouldBe(_traced.Value, "the reported account still starts B's chain");
    }

    [Fact]
    public async Task GetCaseFile_TheUnitWhoseTrailReachesTheAccount_SeesTheHolder()
    {
        var file = (await _host.QueryAsync(new GetCaseFileQuery(_world.CaseA.Id.Value), _world.Users["investigatorA"])).ShouldNotBeNull();

        file.Accounts.Single(a => a.Iban == _traced.Value).HolderName.ShouldBe("Sam de Vries");
    }
}
