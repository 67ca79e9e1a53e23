using System.Text.Json.Nodes;
using Bunit;
using Coordination.Web.Components.Pages.Administration;
using Coordination.Web.Features.Administration;
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
            [new DefinitionProblemDto("triage", "a human task needs a 'role'"), new DefinitionProblemDto(null, "no path to an End")]));
        var cut = ctx.Render<WorkflowDefinitionsPage>();
        cut.WaitForAssertion(() => cut.Find("#definition-json"));
        cut.Find("#definition-json").Change(Json);

        await cut.Find("#publish-definition").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("#definition-refused").TextContent.ShouldContain("De definitie is niet gepubliceerd: 2 probleem/problemen."));
        var problems = cut.FindAll("#definition-problems li").Select(li => li.TextContent).ToList();
        problems.ShouldBe(["triage: a human task needs a 'role'", "(definitie): no path to an End"]);
        ctx.Sent<PublishWorkflowDefinitionCommand>().ShouldHaveSingleItem().Json.ShouldBe(Json);
        (cut.Find("#definition-json").GetAttribute("value") ?? cut.Find("#definition-json").TextContent).ShouldBe(Json);
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

    private static ComponentTestContext Given()
    {
        var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((ListWorkflowDefinitionsQuery _) => (IReadOnlyList<WorkflowDefinitionDto>)
        [
            new("online-fraud-case", 2, ComponentTestContext.Now.AddDays(-1), "Zaak doorlopen", "Case run", 7),
            new("online-fraud-case", 1, ComponentTestContext.Now.AddDays(-30), "Zaak doorlopen", "Case run", 3),
        ]);
        return ctx;
    }
}
