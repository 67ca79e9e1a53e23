using Bunit;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.WorkItems;
using Coordination.Web.Components.Pages.Tasks;
using Coordination.Web.Features;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Security;
using Microsoft.AspNetCore.Components.Authorization;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Components.Tasks;

/// <summary>The task queues: rows from the server, empty states, claiming, and live refresh.</summary>
public sealed class TaskQueuePageTests
{
    private static readonly Guid _breachedId = Guid.Parse("0b7e5c1e-0000-4000-8000-000000000001");
    private static readonly Guid _onTrackId = Guid.Parse("0b7e5c1e-0000-4000-8000-000000000002");

    [Fact]
    public async Task Render_MyTasks_ShowsARowPerTaskWithCaseNumberAndSlaBadge()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenQueue(ctx, Row(_breachedId, "2026-000123", SlaState.Breached, WorkItemStatus.Claimed), Row(_onTrackId, "2026-000124", SlaState.OnTrack, WorkItemStatus.Claimed));

        var cut = RenderAs(ctx, AgencyKind.Police, Role.PoliceInvestigator);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=task-link]").Count.ShouldBe(2));
        var rows = cut.FindAll("tbody tr");
        rows[0].TextContent.ShouldContain("2026-000123");
        rows[0].QuerySelector("[data-sla=Breached]").ShouldNotBeNull().TextContent.ShouldContain("Verlopen");
        rows[1].TextContent.ShouldContain("2026-000124");
        rows[1].QuerySelector("[data-sla=OnTrack]").ShouldNotBeNull().TextContent.ShouldContain("Op schema");
        rows[0].TextContent.ShouldContain("Aan- en verkoopfraude");
        ctx.Sent<GetTaskQueueQuery>().ShouldHaveSingleItem().Queue.ShouldBe(TaskList.Mine);
    }

    [Theory]
    [InlineData("nl", "Teruggestuurd")]
    [InlineData("en", "Sent back")]
    public async Task Render_TaskSentBack_MarksThatRowOnly(string language, string text)
    {
        await using var ctx = language == "nl" ? ComponentTestContext.Dutch() : ComponentTestContext.English();
        GivenQueue(ctx, Row(_breachedId, "2026-000123", SlaState.OnTrack) with { SentBack = true }, Row(_onTrackId, "2026-000124", SlaState.OnTrack));

        var cut = ctx.Render<TaskQueuePage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=task-link]").Count.ShouldBe(2));
        var rows = cut.FindAll("tbody tr");
        rows[0].QuerySelector("[data-testid=task-sent-back]").ShouldNotBeNull().TextContent.Trim().ShouldBe(text);
        rows[1].QuerySelector("[data-testid=task-sent-back]").ShouldBeNull();
    }

    [Theory]
    [InlineData(AgencyKind.Police, Role.PoliceInvestigator, true)]
    [InlineData(AgencyKind.ProsecutionService, Role.ProsecutionClerk, true)]
    [InlineData(AgencyKind.Bank, Role.BankFraudOfficer, false)]
    [InlineData(AgencyKind.Halt, Role.HaltOfficer, false)]
    public async Task Render_ByAgencyKind_FraudTypeFilterAndColumnOnlyForPoliceAndOm(AgencyKind kind, Role role, bool shown)
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenQueue(ctx, Row(_onTrackId, "2026-000124", SlaState.OnTrack));

        var cut = RenderAs(ctx, kind, role);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=task-link]").ShouldHaveSingleItem());
        cut.FindAll("[data-testid=filter-fraud-type]").Count.ShouldBe(shown ? 1 : 0);
        cut.FindAll("thead th").Any(th => th.TextContent.Contains("Fraudevorm", StringComparison.Ordinal)).ShouldBe(shown);
        cut.Find("tbody tr").TextContent.Contains("Aan- en verkoopfraude", StringComparison.Ordinal).ShouldBe(shown);
    }

    [Fact]
    public async Task Render_OpenedFromTheTeamWorkload_AsksTheTeamQueueForThatStepsLateTasks()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenQueue(ctx, Row(_breachedId, "2026-000123", SlaState.Breached));
        ctx.Navigation.NavigateTo("tasks?tab=team&step=civil-check&sla=Breached");

        var cut = RenderAs(ctx, AgencyKind.Police, Role.PoliceTeamLead);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=task-link]").ShouldHaveSingleItem());
        var query = ctx.Sent<GetTaskQueueQuery>().ShouldHaveSingleItem();
        (query.Queue, query.Filter!.Step, query.Filter.Sla).ShouldBe((TaskList.Team, "civil-check", SlaState.Breached));
    }

    [Fact]
    public async Task Render_UnknownSlaInTheAddress_IgnoresIt()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenQueue(ctx, Row(_breachedId, "2026-000123", SlaState.Breached));
        ctx.Navigation.NavigateTo("tasks?tab=team&sla=42");

        var cut = RenderAs(ctx, AgencyKind.Police, Role.PoliceTeamLead);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=task-link]").ShouldHaveSingleItem());
        ctx.Sent<GetTaskQueueQuery>().ShouldHaveSingleItem().Filter!.Sla.ShouldBeNull();
    }

    [Fact]
    public async Task Render_EmptyAvailableQueue_SaysNewTasksAppearByThemselves()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenQueue(ctx);
        ctx.Navigation.NavigateTo("tasks?tab=available");

        var cut = ctx.Render<TaskQueuePage>();

        cut.WaitForAssertion(() => cut.Find("[data-testid=empty-queue]").TextContent
            .ShouldBe("Er liggen geen taken voor uw rol klaar. Nieuwe taken verschijnen hier vanzelf."));
        ctx.Sent<GetTaskQueueQuery>().ShouldAllBe(q => q.Queue == TaskList.Available);
    }

    [Fact]
    public async Task Claim_Succeeds_SendsClaimForThatRowAndOpensTheTask()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenQueue(ctx, Row(_onTrackId, "2026-000124", SlaState.OnTrack), Row(_breachedId, "2026-000123", SlaState.Breached));
        ctx.OnCommand((ClaimWorkItemCommand _) => Result.Ok);
        ctx.Navigation.NavigateTo("tasks?tab=available");
        var cut = ctx.Render<TaskQueuePage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=claim]").Count.ShouldBe(2));

        var claim = cut.FindAll("[data-testid=claim]")[1];
        claim.TextContent.Trim().ShouldBe("Oppakken");
        claim.Click();

        cut.WaitForAssertion(() => ctx.Navigation.Uri.ShouldBe($"{ctx.Navigation.BaseUri}tasks/{_breachedId}"));
        ctx.Sent<ClaimWorkItemCommand>().ShouldHaveSingleItem().WorkItemId.ShouldBe(_breachedId);
        ctx.SnackbarMessages.ShouldContain("U heeft 'Controleer de aangifte' opgepakt.");
    }

    [Fact]
    public async Task Claim_ClaimedByOtherMeanwhile_ShowsLocalizedMessageAndStaysOnTheQueue()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenQueue(ctx, Row(_onTrackId, "2026-000124", SlaState.OnTrack));
        ctx.OnCommand((ClaimWorkItemCommand _) => Result.Fail("work-item.claimed-by-other", "Someone else took this task at the same moment: bob."));
        ctx.Navigation.NavigateTo("tasks?tab=available");
        var queueUri = ctx.Navigation.Uri;
        var cut = ctx.Render<TaskQueuePage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=claim]").Count.ShouldBe(1));
        var loads = ctx.Sent<GetTaskQueueQuery>().Count;

        cut.Find("[data-testid=claim]").Click();

        cut.WaitForAssertion(() => ctx.SnackbarMessages.ShouldContain("Iemand anders heeft deze taak net opgepakt."));
        ctx.Navigation.Uri.ShouldBe(queueUri);
        ctx.Sent<ClaimWorkItemCommand>().ShouldHaveSingleItem().WorkItemId.ShouldBe(_onTrackId);
        cut.WaitForAssertion(() => ctx.Sent<GetTaskQueueQuery>().Count.ShouldBe(loads + 1, "the queue reloads to drop the taken task"));
    }

    [Fact]
    public async Task WorkItemChanges_Raised_ReloadsTheQueue()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenQueue(ctx, Row(_onTrackId, "2026-000124", SlaState.OnTrack));
        var cut = ctx.Render<TaskQueuePage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=task-link]").Count.ShouldBe(1));
        ctx.Sent<GetTaskQueueQuery>().Count.ShouldBe(1);

        // Someone claims or creates a task elsewhere in this process; this queue now has a second row.
        GivenQueue(ctx, Row(_onTrackId, "2026-000124", SlaState.OnTrack), Row(_breachedId, "2026-000123", SlaState.Breached));
        ctx.Changes.Raise();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=task-link]").Count.ShouldBe(2));
        ctx.Sent<GetTaskQueueQuery>().Count.ShouldBe(3, "one look whether the page changed, one reload of the table");
    }

    [Fact]
    public async Task WorkItemChanges_RaisedButThisQueueUnchanged_LooksOnceAndDoesNotReloadTheTable()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenQueue(ctx, Row(_onTrackId, "2026-000124", SlaState.OnTrack));
        var cut = ctx.Render<TaskQueuePage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=task-link]").Count.ShouldBe(1));

        // Someone else's task changed: this user's queue is the same, so the rows (and a claim button under the
        // pointer) stay as they are.
        ctx.Changes.Raise();

        cut.WaitForAssertion(() => ctx.Sent<GetTaskQueueQuery>().Count.ShouldBe(2));
        await Task.Delay(200, Xunit.TestContext.Current.CancellationToken);
        ctx.Sent<GetTaskQueueQuery>().Count.ShouldBe(2, "an unchanged page is not loaded a second time");
        cut.FindAll("[data-testid=task-link]").Count.ShouldBe(1);
    }

    [Fact]
    public async Task WorkItemChanges_RaisedOnAPoolThread_RefreshedRowsKeepTheUsersLanguage()
    {
        await using var ctx = ComponentTestContext.English();
        GivenQueue(ctx, Row(_onTrackId, "2026-000124", SlaState.OnTrack));
        var cut = ctx.Render<TaskQueuePage>();
        cut.WaitForAssertion(() => cut.FindAll("[data-testid=task-link]").Count.ShouldBe(1));

        GivenQueue(ctx, Row(_onTrackId, "2026-000124", SlaState.OnTrack), Row(_breachedId, "2026-000123", SlaState.Breached));
        await Task.Run(
            () =>
            {
                // The notice comes from whoever saved, on a thread with another culture.
                System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("nl-NL");
                System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("nl-NL");
                ctx.Changes.Raise();
            },
            Xunit.TestContext.Current.CancellationToken);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=task-link]").Count.ShouldBe(2));
        cut.Find("[data-sla=Breached]").TextContent.ShouldContain("Breached");
        cut.Text().ShouldNotContain("Verlopen");
    }

    [Fact]
    public async Task Render_English_ShowsEnglishLabels()
    {
        await using var ctx = ComponentTestContext.English();
        GivenQueue(ctx, Row(_breachedId, "2026-000123", SlaState.Breached));
        ctx.Navigation.NavigateTo("tasks?tab=available");

        var cut = RenderAs(ctx, AgencyKind.Police, Role.PoliceIntakeOfficer);

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=claim]").Count.ShouldBe(1));
        var text = cut.Text();
        text.ShouldContain("My tasks");
        text.ShouldContain("Available");
        text.ShouldContain("Team");
        text.ShouldContain("Case number");
        text.ShouldContain("Fraud type");
        text.ShouldContain("Breached");
        text.ShouldContain("Purchase and sale fraud");
        text.ShouldContain("Check the report");
        cut.Find("[data-testid=claim]").TextContent.Trim().ShouldBe("Claim");
        ResourceFiles.DutchLeftIn(text).ShouldBeEmpty();
    }

    [Fact]
    public async Task Render_Dutch_PagerSpeaksDutch()
    {
        await using var ctx = ComponentTestContext.Dutch();
        GivenQueue(ctx, Row(_breachedId, "2026-000123", SlaState.Breached));

        var cut = ctx.Render<TaskQueuePage>();

        cut.WaitForAssertion(() => cut.FindAll("[data-testid=task-link]").Count.ShouldBe(1));
        var pager = cut.Find(".mud-table-pagination").TextContent;
        pager.ShouldNotContain("Rows per page", Case.Insensitive, "MudBlazor's own texts are English unless the app localizes them");
        pager.ShouldNotContain(" of ", Case.Sensitive, "MudBlazor's own texts are English unless the app localizes them");
    }

    private static IRenderedComponent<TaskQueuePage> RenderAs(ComponentTestContext ctx, AgencyKind kind, Role role)
    {
        var user = new CurrentUser("user@test", "Gebruiker", AgencyId.From(Guid.NewGuid()), kind, new HashSet<Role> { role });
        return ctx.Render<TaskQueuePage>(p => p.AddCascadingValue(Task.FromResult(new AuthenticationState(user.ToPrincipal()))));
    }

    private static void GivenQueue(ComponentTestContext ctx, params TaskRowDto[] rows)
    {
        ctx.OnQuery((ListSavedTaskFiltersQuery _) => (IReadOnlyList<SavedTaskFilterDto>)[]);
        ctx.OnQuery((ListTaskStepsQuery _) => (IReadOnlyList<TaskStepDto>)[new TaskStepDto("civil-check", "Controleer de aangifte", "Check the report")]);
        ctx.OnQuery((GetTaskQueueQuery _) => new PagedResult<TaskRowDto>(rows, rows.Length, 0, 25));
    }

    private static TaskRowDto Row(Guid id, string caseNumber, SlaState sla, WorkItemStatus status = WorkItemStatus.Open) =>
        new(id, Guid.NewGuid(), caseNumber, "Controleer de aangifte", "Check the report", "civil-check", FraudType.PurchaseSale, "Politie Eenheid Amsterdam",
            "PoliceIntakeOfficer", status, status == WorkItemStatus.Claimed ? "alice" : null, ComponentTestContext.Now.AddHours(-30),
            sla == SlaState.Breached ? ComponentTestContext.Now.AddHours(-2) : ComponentTestContext.Now.AddDays(2), sla, Escalated: false);
}
