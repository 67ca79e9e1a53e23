using Coordination.Domain.Agencies;
using Coordination.Domain.Common;
using Coordination.Web.Features.Cases;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features;

/// <summary>While a report is typed, existing cases naming the same IBAN or phone number are found — on both providers.</summary>
public abstract class FindCasesSharingLeadsTests(DatabaseProvider provider, PostgreSqlFixture postgres) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private AppHost _host = null!;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider, postgres);
        _host = AppHost.Start(_database, _clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Find_TwoIbansOneKnown_NamesTheCaseNumberUnitAndLead()
    {
        var (fraudCase, unit) = await _host.SeedCaseAsync(_clock);
        var known = Iban.FromBban("NL", "TEST0000000099");
        await using (var db = await _host.DbAsync())
        {
            var linked = db.Reports.Where(r => r.CaseId == fraudCase.Id).ToList().Single();
            linked.AddIban(known);
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        var intake = AppHost.User("intake@politie.test", unit, Role.PoliceIntakeOfficer);
        var found = await _host.QueryAsync(new FindCasesSharingLeadsQuery([known.ToPrintString(), Iban.FromBban("NL", "TEST0000000098").Value], ["06 12"]), intake);

        found.ShouldHaveSingleItem().CaseNumber.ShouldBe(fraudCase.Number.Value);
        found[0].UnitName.ShouldBe(unit.Name);
        found[0].Lead.ShouldBe(known.Value);
    }
}

public sealed class SqliteFindCasesSharingLeadsTests(PostgreSqlFixture postgres) : FindCasesSharingLeadsTests(DatabaseProvider.Sqlite, postgres);

public sealed class PostgreSqlFindCasesSharingLeadsTests(PostgreSqlFixture postgres) : FindCasesSharingLeadsTests(DatabaseProvider.PostgreSql, postgres);
