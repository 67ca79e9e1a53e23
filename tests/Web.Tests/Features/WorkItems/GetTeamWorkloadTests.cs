using Coordination.Domain.Agencies;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.Tests.Security;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.WorkItems;

/// <summary>
/// A team lead's workload view: per step how many tasks wait, are taken, at risk or late and how old the oldest is;
/// per colleague what they hold — only the lead's own agency, most pressing first.
/// </summary>
public sealed class GetTeamWorkloadTests(PostgreSqlFixture postgres) : SecurityWorldTest(postgres)
{
    [Fact]
    public async Task Workload_StepsWithLateTakenAndWaitingTasks_CountsEachAndPutsTheLateStepFirst()
    {
        // Police A's team: the world's draft (due in 5 days), two triage tasks due tomorrow, one taken by Ivo.
        await using (var db = await Host.DbAsync())
        {
            db.Users.Add(AgencyUser.Create("investigator@pol-a.test", "Ivo Onderzoek", World.PoliceA, Role.PoliceInvestigator));
            var first = WorkItem.Create(World.CaseA.Id, "Triage", World.PoliceA.Id, Role.PoliceInvestigator, Clock.GetUtcNow().AddDays(1), Clock, activityId: "triage", titleEnglish: "Triage EN");
            var second = WorkItem.Create(World.CaseA.Id, "Triage", World.PoliceA.Id, Role.PoliceInvestigator, Clock.GetUtcNow().AddDays(1), Clock, activityId: "triage");
            second.Claim("investigator@pol-a.test", Clock);
            db.WorkItems.AddRange(first, second);
            await db.SaveChangesAsync(Ct);
        }

        Clock.Advance(TimeSpan.FromDays(2));
        var load = await Host.QueryAsync(new GetTeamWorkloadQuery(), World.Users["leadA"]);

        load.Total.ShouldBe(3);
        load.Steps.Select(s => (s.ActivityId, s.Title, s.TitleEnglish, s.Open, s.Claimed, s.AtRisk, s.Breached)).ShouldBe(
        [
            ("triage", "Triage", "Triage EN", 1, 1, 0, 2),
            (null, World.PoliceTaskA.Title, null, 1, 0, 0, 0),
        ]);
        load.Steps[0].OldestCreatedAt.ShouldBe(Clock.GetUtcNow().AddDays(-2));
        load.Holders.ShouldHaveSingleItem().ShouldBe(new HolderLoadDto("investigator@pol-a.test", "Ivo Onderzoek", 1, 1));
    }

    [Fact]
    public async Task Workload_TaskDueWithinItsLastQuarter_CountsAsAtRisk()
    {
        Clock.Advance(TimeSpan.FromDays(4.5));

        var load = await Host.QueryAsync(new GetTeamWorkloadQuery(), World.Users["leadA"]);

        load.Steps.ShouldHaveSingleItem().AtRisk.ShouldBe(1);
        load.Steps[0].Breached.ShouldBe(0);
    }

    [Fact]
    public async Task Workload_CompletedOrOtherAgencysTasks_AreNotCounted()
    {
        await using (var db = await Host.DbAsync())
        {
            var done = WorkItem.Create(World.CaseA.Id, "Afgerond", World.PoliceA.Id, Role.PoliceInvestigator, Clock.GetUtcNow().AddDays(1), Clock);
            done.Claim("lead@pol-a.test", Clock);
            done.Complete("lead@pol-a.test", "Done", null, Clock);
            db.WorkItems.Add(done);
            await db.SaveChangesAsync(Ct);
        }

        var load = await Host.QueryAsync(new GetTeamWorkloadQuery(), World.Users["leadA"]);

        load.Steps.ShouldHaveSingleItem().Title.ShouldBe(World.PoliceTaskA.Title, "not police B's task, not the completed one");
        load.Holders.ShouldBeEmpty();
    }
}
