using System.Text.Json.Nodes;
using Bunit;
using Coordination.Web.Components.Pages.Tasks;
using Coordination.Web.Features;
using Coordination.Web.Features.WorkItems;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Components.Tasks;

/// <summary>The bank's answer to a production order, as the task page shows it for the "bank-answer" form.</summary>
public sealed class BankAnswerFormTests
{
    private static readonly Guid _taskId = Guid.Parse("7a5c0000-0000-4000-8000-0000000000bb");

    [Fact]
    public async Task Complete_CounterIbanWithWrongCheckDigits_ShowsChecksumMessageBesideFieldAndSendsNothing()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenBankAnswerTask(ctx);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        FillAnswer(cut, holder: "Mo Ezel", iban: "NL91ABNA0417164301", amount: "250");
        cut.Find("[data-testid=outcome-Answered]").Click();

        cut.WaitForAssertion(() => TaskPageTests.FieldOf(cut, "#transfer-iban-0").TextContent
            .ShouldContain("De controlecijfers van dit IBAN kloppen niet; controleer op een tikfout."));
        TaskPageTests.FieldOf(cut, "#holder-name").TextContent.ShouldNotContain("verplicht");
        ctx.Sent<CompleteWorkItemCommand>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Complete_HolderMissing_ShowsRequiredMessageBesideHolderAndSendsNothing()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenBankAnswerTask(ctx);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("[data-testid=outcome-Answered]").Click();

        cut.WaitForAssertion(() => TaskPageTests.FieldOf(cut, "#holder-name").TextContent.ShouldContain("Naam rekeninghouder is verplicht."));
        ctx.Sent<CompleteWorkItemCommand>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Complete_ValidAnswer_SendsHolderAndNormalizedTransfer()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenBankAnswerTask(ctx);
        ctx.OnCommand((CompleteWorkItemCommand _) => Result.Ok);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        FillAnswer(cut, holder: "  Mo Ezel ", iban: "nl91 abna 0417 1643 00", amount: "250");
        cut.Find("[data-testid=outcome-Answered]").Click();

        cut.WaitForAssertion(() => ctx.Sent<CompleteWorkItemCommand>().ShouldHaveSingleItem());
        var command = ctx.Sent<CompleteWorkItemCommand>()[0];
        command.Outcome.ShouldBe("Answered");
        var answer = JsonNode.Parse(command.FormData!)!.AsObject();
        answer["holderName"]!.GetValue<string>().ShouldBe("Mo Ezel");
        var transfer = answer["transfers"]!.AsArray().ShouldHaveSingleItem()!;
        transfer["toIban"]!.GetValue<string>().ShouldBe("NL91ABNA0417164300");
        transfer["amount"]!.GetValue<decimal>().ShouldBe(250m);
        answer["cashOuts"]!.AsArray().ShouldBeEmpty();
        answer["frozen"]!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public async Task Complete_TransferAmountWithThousandsSeparator_RefusedBesideItAndKeptNotReadAsAnotherAmount()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenBankAnswerTask(ctx);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        FillAnswer(cut, holder: "Mo Ezel", iban: "NL91ABNA0417164300", amount: "2.500,00");
        cut.Find("[data-testid=outcome-Answered]").Click();

        cut.WaitForAssertion(() => TaskPageTests.FieldOf(cut, "#transfer-amount-0").TextContent.ShouldContain("zonder punten voor duizendtallen"));
        cut.Find("#transfer-amount-0").GetAttribute("value").ShouldBe("2.500,00");
        ctx.Sent<CompleteWorkItemCommand>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Complete_AlreadyAnswered_ShowsConflictAndKeepsTheAnswer()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenBankAnswerTask(ctx);
        ctx.OnCommand((CompleteWorkItemCommand _) => Result.Fail("work-item.already-completed", "The task was already completed by carol."));
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        FillAnswer(cut, holder: "Mo Ezel", iban: "NL91ABNA0417164300", amount: "250");
        cut.Find("[data-testid=outcome-Answered]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=task-error]").TextContent.ShouldContain("Deze taak is al afgerond."));
        cut.Find("#holder-name").GetAttribute("value").ShouldBe("Mo Ezel");
        cut.Find("#transfer-iban-0").GetAttribute("value").ShouldBe("NL91ABNA0417164300");
    }

    [Fact]
    public async Task Render_English_ShowsEnglishLabels()
    {
        await using var ctx = ComponentTestContext.English();
        GivenBankAnswerTask(ctx);

        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));
        cut.WaitForElement("[data-testid=add-transfer]").Click();

        var text = cut.Text();
        text.ShouldContain("Account holder's name");
        text.ShouldContain("Onward transfers");
        text.ShouldContain("Counter account (IBAN)");
        text.ShouldContain("Funds frozen");
        ResourceFiles.DutchLeftIn(text).ShouldBeEmpty();
    }

    private static void FillAnswer(IRenderedComponent<TaskPage> cut, string holder, string iban, string amount)
    {
        cut.WaitForElement("#holder-name").Change(holder);
        cut.Find("[data-testid=add-transfer]").Click();
        cut.WaitForElement("#transfer-iban-0").Change(iban);
        cut.Find("#transfer-amount-0").Change(amount);
    }

    [Fact]
    public async Task Render_EarlierAnswerRefused_SaysWhyInDutch()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((GetWorkItemQuery q) => (WorkItemDto?)(TaskPageTests.HeldTask(q.WorkItemId, "bank-answer", [], ["Answered"])
            with { Refusal = "A transfer needs two different accounts; both are NL91ABNA0417164300.", RefusalCode = "transfer.same-account" }));

        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("[data-testid=task-refusal]").TextContent.ShouldBe(
            "Wat eerder op deze taak werd ingevuld, kon niet worden vastgelegd: Een overboeking gaat tussen twee verschillende rekeningen: de tegenrekening kan niet de rekening uit de vordering zelf zijn.");
    }

    [Fact]
    public async Task Render_OrderSentBackByTheProsecutor_SaysWhyWithTheirWords()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((GetWorkItemQuery q) => (WorkItemDto?)(TaskPageTests.HeldTask(q.WorkItemId, null, [], ["Submit", "Drop"])
            with { Refusal = "Periode te ruim.", RefusalCode = "order.rejected" }));

        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("[data-testid=task-refusal]").TextContent.ShouldBe(
            "Wat eerder op deze taak werd ingevuld, kon niet worden vastgelegd: De officier van justitie wees de vordering af: Periode te ruim.");
    }

    private static void GivenBankAnswerTask(ComponentTestContext ctx) =>
        ctx.OnQuery((GetWorkItemQuery q) => (WorkItemDto?)TaskPageTests.HeldTask(q.WorkItemId, "bank-answer", [], ["Answered"]));
}
