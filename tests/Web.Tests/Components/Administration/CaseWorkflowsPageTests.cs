using Bunit;
using Coordination.Web.Components.Pages.Administration;
using Coordination.Web.Features;
using Coordination.Web.Features.Administration;
using Coordination.Workflow.Engine;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Components.Administration;

/// <summary>The administrators' page with every workflow of a case, looked up by its number.</summary>
public sealed class CaseWorkflowsPageTests
{
    private static readonly Guid _parentId = Guid.Parse("0b7e5c1e-0000-4000-8000-0000000000b1");
    private static readonly Guid _childId = Guid.Parse("0b7e5c1e-0000-4000-8000-0000000000b2");
    private static readonly Guid _heldTaskId = Guid.Parse("0b7e5c1e-0000-4000-8000-0000000000b3");

    [Fact]
    public async Task Find_CaseWithWorkflows_ListsThemOuterFirstWithStatusAndWhatEachWaitsFor()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((FindCaseWorkflowsQuery _) => Found());
        var cut = ctx.Render<CaseWorkflowsPage>();

        cut.Find("#case-number").Input("of-2026-000123");
        await cut.Find("form").SubmitAsync();

        ctx.Sent<FindCaseWorkflowsQuery>().ShouldHaveSingleItem().CaseNumber.ShouldBe("of-2026-000123");
        cut.WaitForAssertion(() => cut.FindAll("#case-workflows tbody tr").Count.ShouldBe(2));
        cut.Find("h2").TextContent.ShouldBe("Workflows van zaak OF-2026-000123");
        var rows = cut.FindAll("#case-workflows tbody tr");
        rows[0].TextContent.ShouldContain("Zaak doorlopen");
        rows[0].QuerySelector(".workflow-status")!.TextContent.ShouldBe("Loopt");
        rows[0].QuerySelector(".waiting-at")!.TextContent.Trim().ShouldBe("trace-accounts (deelworkflow)");
        rows[1].QuerySelector(".workflow-status")!.TextContent.ShouldBe("Staat stil door een storing");
        rows[1].QuerySelector(".incident-message")!.TextContent.ShouldBe("first-line: Sequence contains no elements");
        rows[1].QuerySelector(".workflow-name")!.GetAttribute("style").ShouldBe("padding-left: 1.5rem");
        cut.FindAll("button.stop").Count.ShouldBe(2);
    }

    [Fact]
    public async Task Open_WithANumberInTheAddress_LooksItUpAtOnce()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((FindCaseWorkflowsQuery _) => Found());
        ctx.Services.GetRequiredService<NavigationManager>().NavigateTo("/admin/case-workflows?number=OF-2026-000123");

        var cut = ctx.Render<CaseWorkflowsPage>();

        cut.WaitForAssertion(() => cut.FindAll("#case-workflows tbody tr").Count.ShouldBe(2));
        ctx.Sent<FindCaseWorkflowsQuery>().ShouldHaveSingleItem().CaseNumber.ShouldBe("OF-2026-000123");
        cut.Find("#case-number").GetAttribute("value").ShouldBe("OF-2026-000123");
    }

    [Fact]
    public async Task Find_NotACaseNumber_SaysWhyBesideTheFieldAndKeepsTheText()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((FindCaseWorkflowsQuery _) => new CaseWorkflows(
            new FieldError("case-number.format", "'12345' is not a case number; expected the form OF-2026-000123.", ["12345"]), null, false, []));
        var cut = ctx.Render<CaseWorkflowsPage>();

        cut.Find("#case-number").Input("12345");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => cut.Find("form").TextContent.ShouldContain("'12345' is geen zaaknummer; gebruik de vorm OF-2026-000123."));
        cut.Find("#case-number").GetAttribute("value").ShouldBe("12345");
        cut.FindAll("#case-workflows").ShouldBeEmpty();
    }

    [Fact]
    public async Task Find_Empty_AsksForANumberAndSendsNothing()
    {
        await using var ctx = ComponentTestContext.Dutch();
        var cut = ctx.Render<CaseWorkflowsPage>();

        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => cut.Find("form").TextContent.ShouldContain("Vul een zaaknummer in."));
        ctx.Sent<FindCaseWorkflowsQuery>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Find_NoSuchCase_SaysSo()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((FindCaseWorkflowsQuery _) => new CaseWorkflows(null, "OF-2026-999999", false, []));
        var cut = ctx.Render<CaseWorkflowsPage>();

        cut.Find("#case-number").Input("OF-2026-999999");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => cut.Find("#case-not-found").TextContent.ShouldContain("Er is geen zaak met nummer OF-2026-999999."));
    }

    [Fact]
    public async Task Stop_OneOfTheWorkflows_SendsItsInstanceAndShowsTheCaseAgain()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((FindCaseWorkflowsQuery _) => Found());
        ctx.OnCommand((CancelWorkflowCommand _) => Result.Ok);
        var cut = ctx.Render<CaseWorkflowsPage>();
        cut.Find("#case-number").Input("OF-2026-000123");
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() => cut.FindAll("button.stop").Count.ShouldBe(2));

        await cut.FindAll("button.stop")[1].ClickAsync(new());
        cut.Find("#stop-reason").Input("Rekening bestaat niet meer.");
        await cut.Find("#stop-confirm").ClickAsync(new());

        var sent = ctx.Sent<CancelWorkflowCommand>().ShouldHaveSingleItem();
        (sent.InstanceId, sent.Reason).ShouldBe((_childId, "Rekening bestaat niet meer."));
        cut.WaitForAssertion(() => ctx.Sent<FindCaseWorkflowsQuery>().Count.ShouldBe(2));
        ctx.Sent<FindCaseWorkflowsQuery>()[1].CaseNumber.ShouldBe("OF-2026-000123");
        cut.FindAll(".stop-form").ShouldBeEmpty();
    }

    [Fact]
    public async Task ReturnToQueue_TaskHeldByAnAbsentProsecutor_SendsItAndShowsTheCaseAgain()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((FindCaseWorkflowsQuery _) => Found());
        ctx.OnCommand((ReturnWorkItemToQueueCommand _) => Result.Ok);
        var cut = ctx.Render<CaseWorkflowsPage>();
        cut.Find("#case-number").Input("OF-2026-000123");
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() => cut.Find(".held-task").TextContent.ShouldContain("approve-order: opgepakt door officier@om.test"));

        await cut.Find("button.return-to-queue").ClickAsync(new());

        ctx.Sent<ReturnWorkItemToQueueCommand>().ShouldHaveSingleItem().WorkItemId.ShouldBe(_heldTaskId);
        cut.WaitForAssertion(() => ctx.SnackbarMessages.ShouldContain("Taak approve-order staat weer in de wachtrij; een collega met de rol kan hem oppakken."));
        ctx.Sent<FindCaseWorkflowsQuery>().Count.ShouldBe(2);
    }

    [Theory]
    [InlineData("nl")]
    [InlineData("en")]
    public async Task Find_CaseWithAHeldTask_EveryLabelledButtonsNameContainsItsVisibleText(string language)
    {
        // WCAG 2.5.3 (label in name): speech-input users say what they see, so a button's aria-label must contain it.
        await using var ctx = language == "nl" ? ComponentTestContext.Dutch() : ComponentTestContext.English();
        ctx.OnQuery((FindCaseWorkflowsQuery _) => Found());
        var cut = ctx.Render<CaseWorkflowsPage>();
        cut.Find("#case-number").Input("OF-2026-000123");
        await cut.Find("form").SubmitAsync();
        cut.WaitForAssertion(() => cut.FindAll("button.return-to-queue").ShouldHaveSingleItem());

        var labelled = cut.FindAll("button[aria-label]");
        labelled.Count.ShouldBeGreaterThanOrEqualTo(5);
        foreach (var button in labelled)
        {
            var visible = button.TextContent.Trim();
            visible.ShouldNotBeEmpty();
            button.GetAttribute("aria-label")!.ShouldContain(visible, Case.Insensitive);
        }
    }

    [Fact]
    public async Task Find_InEnglish_ShowsEnglishNamesAndStatuses()
    {
        await using var ctx = ComponentTestContext.English();
        ctx.OnQuery((FindCaseWorkflowsQuery _) => Found());
        var cut = ctx.Render<CaseWorkflowsPage>();

        cut.Find("#case-number").Input("OF-2026-000123");
        await cut.Find("form").SubmitAsync();

        cut.WaitForAssertion(() => cut.Find("h1").TextContent.ShouldBe("Workflows of a case"));
        var rows = cut.FindAll("#case-workflows tbody tr");
        rows[0].TextContent.ShouldContain("Case run");
        rows[0].QuerySelector(".waiting-at")!.TextContent.Trim().ShouldBe("trace-accounts (child workflow)");
        rows[1].QuerySelector(".workflow-status")!.TextContent.ShouldBe("Stopped by an incident");
    }

    private static CaseWorkflows Found() => new(null, "OF-2026-000123", true,
    [
        new(_parentId, null, 0, "online-fraud-case", 2, "Zaak doorlopen", "Case run", WorkflowStatus.Running, null,
            ComponentTestContext.Now.AddDays(-3), ComponentTestContext.Now.AddDays(-1), [new WaitingAtDto("trace-accounts", BookmarkKind.Child)], null, null, []),
        new(_childId, _parentId, 1, "account-trace", 2, "Rekening traceren", "Trace an account", WorkflowStatus.Faulted, null,
            ComponentTestContext.Now.AddDays(-1), ComponentTestContext.Now.AddHours(-2), [], "first-line", "Sequence contains no elements",
            [new HeldTaskDto(_heldTaskId, "approve-order", "officier@om.test")]),
    ]);
}
