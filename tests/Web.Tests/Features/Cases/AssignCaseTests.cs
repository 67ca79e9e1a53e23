using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Web.Features.Cases;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.Tests.Security;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Features.Cases;

/// <summary>
/// A team lead of the owning unit gives a case to an officer personally: an active police investigator or lead, who
/// then sees its file. A mistyped name, a bank officer or an officer of another unit who was given the case cannot
/// widen who sees it.
/// </summary>
public sealed class AssignCaseTests(PostgreSqlFixture postgres) : SecurityWorldTest(postgres)
{
    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        await using var db = await Host.DbAsync();
        var gone = AgencyUser.Create("gone@pol-a.test", "Gert Vertrokken", World.PoliceA, Role.PoliceInvestigator);
        gone.Deactivate();
        db.Users.AddRange(
            AgencyUser.Create("investigator@pol-b.test", "Bas Onderzoek", World.PoliceB, Role.PoliceInvestigator),
            AgencyUser.Create("lead@pol-b.test", "Lot Leiding", World.PoliceB, Role.PoliceTeamLead),
            AgencyUser.Create("intake@pol-a.test", "Ina Intake", World.PoliceA, Role.PoliceIntakeOfficer),
            AgencyUser.Create("officer@bank-x.test", "Bo Bank", World.BankX, Role.BankFraudOfficer),
            gone);
        await db.SaveChangesAsync(Ct);
    }

    [Fact]
    public async Task Assign_LeadToAnInvestigatorOfAnotherUnit_TheyNowSeeTheCase()
    {
        var result = await Host.SendAsync(new AssignCaseCommand(World.CaseA.Id.Value, "  Investigator@POL-B.test "), World.Users["leadA"]);

        result.Succeeded.ShouldBeTrue(result.Message);
        (await AssignedToAsync()).ShouldBe("investigator@pol-b.test");
        (await Host.QueryAsync(new GetCaseFileQuery(World.CaseA.Id.Value), World.Users["investigatorB"])).ShouldNotBeNull();
    }

    [Theory]
    [InlineData("nobody@pol-a.test")]
    [InlineData("officer@bank-x.test")]
    [InlineData("intake@pol-a.test")]
    [InlineData("gone@pol-a.test")]
    public async Task Assign_ToSomeoneWhoIsNotAnActiveInvestigatorOrLead_RefusedAndNothingChanges(string assignee)
    {
        var result = await Host.SendAsync(new AssignCaseCommand(World.CaseA.Id.Value, assignee), World.Users["leadA"]);

        result.Succeeded.ShouldBeFalse();
        result.ErrorCode.ShouldBe("case.assignee-unfit");
        result.Arguments.ShouldBe([assignee]);
        (await AssignedToAsync()).ShouldBeNull();
    }

    [Fact]
    public async Task Assign_LeadOfAnotherUnitWhoWasGivenTheCase_CannotPassItOn()
    {
        (await Host.SendAsync(new AssignCaseCommand(World.CaseA.Id.Value, "lead@pol-b.test"), World.Users["leadA"])).Succeeded.ShouldBeTrue();
        var leadB = AppHost.User("lead@pol-b.test", World.PoliceB, Role.PoliceTeamLead);

        var result = await Host.SendAsync(new AssignCaseCommand(World.CaseA.Id.Value, "investigator@pol-b.test"), leadB);

        result.ErrorCode.ShouldBe("case.assign-not-own-unit");
        (await AssignedToAsync()).ShouldBe("lead@pol-b.test");
    }

    [Fact]
    public async Task Assign_Null_WithdrawsTheAssignment()
    {
        (await Host.SendAsync(new AssignCaseCommand(World.CaseA.Id.Value, "investigator@pol-b.test"), World.Users["leadA"])).Succeeded.ShouldBeTrue();

        (await Host.SendAsync(new AssignCaseCommand(World.CaseA.Id.Value, null), World.Users["leadA"])).Succeeded.ShouldBeTrue();

        (await AssignedToAsync()).ShouldBeNull();
        (await Host.QueryAsync(new GetCaseFileQuery(World.CaseA.Id.Value), World.Users["investigatorB"])).ShouldBeNull();
    }

    private async Task<string?> AssignedToAsync()
    {
        await using var db = await Host.DbAsync();
        return await db.Cases.AsNoTracking().Where(c => c.Id == World.CaseA.Id).Select(c => c.AssignedTo).SingleAsync(Ct);
    }

    [Fact]
    public async Task ListAssignees_LeadOfTheOwningUnit_OffersTheUnitsActiveInvestigatorsAndLeads()
    {
        await using (var db = await Host.DbAsync())
        {
            db.Users.AddRange(
                AgencyUser.Create("investigator@pol-a.test", "Ivo Onderzoek", World.PoliceA, Role.PoliceInvestigator),
                AgencyUser.Create("lead@pol-a.test", "Lea Leiding", World.PoliceA, Role.PoliceTeamLead));
            await db.SaveChangesAsync(Ct);
        }

        var options = await Host.QueryAsync(new ListCaseAssigneesQuery(World.CaseA.Id.Value), World.Users["leadA"]);

        options.ShouldNotBeNull().AssignedTo.ShouldBeNull();
        options.Candidates.Select(c => c.UserName).ShouldBe(["investigator@pol-a.test", "lead@pol-a.test"], "not the intake officer, the inactive one or another unit's");
    }

    [Fact]
    public async Task ListAssignees_LeadOfAnotherUnitWhoWasGivenTheCase_GetsNothingToChooseFrom()
    {
        (await Host.SendAsync(new AssignCaseCommand(World.CaseA.Id.Value, "lead@pol-b.test"), World.Users["leadA"])).Succeeded.ShouldBeTrue();

        var options = await Host.QueryAsync(new ListCaseAssigneesQuery(World.CaseA.Id.Value), AppHost.User("lead@pol-b.test", World.PoliceB, Role.PoliceTeamLead));

        options.ShouldBeNull();
        (await Host.QueryAsync(new GetCaseFileQuery(World.CaseA.Id.Value), World.Users["leadA"]))!.AssignedToName.ShouldBe("Lot Leiding");
    }
}
