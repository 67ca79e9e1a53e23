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
    [InlineData("PoliceTeamLead", true, true)]
    [InlineData("Prosecutor", true, true)]
    [InlineData("BankTeamLead", true, false)]
    [InlineData("PoliceInvestigator", false, true)]
    [InlineData("ProsecutionClerk", false, true)]
    [InlineData("BankFraudOfficer", false, false)]
    [InlineData("HaltOfficer", false, false)]
    [InlineData("Administrator", false, false)]
    public async Task Render_ByRole_ShowsAndAsksForOnlyWhatTheRoleMaySee(string role, bool workload, bool cases)
    {
        await using var ctx = ComponentTestContext.Dutch();
        var auth = ctx.AddAuthorization();
        auth.SetAuthorized("gebruiker@test");
        auth.SetRoles(role);
        ctx.OnQuery((GetTeamWorkloadQuery _) => new TeamWorkloadDto([], []));
        ctx.OnQuery((GetCaseOverviewQuery _) => new CaseOverviewDto(new Dictionary<CasePhase, int> { [CasePhase.Registered] = 2 }, new Dictionary<FraudType, int>()));

        var cut = ctx.Render<HomePage>();

        cut.WaitForAssertion(() => cut.Find("h1").ShouldNotBeNull());
        cut.FindAll("[data-testid=team-workload]").Count.ShouldBe(workload ? 1 : 0);
        ctx.Sent<GetTeamWorkloadQuery>().Count.ShouldBe(workload ? 1 : 0);
        ctx.Sent<GetCaseOverviewQuery>().Count.ShouldBe(cases ? 1 : 0);
        cut.FindAll("[data-phase=Registered]").Count.ShouldBe(cases ? 1 : 0);
        cut.Markup.ShouldNotContain("Registreer een aangifte");
    }
}
