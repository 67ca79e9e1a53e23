using Coordination.Domain.Agencies;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.WorkItems;

/// <summary>A team lead re-balances work: hands a task of their team to a colleague who holds its role; nobody else can,
/// and nobody can hand it to someone without the role.</summary>
public sealed class AssignWorkItemTests(PostgreSqlFixture postgres) : IAsyncLifetime
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
        db.Users.AddRange(
            AgencyUser.Create("investigator@pol-a.test", "Ivo Onderzoek", _world.PoliceA, Role.PoliceInvestigator),
            AgencyUser.Create("intake@pol-a.test", "Ina Intake", _world.PoliceA, Role.PoliceIntakeOfficer),
            AgencyUser.Create("investigator@pol-b.test", "Bas Onderzoek", _world.PoliceB, Role.PoliceInvestigator));
        await db.SaveChangesAsync(Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Assign_LeadToColleagueWithTheRole_TaskIsInTheirQueue()
    {
        var result = await _host.SendAsync(new AssignWorkItemCommand(_world.PoliceTaskA.Id.Value, "investigator@pol-a.test"), _world.Users["leadA"]);

        result.Succeeded.ShouldBeTrue(result.Message);
        var mine = (await _host.QueryAsync(new GetTaskQueueQuery(TaskList.Mine), _world.Users["investigatorA"])).ShouldNotBeNull();
        mine.Items.ShouldHaveSingleItem().Id.ShouldBe(_world.PoliceTaskA.Id.Value);
        await using var db = await _host.DbAsync();
        var item = await db.WorkItems.SingleAsync(w => w.Id == _world.PoliceTaskA.Id, Ct);
        item.History[^1].ShouldBe(new WorkItemEvent(WorkItemEventKind.Assigned, _clock.GetUtcNow(), "lead@pol-a.test", "investigator@pol-a.test"));
    }

    [Theory]
    [InlineData("intake@pol-a.test")]
    [InlineData("investigator@pol-b.test")]
    [InlineData("nobody@pol-a.test")]
    public async Task Assign_ToSomeoneWithoutTheRoleInTheTeam_RefusedNamingThemAndNothingChanges(string assignee)
    {
        var result = await _host.SendAsync(new AssignWorkItemCommand(_world.PoliceTaskA.Id.Value, assignee), _world.Users["leadA"]);

        result.ErrorCode.ShouldBe("work-item.assignee-unfit");
        result.Arguments.ShouldBe([assignee]);
        await using var db = await _host.DbAsync();
        (await db.WorkItems.SingleAsync(w => w.Id == _world.PoliceTaskA.Id, Ct)).Status.ShouldBe(WorkItemStatus.Open);
    }

    [Theory]
    [InlineData("bankXLead", "police")]
    [InlineData("leadA", "bankX")]
    [InlineData("investigatorA", "police")]
    public async Task Assign_TaskOfAnotherTeamOrNotALead_LooksNotFound(string user, string task)
    {
        var item = task == "police" ? _world.PoliceTaskA : _world.BankXTask;

        var result = await _host.SendAsync(new AssignWorkItemCommand(item.Id.Value, "investigator@pol-a.test"), _world.Users[user]);

        result.ErrorCode.ShouldBe("not-found");
    }

    [Fact]
    public async Task ListAssignees_Lead_OnlyActiveColleaguesWithTheTasksRole()
    {
        var members = await _host.QueryAsync(new ListAssigneesQuery(_world.PoliceTaskA.Id.Value), _world.Users["leadA"]);

        members.ShouldNotBeNull().Select(m => (m.UserName, m.DisplayName)).ShouldBe([("investigator@pol-a.test", "Ivo Onderzoek")]);
    }
}
