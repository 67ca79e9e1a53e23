using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Web.Features.Cases;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.Cases;

/// <summary>
/// A team lead of the owning unit gives a case to an officer personally: an active police investigator or lead, who
/// then sees its file. A mistyped name, a bank officer or an officer of another unit who was given the case cannot
/// widen who sees it.
/// </summary>
public sealed class AssignCaseTests(PostgreSqlFixture postgres) : IAsyncLifetime
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private AppHost _host = null!;
    private SecurityWorld _world = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite, postgres);
        _host = AppHost.Start(_database, _clock);
        _world = await SecurityWorld.CreateAsync(_host, _clock);
        await using var db = await _host.DbAsync();
        var gone = AgencyUser.Create("gone@pol-a.test", "Gert Vertrokken", _world.PoliceA, Role.PoliceInvestigator);
        gone.Deactivate();
        db.Users.AddRange(
            AgencyUser.Create("investigator@pol-b.test", "Bas Onderzoek", _world.PoliceB, Role.PoliceInvestigator),
            AgencyUser.Create("lead@pol-b.test", "Lot Leiding", _world.PoliceB, Role.PoliceTeamLead),
            AgencyUser.Create("intake@pol-a.test", "Ina Intake", _world.PoliceA, Role.PoliceIntakeOfficer),
            AgencyUser.Create("officer@bank-x.test", "Bo Bank", _world.BankX, Role.BankFraudOfficer),
            gone);
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Assign_LeadToAnInvestigatorOfAnotherUnit_TheyNowSeeTheCase()
    {
        var result = await _host.SendAsync(new AssignCaseCommand(_world.CaseA.Id.Value, "  Investigator@POL-B.test "), _world.Users["leadA"]);

        result.Succeeded.ShouldBeTrue(result.Message);
        (await AssignedToAsync()).ShouldBe("investigator@pol-b.test");
        (await _host.QueryAsync(new GetCaseFileQuery(_world.CaseA.Id.Value), _world.Users["investigatorB"])).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("nobody@pol-a.test")]
    [InlineData("officer@bank-x.test")]
    [InlineData("intake@pol-a.test")]
    [InlineData("gone@pol-a.test")]
    public async Task Assign_ToSomeoneWhoIsNotAnActiveInvestigatorOrLead_RefusedAndNothingChanges(string assignee)
    {
        var result = await _host.SendAsync(new AssignCaseCommand(_world.CaseA.Id.Value, assignee), _world.Users["leadA"]);

        result.Succeeded.ShouldBeFalse();
        result.ErrorCode.ShouldBe("case.assignee-unfit");
        result.Arguments.ShouldBe([assignee]);
        (await AssignedToAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task Assign_LeadOfAnotherUnitWhoWasGivenTheCase_CannotPassItOn()
    {
        (await _host.SendAsync(new AssignCaseCommand(_world.CaseA.Id.Value, "lead@pol-b.test"), _world.Users["leadA"])).Succeeded.ShouldBeTrue();
        var leadB = AppHost.User("lead@pol-b.test", _world.PoliceB, Role.PoliceTeamLead);

        var result = await _host.SendAsync(new AssignCaseCommand(_world.CaseA.Id.Value, "investigator@pol-b.test"), leadB);

        result.ErrorCode.ShouldBe("case.assign-not-own-unit");
        (await AssignedToAsync()).ShouldBe("lead@pol-b.test");
    }

    [Fact]
    public async Task Assign_Null_WithdrawsTheAssignment()
    {
        (await _host.SendAsync(new AssignCaseCommand(_world.CaseA.Id.Value, "investigator@pol-b.test"), _world.Users["leadA"])).Succeeded.ShouldBeTrue();

        (await _host.SendAsync(new AssignCaseCommand(_world.CaseA.Id.Value, null), _world.Users["leadA"])).Succeeded.ShouldBeTrue();

        (await AssignedToAsync()).ShouldBeNull();
        (await _host.QueryAsync(new GetCaseFileQuery(_world.CaseA.Id.Value), _world.Users["investigatorB"])).ShouldBeNull();
    }

    private async Task<string?> AssignedToAsync()
    {
        await using var db = await _host.DbAsync();
        return await db.Cases.AsNoTracking().Where(c => c.Id == _world.CaseA.Id).Select(c => c.AssignedTo).SingleAsync(Ct);
    }
}
