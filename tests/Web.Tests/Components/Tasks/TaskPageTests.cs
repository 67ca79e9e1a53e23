using System.Text.Json.Nodes;
using AngleSharp.Dom;
using Bunit;
using Coordination.Domain.WorkItems;
using Coordination.Web.Components.Pages.Tasks;
using Coordination.Web.Features;
using Coordination.Web.Features.WorkItems;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Components.Tasks;

/// <summary>The task page with a generic form rendered from the task's fields: validation beside the field, the entered
/// values sent on completion, and a refusal that keeps what was entered.</summary>
public sealed class TaskPageTests
{
    private const string Remark = "Rekening gecontroleerd, geen bijzonderheden";
    private static readonly Guid _taskId = Guid.Parse("7a5c0000-0000-4000-8000-0000000000aa");

    [Fact]
    public async Task Complete_RequiredFieldEmpty_ShowsMessageBesideFieldAndSendsNothing()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenHeldTask(ctx);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("[data-testid=outcome-Done]").Click();

        cut.WaitForAssertion(() => FieldOf(cut, "#field-remark").TextContent.ShouldContain("Opmerking is verplicht."));
        cut.Find("[data-testid=task-error]").TextContent.ShouldContain("Het formulier bevat fouten");
        ctx.Sent<CompleteWorkItemCommand>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Complete_FieldRequiredOnlyForAnotherOutcome_SendsWithoutItButStillRefusesThatOutcome()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((GetWorkItemQuery q) => (WorkItemDto?)HeldTask(
            q.WorkItemId, formKey: null, [new FormFieldDto("person", "Persoon", "Person", "text", Required: true, AllowedValues: [], RequiredFor: ["Submit"])], ["Submit", "Drop"]));
        ctx.OnCommand((CompleteWorkItemCommand _) => Result.Ok);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("[data-testid=outcome-Submit]").Click();
        cut.WaitForAssertion(() => FieldOf(cut, "#field-person").TextContent.ShouldContain("Persoon is verplicht."));
        ctx.Sent<CompleteWorkItemCommand>().ShouldBeEmpty();

        cut.Find("[data-testid=outcome-Drop]").Click();

        cut.WaitForAssertion(() => ctx.Sent<CompleteWorkItemCommand>().ShouldHaveSingleItem().Outcome.ShouldBe("Drop"));
    }

    [Fact]
    public async Task Complete_RequiredFieldFilled_SendsOutcomeAndValueAndReturnsToQueue()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenHeldTask(ctx);
        ctx.OnCommand((CompleteWorkItemCommand _) => Result.Ok);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("#field-remark").Change(Remark);
        cut.Find("[data-testid=outcome-Done]").Click();

        cut.WaitForAssertion(() => ctx.Sent<CompleteWorkItemCommand>().ShouldHaveSingleItem());
        var command = ctx.Sent<CompleteWorkItemCommand>()[0];
        command.WorkItemId.ShouldBe(_taskId);
        command.Outcome.ShouldBe("Done");
        JsonNode.Parse(command.FormData!)!["remark"]!.GetValue<string>().ShouldBe(Remark);
        ctx.Navigation.Uri.ShouldBe(ctx.Navigation.BaseUri + "tasks");
        ctx.SnackbarMessages.ShouldContain("'Controleer de tegenrekening' is afgerond.");
    }

    [Fact]
    public async Task Complete_AlreadyCompletedByOther_ShowsConflictAndKeepsTheInput()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenHeldTask(ctx);
        ctx.OnCommand((CompleteWorkItemCommand _) =>
            Result.Fail("work-item.already-completed", "The task 'Controleer de tegenrekening' was already completed by bob."));
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));
        var taskUri = ctx.Navigation.Uri;

        cut.WaitForElement("#field-remark").Change(Remark);
        cut.Find("[data-testid=outcome-Done]").Click();

        cut.WaitForAssertion(() => cut.Find("[data-testid=task-error]").TextContent.ShouldContain("Deze taak is al afgerond."));
        cut.Find("#field-remark").GetAttribute("value").ShouldBe(Remark);
        ctx.Sent<CompleteWorkItemCommand>().ShouldHaveSingleItem();
        ctx.Navigation.Uri.ShouldBe(taskUri);
    }

    [Fact]
    public async Task Input_RequiredFieldClearedByUser_ShowsDutchMessage()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenHeldTask(ctx);
        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        var input = cut.WaitForElement("#field-remark");
        input.Change(Remark);
        cut.Find("#field-remark").Change(string.Empty);
        cut.Find("#field-remark").Blur();

        // MudBlazor validates a Required field itself as soon as it is left empty; its message must be Dutch too.
        var field = FieldOf(cut, "#field-remark").TextContent;
        field.ShouldNotContain("Required", Case.Sensitive, "MudBlazor's built-in required message is English");
    }

    [Fact]
    public async Task Render_English_ShowsEnglishLabelsAndFieldLabel()
    {
        await using var ctx = ComponentTestContext.English();
        GivenHeldTask(ctx);

        var cut = ctx.Render<TaskPage>(p => p.Add(x => x.Id, _taskId));

        cut.WaitForElement("[data-testid=task-title]").TextContent.ShouldBe("Check the counter account");
        var text = cut.Text();
        text.ShouldContain("Remark");
        text.ShouldContain("Release");
        text.ShouldContain("Case number");
        ResourceFiles.DutchLeftIn(text).ShouldBeEmpty();
    }

    /// <summary>The MudBlazor input control (label, input, helper or error text) around an input.</summary>
    internal static IElement FieldOf<T>(IRenderedComponent<T> cut, string inputSelector)
        where T : Microsoft.AspNetCore.Components.IComponent =>
        cut.Find(inputSelector).Closest(".mud-input-control").ShouldNotBeNull();

    internal static WorkItemDto HeldTask(Guid id, string? formKey, IReadOnlyList<FormFieldDto> fields, IReadOnlyList<string> outcomes) =>
        new(id, Guid.NewGuid(), "2026-000123", CanOpenCase: true, "Controleer de tegenrekening", "Check the counter account", "check-account", "PoliceInvestigator",
            Guid.NewGuid(), WorkItemStatus.Claimed, "alice", HeldByMe: true, ComponentTestContext.Now.AddHours(-3), ComponentTestContext.Now.AddDays(1), SlaState.OnTrack,
            Outcome: null, FormData: null, outcomes, formKey, fields, OrderDetails: null);

    private static void GivenHeldTask(ComponentTestContext ctx) =>
        ctx.OnQuery((GetWorkItemQuery q) => (WorkItemDto?)HeldTask(
            q.WorkItemId, formKey: null, [new FormFieldDto("remark", "Opmerking", "Remark", "text", Required: true, AllowedValues: [])], ["Done"]));
}
