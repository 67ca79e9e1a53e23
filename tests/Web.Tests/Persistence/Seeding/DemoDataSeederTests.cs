using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Web.Persistence;
using Coordination.Web.Persistence.Seeding;
using Coordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Persistence.Seeding;

public sealed class DemoDataSeederTests(PostgreSqlFixture postgres)
{
    private static readonly DateTimeOffset _now = new(2026, 11, 20, 10, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void Generate_SameMoment_ProducesIdenticalData()
    {
        var first = DemoDataSeeder.Generate(_now);
        var second = DemoDataSeeder.Generate(_now);

        Describe(first).ShouldBe(Describe(second));
    }

    [Fact]
    public void Generate_Demo_HasEveryAgencyKindThreeBanksAndOneUserPerRoleAndAgency()
    {
        var data = DemoDataSeeder.Generate(_now);

        data.Agencies.Select(a => a.Kind).Distinct().ShouldBe(Enum.GetValues<AgencyKind>(), ignoreOrder: true);
        data.Agencies.Where(a => a.Kind == AgencyKind.Bank).Select(a => a.BankCode).Distinct().Count().ShouldBe(3);
        foreach (var agency in data.Agencies)
        {
            foreach (var role in Enum.GetValues<Role>().Where(r => r is not (Role.Administrator or Role.Auditor) && RoleRules.Fits(r, agency.Kind)))
            {
                data.Users.Count(u => u.AgencyId == agency.Id && u.Holds(role)).ShouldBe(1, $"{role} at {agency.Code}");
            }
        }

        data.Users.Count(u => u.Holds(Role.Administrator)).ShouldBe(1);
        data.Users.Count(u => u.Holds(Role.Auditor)).ShouldBe(1);
    }

    [Fact]
    public void Generate_Demo_HasAboutFiftyCasesInEveryPhaseWithMinorsOpenOnesLeftToTheWorkflows()
    {
        var data = DemoDataSeeder.Generate(_now);

        (data.Cases.Count + data.LiveCases.Count).ShouldBe(DemoDataSeeder.CaseCount);
        data.Cases.Select(c => c.Phase).Concat(data.LiveCases.Select(c => c.Target)).Distinct().ShouldBe(Enum.GetValues<CasePhase>(), ignoreOrder: true);
        data.Cases.Select(c => c.Phase).Distinct().ShouldBe([CasePhase.Closed, CasePhase.Parked], ignoreOrder: true,
            customMessage: "an open case is worked through its workflow, never built by hand without one");
        data.WorkItems.ShouldBeEmpty("every open task comes from a workflow");
        data.Cases.Concat<object>(data.LiveCases).Count().ShouldBeGreaterThan(40);
        data.Cases.Select(c => c.FraudType).Concat(data.LiveCases.Select(c => c.FraudType)).Distinct().Count().ShouldBeGreaterThan(3);
        data.Parties.ShouldContain(p => p.IsSuspect && p.IsMinorAtOffence);
        data.LiveCases.ShouldContain(c => c.Youth && c.Target == CasePhase.Execution, "a minor's Halt referral");
        data.LiveCases.ShouldContain(c => !c.Youth && c.Target == CasePhase.Execution, "an adult's penalty order");
        data.LiveCases.ShouldAllBe(c => c.StartedAt <= _now && c.StartedAt > _now.AddDays(-13));
        data.Cases.Where(c => c.Phase == CasePhase.Closed).Select(c => c.EndState).Distinct().Count().ShouldBeGreaterThan(1);
        data.Cases.ShouldAllBe(c => c.RegisteredAt <= _now);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.PostgreSql)]
    public async Task SeedIfEmpty_FreshThenSeededDatabase_SeedsOnceOnly(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, postgres);
        var clock = new FakeTimeProvider(_now);

        var firstRun = await DemoDataSeeder.SeedIfEmptyAsync(database.System, clock, Ct);
        var secondRun = await DemoDataSeeder.SeedIfEmptyAsync(database.System, clock, Ct);

        firstRun.ShouldNotBeNull().ShouldNotBeEmpty("the open cases are left to the workflows");
        secondRun.ShouldBeNull();
        await using var db = database.CreateDbContext();
        (await db.Cases.CountAsync(Ct)).ShouldBe(DemoDataSeeder.CaseCount - firstRun.Count);
        (await db.Agencies.CountAsync(Ct)).ShouldBe(7);
    }

    private static List<string> Describe(DemoData data) =>
    [
        .. data.Agencies.Select(a => $"{a.Code}|{a.Name}|{a.BankCode}"),
        .. data.Users.Select(u => $"{u.UserName}|{u.DisplayName}"),
        .. data.Cases.Select(c => $"{c.Number}|{c.FraudType}|{c.Phase}|{c.EndState}|{c.ReportedDamage}|{c.RegisteredAt:O}|{c.Transfers.Count}"),
        .. data.Reports.Select(r => $"{r.ReporterName}|{r.Description}|{string.Join(',', r.Identifiers.Select(i => i.Value))}"),
        .. data.Parties.Select(p => $"{p.FullName}|{p.Role}|{p.DateOfBirth}"),
        .. data.LiveCases.Select(c => $"{c.Target}|{c.ReporterName}|{c.MuleIban}|{c.SuspectName}|{c.StartedAt:O}"),
    ];
}
