using Bunit;
using Coordination.Web.Components.Pages.Tasks;
using Coordination.Web.Features.WorkItems;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Components.Tasks;

/// <summary>The team lead's workload on the home page: steps and colleagues with their counts, late counts that open
/// the Team queue on exactly those tasks, and a plain sentence when the team has nothing open.</summary>
public sealed class TeamWorkloadPanelTests
{
    private static readonly TeamWorkloadDto _load = new(
    [
        new StepLoadDto("triage", "Triage", "Triage", 1, 2, 0, 3, ComponentTestContext.Now.AddDays(-4)),
        new StepLoadDto("draft-order", "Vordering opstellen", "Draft the production order", 4, 0, 1, 0, ComponentTestContext.Now.AddHours(-5)),
    ],
    [new HolderLoadDto("ivo@pol.test", "Ivo de Wit", 2, 2)]);

    [Fact]
    public async Task Render_TeamWithLateWork_ShowsCountsPerStepAndColleagueWithLinksToTheTeamQueue()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((GetTeamWorkloadQuery _) => _load);

        var cut = ctx.Render<TeamWorkloadPanel>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=team-steps] tbody tr").Count.ShouldBe(2));
        var triage = cut.Find("tr[data-step=triage]");
        triage.QuerySelector("th a")!.GetAttribute("href").ShouldBe("tasks?tab=team&step=triage");
        triage.QuerySelector("[data-count=breached] a")!.GetAttribute("href").ShouldBe("tasks?tab=team&step=triage&sla=Breached");
        triage.QuerySelector("[data-count=breached] a")!.GetAttribute("aria-label").ShouldBe("3 Verlopen: Triage in de teamwachtrij openen");
        triage.QuerySelector("[data-count=at-risk]")!.QuerySelector("a").ShouldBeNull("nothing at risk, nothing to open");
        triage.TextContent.ShouldContain("4 d");
        var draft = cut.Find("tr[data-step=draft-order]");
        draft.QuerySelector("[data-count=open]")!.TextContent.ShouldBe("4");
        draft.QuerySelector("[data-count=at-risk] a")!.GetAttribute("href").ShouldBe("tasks?tab=team&step=draft-order&sla=AtRisk");
        draft.TextContent.ShouldContain("5 u");
        var holder = cut.Find("tr[data-holder='ivo@pol.test']");
        holder.TextContent.ShouldContain("Ivo de Wit");
        holder.QuerySelector("[data-count=holding]")!.TextContent.ShouldBe("2");
    }

    [Fact]
    public async Task Render_InEnglish_ShowsEnglishTitlesAndHeadings()
    {
        await using var ctx = ComponentTestContext.English();
        ctx.OnQuery((GetTeamWorkloadQuery _) => _load);

        var cut = ctx.Render<TeamWorkloadPanel>();

        cut.WaitForAssertion(() => cut.Find("h2").TextContent.ShouldBe("My team's work"));
        cut.Find("tr[data-step=draft-order] th").TextContent.Trim().ShouldBe("Draft the production order");
        cut.Find("[data-testid=team-holders] thead").TextContent.ShouldContain("Colleague");
        ResourceFiles.DutchLeftIn(cut.Find("[data-testid=team-workload]").TextContent).ShouldBeEmpty();
    }

    [Fact]
    public async Task Render_NothingOpen_SaysSoWithoutTables()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((GetTeamWorkloadQuery _) => new TeamWorkloadDto([], []));

        var cut = ctx.Render<TeamWorkloadPanel>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=team-workload-empty]").TextContent.ShouldBe("Uw team heeft geen open taken."));
        cut.FindAll("table").ShouldBeEmpty();
    }
}
