using System.Text.Json.Nodes;
using Bunit;
using Coordination.Web.Components.Pages.Administration;
using Coordination.Web.Features.Administration;
using Coordination.Workflow.Definitions;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Components.Administration;

/// <summary>The administrators' definitions page: the versions, starting a new version from one, checking and publishing.</summary>
public sealed class WorkflowDefinitionsPageTests
{
    private const string Json = """{ "definitionId": "online-fraud-case", "version": 2, "name": { "nl": "Zaak doorlopen" } }""";

    [Fact]
    public async Task Render_Versions_ShowsNameIdVersionAndRunningWorkflowsPerVersion()
    {
        await using var ctx = Given();

        var cut = ctx.Render<WorkflowDefinitionsPage>();

        cut.WaitForAssertion(() => cut.FindAll("#definitions tbody tr").Count.ShouldBe(2));
        var rows = cut.FindAll("#definitions tbody tr");
        rows[0].TextContent.ShouldContain("Zaak doorlopen");
        rows[0].TextContent.ShouldContain("online-fraud-case");
        rows[0].QuerySelectorAll("td")[2].TextContent.Trim().ShouldBe("2");
        rows[0].QuerySelectorAll("td")[4].TextContent.Trim().ShouldBe("7");
        rows[1].QuerySelectorAll("td")[4].TextContent.Trim().ShouldBe("3");
    }

    [Fact]
    public async Task EditAsNewVersion_FromAnOlderVersion_FillsTheEditorWithTheNextFreeVersionNumber()
    {
        await using var ctx = Given();
        ctx.OnQuery<GetWorkflowDefinitionJsonQuery, string?>(q => $$"""{ "definitionId": "{{q.DefinitionId}}", "version": {{q.Version}}, "name": { "nl": "Zaak doorlopen" } }""");
        var cut = ctx.Render<WorkflowDefinitionsPage>();
        cut.WaitForAssertion(() => cut.FindAll("button.edit-as-new").Count.ShouldBe(2));

        await cut.FindAll("button.edit-as-new")[1].ClickAsync(new());

        ctx.Sent<GetWorkflowDefinitionJsonQuery>().ShouldHaveSingleItem().Version.ShouldBe(1);
        cut.WaitForAssertion(() => JsonNode.Parse(cut.Find("#definition-json").GetAttribute("value") ?? cut.Find("#definition-json").TextContent)!["version"]!.GetValue<int>().ShouldBe(3));
    }

    [Fact]
    public async Task Publish_Refused_ListsEveryProblemAtItsActivityAndKeepsTheText()
    {
        await using var ctx = Given();
        ctx.OnCommand((PublishWorkflowDefinitionCommand _) => new PublishDefinitionResult(PublishOutcome.Refused, "online-fraud-case", 2,
            [new DefinitionProblemDto("triage", new ProblemText("task-role-missing")), new DefinitionProblemDto(null, new ProblemText("no-end"))]));
        var cut = ctx.Render<WorkflowDefinitionsPage>();
        cut.WaitForAssertion(() => cut.Find("#definition-json"));
        cut.Find("#definition-json").Change(Json);

        await cut.Find("#publish-definition").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("#definition-refused").TextContent.ShouldContain("De definitie is niet gepubliceerd: 2 probleem/problemen."));
        var problems = cut.FindAll("#definition-problems li").Select(li => li.TextContent).ToList();
        problems.ShouldBe(["triage: een handmatige taak (HumanTask) heeft een rol nodig", "(definitie): de workflow heeft geen End-activiteit"]);
        ctx.Sent<PublishWorkflowDefinitionCommand>().ShouldHaveSingleItem().Json.ShouldBe(Json);
        (cut.Find("#definition-json").GetAttribute("value") ?? cut.Find("#definition-json").TextContent).ShouldBe(Json);
    }

    [Fact]
    public async Task Check_RefusedInEnglish_ListsTheProblemsInEnglishWithTheirValues()
    {
        await using var ctx = Given(ComponentTestContext.English());
        ctx.OnQuery((CheckWorkflowDefinitionQuery _) => new PublishDefinitionResult(PublishOutcome.Refused, "online-fraud-case", 2,
            [new DefinitionProblemDto("orphan", new ProblemText("unreachable", "start")), new DefinitionProblemDto("wait", new ProblemText("field-invalid", "duration", new ProblemText("duration-invalid", "P1.5D", new ProblemText("duration-fraction"))))]));
        var cut = ctx.Render<WorkflowDefinitionsPage>();
        cut.WaitForAssertion(() => cut.Find("#definition-json"));
        cut.Find("#definition-json").Change(Json);

        await cut.Find("#check-definition").ClickAsync(new());

        cut.WaitForAssertion(() => cut.FindAll("#definition-problems li").Count.ShouldBe(2));
        cut.FindAll("#definition-problems li").Select(li => li.TextContent).ShouldBe(
        [
            "orphan: cannot be reached from 'start'",
            "wait: 'duration': 'P1.5D' is not an ISO-8601 duration: fractions are not supported; use a smaller unit instead (PT90M rather than PT1.5H). Examples: P5D, PT24H, P3DT18H.",
        ]);
        (cut.Find("#definition-json").GetAttribute("value") ?? cut.Find("#definition-json").TextContent).ShouldBe(Json);
    }

    [Fact]
    public async Task Check_RefusedInDutch_ReadsNestedReasonsInDutchToo()
    {
        await using var ctx = Given();
        ctx.OnQuery((CheckWorkflowDefinitionQuery _) => new PublishDefinitionResult(PublishOutcome.Refused, "online-fraud-case", 2,
            [new DefinitionProblemDto("wait", new ProblemText("field-invalid", "duration", new ProblemText("duration-invalid", "P1.5D", new ProblemText("duration-fraction"))))]));
        var cut = ctx.Render<WorkflowDefinitionsPage>();
        cut.WaitForAssertion(() => cut.Find("#definition-json"));
        cut.Find("#definition-json").Change(Json);

        await cut.Find("#check-definition").ClickAsync(new());

        cut.WaitForAssertion(() => cut.FindAll("#definition-problems li").ShouldHaveSingleItem().TextContent.ShouldBe(
            "wait: 'duration': 'P1.5D' is geen ISO-8601-duur: decimalen worden niet ondersteund; gebruik een kleinere eenheid (PT90M in plaats van PT1.5H). Voorbeelden: P5D, PT24H, P3DT18H."));
    }

    [Fact]
    public async Task Publish_Succeeds_SaysWhichVersionAndLoadsTheListAgain()
    {
        await using var ctx = Given();
        ctx.OnCommand((PublishWorkflowDefinitionCommand _) => new PublishDefinitionResult(PublishOutcome.Published, "online-fraud-case", 3, []));
        var cut = ctx.Render<WorkflowDefinitionsPage>();
        cut.WaitForAssertion(() => cut.Find("#definition-json"));
        cut.Find("#definition-json").Change(Json);

        await cut.Find("#publish-definition").ClickAsync(new());

        cut.WaitForAssertion(() => ctx.SnackbarMessages.ShouldContain("online-fraud-case versie 3 is gepubliceerd; nieuwe workflows starten daarop."));
        ctx.Sent<ListWorkflowDefinitionsQuery>().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Check_Valid_SaysItCanBePublishedAndPublishesNothing()
    {
        await using var ctx = Given();
        ctx.OnQuery((CheckWorkflowDefinitionQuery _) => new PublishDefinitionResult(PublishOutcome.Valid, "online-fraud-case", 3, []));
        var cut = ctx.Render<WorkflowDefinitionsPage>();
        cut.WaitForAssertion(() => cut.Find("#definition-json"));
        cut.Find("#definition-json").Change(Json);

        await cut.Find("#check-definition").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("#definition-valid").TextContent.ShouldContain("online-fraud-case versie 3 is in orde en kan gepubliceerd worden."));
        ctx.Sent<PublishWorkflowDefinitionCommand>().ShouldBeEmpty();
    }

    private static ComponentTestContext Given(ComponentTestContext? context = null)
    {
        var ctx = context ?? ComponentTestContext.Dutch();
        ctx.OnQuery((ListWorkflowDefinitionsQuery _) => (IReadOnlyList<WorkflowDefinitionDto>)
        [
            new("online-fraud-case", 2, ComponentTestContext.Now.AddDays(-1), "Zaak doorlopen", "Case run", 7),
            new("online-fraud-case", 1, ComponentTestContext.Now.AddDays(-30), "Zaak doorlopen", "Case run", 3),
        ]);
        return ctx;
    }
}
