using Coordination.Domain.Agencies;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.WorkItems;

/// <summary>A team lead re-balances work: hands a task of their team to a colleague who holds its role; nobody else can,
/// and nobody can hand it to someone without the role.</summary>
public sealed class AssignWorkItemTests(PostgreSqlFixture postgres) : SecurityWorldTest(postgres)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = await Host.DbAsync();
        db.Users.AddRange(
            AgencyUser.Create("investigator@pol-a.test", "Ivo Onderzoek", World.PoliceA, Role.PoliceInvestigator),
            AgencyUser.Create("intake@pol-a.test", "Ina Intake", World.PoliceA, Role.PoliceIntakeOfficer),
            AgencyUser.Create("investigator@pol-b.test", "Bas Onderzoek", World.PoliceB, Role.PoliceInvestigator));
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Assign_LeadToColleagueWithTheRole_TaskIsInTheirQueue()
    {
        var result = await Host.SendAsync(new AssignWorkItemCommand(World.PoliceTaskA.Id.Value, "investigator@pol-a.test"), World.Users["leadA"]);

        result.Succeeded.ShouldBeTrue(result.Message);
        var mine = (await Host.QueryAsync(new GetTaskQueueQuery(TaskList.Mine), World.Users["investigatorA"])).ShouldNotBeNull();
        mine.Items.ShouldHaveSingleItem().Id.ShouldBe(World.PoliceTaskA.Id.Value);
        await using var db = await Host.DbAsync();
        var item = await db.WorkItems.SingleAsync(w => w.Id == World.PoliceTaskA.Id, Ct);
        item.History[^1].ShouldBe(new WorkItemEvent(WorkItemEventKind.Assigned, Clock.GetUtcNow(), "lead@pol-a.test", "investigator@pol-a.test"));
    }

    [Theory]
    [InlineData("intake@pol-a.test")]
    [InlineData("investigator@pol-b.test")]
    [InlineData("nobody@pol-a.test")]
    public async Task Assign_ToSomeoneWithoutTheRoleInTheTeam_RefusedNamingThemAndNothingChanges(string assignee)
    {
        var result = await Host.SendAsync(new AssignWorkItemCommand(World.PoliceTaskA.Id.Value, assignee), World.Users["leadA"]);

        result.ErrorCode.ShouldBe("work-item.assignee-unfit");
        result.Arguments.ShouldBe([assignee]);
        await using var db = await Host.DbAsync();
        (await db.WorkItems.SingleAsync(w => w.Id == World.PoliceTaskA.Id, Ct)).Status.ShouldBe(WorkItemStatus.Open);
    }

    [Theory]
    [InlineData("bankXLead", "police")]
    [InlineData("leadA", "bankX")]
    [InlineData("investigatorA", "police")]
    public async Task Assign_TaskOfAnotherTeamOrNotALead_LooksNotFound(string user, string task)
    {
        var item = task == "police" ? World.PoliceTaskA : World.BankXTask;

        var result = await Host.SendAsync(new AssignWorkItemCommand(item.Id.Value, "investigator@pol-a.test"), World.Users[user]);

        result.ErrorCode.ShouldBe("not-found");
    }

    [Fact]
    public async Task ListAssignees_Lead_OnlyActiveColleaguesWithTheTasksRole()
    {
        var members = await Host.QueryAsync(new ListAssigneesQuery(World.PoliceTaskA.Id.Value), World.Users["leadA"]);

        members.ShouldNotBeNull().Select(m => (m.UserName, m.DisplayName)).ShouldBe([("investigator@pol-a.test", "Ivo Onderzoek")]);
    }
}
