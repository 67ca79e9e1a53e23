using Bunit;
using Coordination.Domain.Cases;
using Coordination.Web.Components.Pages;
using Coordination.Web.Features.Cases;
using Coordination.Web.Features.WorkItems;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Components;

/// <summary>The home page shows each user what is theirs to see: team leads their team's workload, police and OM the
/// cases by phase; a bank officer neither (and is not told to register a report).</summary>
public sealed class HomePageTests
{
    [Theory]
    [InlineData("PoliceTeamLead", true, true, true)]
    [InlineData("Prosecutor", true, true, true)]
    [InlineData("BankTeamLead", true, true, false)]
    [InlineData("PoliceInvestigator", true, false, true)]
    [InlineData("ProsecutionClerk", true, false, true)]
    [InlineData("BankFraudOfficer", true, false, false)]
    [InlineData("HaltOfficer", true, false, false)]
    [InlineData("Administrator", false, false, false)]
    [InlineData("Auditor", false, false, false)]
    public async Task Render_ByRole_ShowsAndAsksForOnlyWhatTheRoleMaySee(string role, bool myWork, bool workload, bool cases)
    {
        await using var ctx = ComponentTestContext.Dutch();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("gebruiker@test");
        auth.SetRoles(role);
        ctx.OnQuery((GetMyWorkQuery _) => new MyWorkDto(3, 1, 7));
        ctx.OnQuery((GetTeamWorkloadQuery _) => new TeamWorkloadDto([], []));
        ctx.OnQuery((GetCaseOverviewQuery _) => new CaseOverviewDto(new Dictionary<CasePhase, int> { [CasePhase.Registered] = 2 }, new Dictionary<FraudType, int>()));

        var cut = ctx.Render<HomePage>();

        cut.WaitForAssertion(() => cut.Find("h1").ShouldNotBeNull());
        cut.FindAll("[data-testid=my-work]").Count.ShouldBe(myWork ? 1 : 0);
        ctx.Sent<GetMyWorkQuery>().Count.ShouldBe(myWork ? 1 : 0);
        cut.FindAll("[data-testid=team-workload]").Count.ShouldBe(workload ? 1 : 0);
        ctx.Sent<GetTeamWorkloadQuery>().Count.ShouldBe(workload ? 1 : 0);
        ctx.Sent<GetCaseOverviewQuery>().Count.ShouldBe(cases ? 1 : 0);
        cut.FindAll("[data-phase=Registered]").Count.ShouldBe(cases ? 1 : 0);
        cut.Markup.ShouldNotContain("Registreer een aangifte");
    }

    [Fact]
    public async Task Render_CaseOfficer_SaysWhatTheyHoldHowMuchOfItIsLateAndWhatTheyCouldTake()
    {
        await using var ctx = ComponentTestContext.Dutch();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("gebruiker@test");
        auth.SetRoles("BankFraudOfficer");
        ctx.OnQuery((GetMyWorkQuery _) => new MyWorkDto(3, 1, 7));

        var cut = ctx.Render<HomePage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=my-work-holding]").TextContent.ShouldBe("Opgepakt door mij: 3"));
        cut.Find("[data-testid=my-work-holding]").GetAttribute("href").ShouldBe("tasks");
        cut.Find("[data-testid=my-work-late]").TextContent.ShouldBe("Daarvan verlopen: 1");
        cut.Find("[data-testid=my-work-late]").GetAttribute("href").ShouldBe("tasks?sla=Breached");
        cut.Find("[data-testid=my-work-available]").TextContent.ShouldBe("Beschikbaar voor mijn rol: 7");
        cut.Find("[data-testid=my-work-available]").GetAttribute("href").ShouldBe("tasks?tab=available");
    }

    [Fact]
    public async Task Render_NothingLate_SaysNothingAboutLateTasks()
    {
        await using var ctx = ComponentTestContext.English();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("user@test");
        auth.SetRoles("HaltOfficer");
        ctx.OnQuery((GetMyWorkQuery _) => new MyWorkDto(2, 0, 0));

        var cut = ctx.Render<HomePage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=my-work-holding]").TextContent.ShouldBe("Claimed by me: 2"));
        cut.FindAll("[data-testid=my-work-late]").ShouldBeEmpty();
        cut.Find("h2").TextContent.ShouldBe("My work");
    }
}
