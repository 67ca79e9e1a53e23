using System.Text.Json.Nodes;
using Bunit;
using Coordination.Web.Components.Pages.Tasks;
using Coordination.Web.Features;
using Coordination.Web.Features.WorkItems;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Components.Tasks;

/// <summary>The prosecutor's decision form: the fields of each kind of disposition, checked against the legal limits
/// beside the field before anything is sent, and only the chosen kind's fields sent.</summary>
public sealed class DispositionFormTests
{
    private static readonly Guid _taskId = Guid.Parse("7a5c0000-0000-4000-8000-0000000000dd");

    [Fact]
    public async Task Complete_HaltWithMoreThanTwentyHours_ShowsRangeBesideTheFieldAndSendsNothing()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenDecision(ctx);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("#disposition-halt-hours").Change("24");
        cut.Find("[data-testid=outcome-Halt]").Click();

        cut.WaitForAssertion(() => TaskPageTests.FieldOf(cut, "#disposition-halt-hours").TextContent.ShouldContain("Tussen 1 en 20 uur."));
        ctx.Sent<CompleteWorkItemCommand>().ShouldBeEmpty();
        cut.Find("#disposition-halt-hours").GetAttribute("value").ShouldBe("24");
    }

    [Fact]
    public async Task Complete_PenaltyOrderWithoutServiceOrFine_AsksForOneAndSendsNothing()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenDecision(ctx);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("[data-testid=outcome-PenaltyOrder]").Click();

        cut.WaitForAssertion(() => TaskPageTests.FieldOf(cut, "#disposition-community-service").TextContent.ShouldContain("Vul een taakstraf of een geldboete in"));
        ctx.Sent<CompleteWorkItemCommand>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Complete_PenaltyOrderWithFineOnly_SendsTheFineAndNoHaltHours()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenDecision(ctx);
        ctx.OnCommand((CompleteWorkItemCommand _) => Result.Ok);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("#disposition-halt-hours").Change("12");
        cut.Find("#disposition-fine").Change("350");
        cut.Find("[data-testid=outcome-PenaltyOrder]").Click();

        cut.WaitForAssertion(() => ctx.Sent<CompleteWorkItemCommand>().ShouldHaveSingleItem());
        var data = JsonNode.Parse(ctx.Sent<CompleteWorkItemCommand>()[0].FormData!)!.AsObject();
        data["fine"]!.GetValue<decimal>().ShouldBe(350m);
        data["hours"].ShouldBeNull("the Halt hours belong to another kind of disposition");
    }

    [Fact]
    public async Task Complete_DutchDecimalComma_SendsTheFineInEuroAndCents()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenDecision(ctx);
        ctx.OnCommand((CompleteWorkItemCommand _) => Result.Ok);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("#disposition-fine").Change("350,50");
        cut.Find("[data-testid=outcome-PenaltyOrder]").Click();

        cut.WaitForAssertion(() => ctx.Sent<CompleteWorkItemCommand>().ShouldHaveSingleItem());
        JsonNode.Parse(ctx.Sent<CompleteWorkItemCommand>()[0].FormData!)!["fine"]!.GetValue<decimal>().ShouldBe(350.50m, "a Dutch comma is the decimal separator, not a thousands separator");
    }

    [Theory]
    [InlineData("350.50")]
    [InlineData("350,50")]
    public async Task Complete_FineWithPointOrComma_IsReadAsEuroAndCentsNeverAsThousands(string typed)
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenDecision(ctx);
        ctx.OnCommand((CompleteWorkItemCommand _) => Result.Ok);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("#disposition-fine").Change(typed);
        cut.Find("[data-testid=outcome-PenaltyOrder]").Click();

        cut.WaitForAssertion(() => ctx.Sent<CompleteWorkItemCommand>().ShouldHaveSingleItem());
        JsonNode.Parse(ctx.Sent<CompleteWorkItemCommand>()[0].FormData!)!["fine"]!.GetValue<decimal>().ShouldBe(350.50m);
    }

    [Theory]
    [InlineData("1.000,50")]
    [InlineData("350,555")]
    [InlineData("twaalf")]
    public async Task Complete_FineThatIsNotAPlainAmount_SaysSoBesideTheFieldKeepsTheTextAndSendsNothing(string typed)
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenDecision(ctx);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("#disposition-fine").Change("350");
        cut.Find("#disposition-fine").Change(typed);
        cut.Find("[data-testid=outcome-PenaltyOrder]").Click();

        cut.WaitForAssertion(() => TaskPageTests.FieldOf(cut, "#disposition-fine").TextContent.ShouldContain("zonder punten voor duizendtallen"));
        cut.Find("#disposition-fine").GetAttribute("value").ShouldBe(typed);
        ctx.Sent<CompleteWorkItemCommand>().ShouldBeEmpty("the field shows text that is not the value the form holds");
    }

    [Fact]
    public async Task Complete_HaltHoursWithADecimal_IsRefusedNotReadAsFifteen()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenDecision(ctx);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("#disposition-halt-hours").Change("1.5");
        cut.Find("[data-testid=outcome-Halt]").Click();

        cut.WaitForAssertion(() => TaskPageTests.FieldOf(cut, "#disposition-halt-hours").TextContent.ShouldContain("Typ een heel getal"));
        ctx.Sent<CompleteWorkItemCommand>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Complete_FineImplausiblyLarge_ShowsMoneysMessageAndSendsNothing()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenDecision(ctx);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("#disposition-fine").Change("2000000000");
        cut.Find("[data-testid=outcome-PenaltyOrder]").Click();

        cut.WaitForAssertion(() => TaskPageTests.FieldOf(cut, "#disposition-fine").TextContent.ShouldContain("niet aannemelijk"));
        ctx.Sent<CompleteWorkItemCommand>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Render_WithRefusedEarlierDecision_SaysWhyInDutch()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((GetWorkItemQuery q) => (WorkItemDto?)(TaskPageTests.HeldTask(q.WorkItemId, formKey: "disposition", [], ["PenaltyOrder"])
            with { Refusal = "Community service in a penalty order is 1 to 180 hours (got 200).", RefusalCode = "disposition.community-service-hours" }));

        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("[data-testid=task-refusal]").TextContent.ShouldBe("Wat eerder op deze taak werd ingevuld, kon niet worden vastgelegd: Een taakstraf is 1 tot 180 uur.");
    }

    [Fact]
    public async Task Render_WithAdvice_SaysTheAdviceAndLeavesEveryDecisionOpen()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((GetWorkItemQuery q) => (WorkItemDto?)(TaskPageTests.HeldTask(
            q.WorkItemId, formKey: "disposition", [], ["PenaltyOrder", "Summons", "Halt"]) with { Advice = "PenaltyOrder" }));

        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("[data-testid=task-advice]").TextContent.ShouldContain("Advies volgens de beslisregels: OM-strafbeschikking.");
        cut.FindAll("[data-testid^=outcome-]").Count.ShouldBe(3);
        cut.FindAll("[data-testid^=outcome-]").ShouldAllBe(b => !b.HasAttribute("disabled"));
    }

    [Fact]
    public async Task Render_English_ShowsEnglishLabels()
    {
        await using var ctx = ComponentTestContext.English();
        GivenDecision(ctx);

        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("[data-testid=disposition-form]");
        var text = cut.Text();
        text.ShouldContain("Community service (hours)");
        text.ShouldContain("Halt hours (at most 20)");
        ResourceFiles.DutchLeftIn(text).ShouldBeEmpty();
    }

    private static void GivenDecision(ComponentTestContext ctx) =>
        ctx.OnQuery((GetWorkItemQuery q) => (WorkItemDto?)TaskPageTests.HeldTask(
            q.WorkItemId, formKey: "disposition", [], ["PenaltyOrder", "Summons", "DismissInsufficientEvidence", "DismissWronglySuspected", "Halt", "HackRight"]));
}
