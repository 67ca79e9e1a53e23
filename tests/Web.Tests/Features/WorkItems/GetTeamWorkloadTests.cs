using Coordination.Domain.Agencies;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.Tests.Security;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.WorkItems;

/// <summary>
/// A team lead's workload view: per step how many tasks wait, are taken, at risk or late and how old the oldest is;
/// per colleague what they hold — only the lead's own agency, most pressing first.
/// </summary>
public sealed class GetTeamWorkloadTests(PostgreSqlFixture postgres) : IAsyncLifetime
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
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task Workload_StepsWithLateTakenAndWaitingTasks_CountsEachAndPutsTheLateStepFirst()
    {
        // Police A's team: the world's draft (due in 5 days), two triage tasks due tomorrow, one taken by Ivo.
        await using (var db = await _host.DbAsync())
        {
            db.Users.Add(AgencyUser.Create("investigator@pol-a.test", "Ivo Onderzoek", _world.PoliceA, Role.PoliceInvestigator));
            var first = WorkItem.Create(_world.CaseA.Id, "Triage", _world.PoliceA.Id, Role.PoliceInvestigator, _clock.GetUtcNow().AddDays(1), _clock, activityId: "triage", titleEnglish: "Triage EN");
            var second = WorkItem.Create(_world.CaseA.Id, "Triage", _world.PoliceA.Id, Role.PoliceInvestigator, _clock.GetUtcNow().AddDays(1), _clock, activityId: "triage");
            second.Claim("investigator@pol-a.test", _clock);
            db.WorkItems.AddRange(first, second);
            await db.SaveChangesAsync(Ct);
        }

        _clock.Advance(TimeSpan.FromDays(2));
        var load = await _host.QueryAsync(new GetTeamWorkloadQuery(), _world.Users["leadA"]);

        load.Total.ShouldBe(3);
        load.Steps.Select(s => (s.ActivityId, s.Title, s.TitleEnglish, s.Open, s.Claimed, s.AtRisk, s.Breached)).ShouldBe(
        [
            ("triage", "Triage", "Triage EN", 1, 1, 0, 2),
            (null, _world.PoliceTaskA.Title, null, 1, 0, 0, 0),
        ]);
        load.Steps[0].OldestCreatedAt.ShouldBe(_clock.GetUtcNow().AddDays(-2));
        load.Holders.ShouldHaveSingleItem().ShouldBe(new HolderLoadDto("investigator@pol-a.test", "Ivo Onderzoek", 1, 1));
    }

    [Fact]
    public async Task Workload_TaskDueWithinItsLastQuarter_CountsAsAtRisk()
    {
        _clock.Advance(TimeSpan.FromDays(4.5));

        var load = await _host.QueryAsync(new GetTeamWorkloadQuery(), _world.Users["leadA"]);

        load.Steps.ShouldHaveSingleItem().AtRisk.ShouldBe(1);
        load.Steps[0].Breached.ShouldBe(0);
    }

    [Fact]
    public async Task Workload_CompletedOrOtherAgencysTasks_AreNotCounted()
    {
        await using (var db = await _host.DbAsync())
        {
            var done = WorkItem.Create(_world.CaseA.Id, "Afgerond", _world.PoliceA.Id, Role.PoliceInvestigator, _clock.GetUtcNow().AddDays(1), _clock);
            done.Claim("lead@pol-a.test", _clock);
            done.Complete("lead@pol-a.test", "Done", null, _clock);
            db.WorkItems.Add(done);
            await db.SaveChangesAsync(Ct);
        }

        var load = await _host.QueryAsync(new GetTeamWorkloadQuery(), _world.Users["leadA"]);

        load.Steps.ShouldHaveSingleItem().Title.ShouldBe(_world.PoliceTaskA.Title, "not police B's task, not the completed one");
        load.Holders.ShouldBeEmpty();
    }
}
