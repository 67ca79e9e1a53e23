using Bunit;
using Coordination.Web.Components.Pages.Administration;
using Coordination.Web.Features;
using Coordination.Web.Features.Administration;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Components.Administration;

/// <summary>The administrators' list of workflows stopped by an incident, and retrying one.</summary>
public sealed class IncidentsPageTests
{
    private static readonly Guid _instanceId = Guid.Parse("0b7e5c1e-0000-4000-8000-0000000000a1");

    [Fact]
    public async Task Render_Incidents_ShowsWorkflowStepCaseAndMessagePerRow()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((ListIncidentsQuery _) => new IncidentList([Incident()], 1));

        var cut = ctx.Render<IncidentsPage>();

        cut.WaitForAssertion(() => cut.FindAll("#incidents tbody tr").Count.ShouldBe(1));
        var row = cut.Find("#incidents tbody tr").TextContent;
        row.ShouldContain("Zaak doorlopen");
        row.ShouldContain("online-fraud-case v2");
        row.ShouldContain("link-reports");
        row.ShouldContain("PL-2026-000123");
        row.ShouldContain("Sequence contains no elements");
        cut.Find("button.retry").GetAttribute("aria-label").ShouldBe("Stap link-reports opnieuw proberen (PL-2026-000123)");
        cut.Find("a.case-workflows-link").GetAttribute("href").ShouldBe("/admin/case-workflows?number=PL-2026-000123");
        cut.FindAll("#incidents-shown").ShouldBeEmpty();
    }

    [Fact]
    public async Task Render_MoreIncidentsThanShown_SaysHowManyOfHowMany()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((ListIncidentsQuery _) => new IncidentList([Incident()], 250));

        var cut = ctx.Render<IncidentsPage>();

        cut.WaitForAssertion(() => cut.Find("#incidents-shown").TextContent.ShouldBe("De nieuwste 1 van 250 storingen."));
    }

    [Fact]
    public async Task Render_NoIncidents_SaysNothingIsStopped()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((ListIncidentsQuery _) => new IncidentList([], 0));

        var cut = ctx.Render<IncidentsPage>();

        cut.WaitForAssertion(() => cut.Find("#incidents-none").TextContent.ShouldContain("Er staan geen workflows stil door een storing."));
        cut.FindAll("#incidents").ShouldBeEmpty();
    }

    [Fact]
    public async Task Retry_Succeeds_SendsItForThatInstanceSaysSoAndLoadsTheListAgain()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((ListIncidentsQuery _) => new IncidentList([Incident()], 1));
        ctx.OnCommand((RetryWorkflowCommand _) => Result.Ok);
        var cut = ctx.Render<IncidentsPage>();
        cut.WaitForAssertion(() => cut.Find("button.retry"));

        await cut.Find("button.retry").ClickAsync(new());

        ctx.Sent<RetryWorkflowCommand>().ShouldHaveSingleItem().InstanceId.ShouldBe(_instanceId);
        cut.WaitForAssertion(() => ctx.SnackbarMessages.ShouldContain("Stap link-reports is opnieuw uitgevoerd; de workflow loopt verder."));
        ctx.Sent<ListIncidentsQuery>().Count.ShouldBe(2);
    }

    [Fact]
    public async Task Retry_FailsAgain_ShowsTheNewMessageBesideTheList()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((ListIncidentsQuery _) => new IncidentList([Incident()], 1));
        ctx.OnCommand((RetryWorkflowCommand _) => Result.Fail("workflow.still-failing", "The activity failed again: Case not found.", "Case not found."));
        var cut = ctx.Render<IncidentsPage>();
        cut.WaitForAssertion(() => cut.Find("button.retry"));

        await cut.Find("button.retry").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find("#retry-failed").TextContent.ShouldContain("De stap mislukte opnieuw: Case not found."));
    }

    [Fact]
    public async Task History_OpenedAndClosed_ShowsTheNewestJournalLinesWithTheFaultMarkedThenHidesThem()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((ListIncidentsQuery _) => new IncidentList([Incident()], 1));
        ctx.OnQuery((GetWorkflowJournalQuery _) => (IReadOnlyList<JournalLineDto>)
        [
            new(1, null, "Started", ComponentTestContext.Now.AddHours(-1), "system", "online-fraud-case@2"),
            new(2, "link-reports", "Faulted", ComponentTestContext.Now.AddMinutes(-30), "system", "Sequence contains no elements"),
        ]);
        var cut = ctx.Render<IncidentsPage>();
        cut.WaitForAssertion(() => cut.Find("button.journal-toggle"));

        await cut.Find("button.journal-toggle").ClickAsync(new());

        cut.WaitForAssertion(() => cut.FindAll("table.journal tbody tr, .journal table tbody tr").Count.ShouldBe(2));
        ctx.Sent<GetWorkflowJournalQuery>().ShouldHaveSingleItem().InstanceId.ShouldBe(_instanceId);
        cut.Find("button.journal-toggle").GetAttribute("aria-expanded").ShouldBe("true");
        var faulted = cut.Find(".journal-faulted").TextContent;
        faulted.ShouldContain("Sequence contains no elements");
        faulted.ShouldContain("gestopt met fout");

        await cut.Find("button.journal-toggle").ClickAsync(new());

        cut.WaitForAssertion(() => cut.FindAll(".journal-faulted").ShouldBeEmpty());
        cut.Find("button.journal-toggle").GetAttribute("aria-expanded").ShouldBe("false");
    }

    [Fact]
    public async Task Stop_NoReason_SaysSoBesideTheFieldAndSendsNothing()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((ListIncidentsQuery _) => new IncidentList([Incident()], 1));
        var cut = ctx.Render<IncidentsPage>();
        cut.WaitForAssertion(() => cut.Find("button.stop"));

        await cut.Find("button.stop").ClickAsync(new());
        cut.Find("button.stop").GetAttribute("aria-expanded").ShouldBe("true");
        await cut.Find("#stop-confirm").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find(".stop-form").TextContent.ShouldContain("Geef aan waarom de workflow wordt gestopt."));
        ctx.Sent<CancelWorkflowCommand>().ShouldBeEmpty();
    }

    [Fact]
    public async Task Stop_WithAReason_SendsItForThatInstanceSaysSoAndLoadsTheListAgain()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((ListIncidentsQuery _) => new IncidentList([Incident()], 1));
        ctx.OnCommand((CancelWorkflowCommand _) => Result.Ok);
        var cut = ctx.Render<IncidentsPage>();
        cut.WaitForAssertion(() => cut.Find("button.stop"));
        await cut.Find("button.stop").ClickAsync(new());

        cut.Find("#stop-reason").Input("Aangifte dubbel geregistreerd.");
        await cut.Find("#stop-confirm").ClickAsync(new());

        var sent = ctx.Sent<CancelWorkflowCommand>().ShouldHaveSingleItem();
        (sent.InstanceId, sent.Reason).ShouldBe((_instanceId, "Aangifte dubbel geregistreerd."));
        cut.WaitForAssertion(() => ctx.SnackbarMessages.ShouldContain("De workflow is gestopt en open taken zijn ingetrokken. Is de zaak nog open, dan krijgt de eenheid van de zaak een melding met de reden."));
        ctx.Sent<ListIncidentsQuery>().Count.ShouldBe(2);
        cut.FindAll(".stop-form").ShouldBeEmpty();
    }

    [Fact]
    public async Task Stop_RefusedForItsReason_KeepsTheReasonAndSaysWhyBesideIt()
    {
        await using var ctx = ComponentTestContext.English();
        ctx.OnQuery((ListIncidentsQuery _) => new IncidentList([Incident()], 1));
        ctx.OnCommand((CancelWorkflowCommand _) => Result.Fail("workflow.reason-too-long", "A reason is at most 160 characters (this one has 161).", 160, 161));
        var cut = ctx.Render<IncidentsPage>();
        cut.WaitForAssertion(() => cut.Find("button.stop"));
        await cut.Find("button.stop").ClickAsync(new());

        cut.Find("#stop-reason").Input("Duplicate report.");
        await cut.Find("#stop-confirm").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find(".stop-form").TextContent.ShouldContain("A reason is at most 160 characters (this one has 161)."));
        cut.Find("#stop-reason").GetAttribute("value").ShouldBe("Duplicate report.");
        ctx.Sent<ListIncidentsQuery>().Count.ShouldBe(1);
    }

    [Fact]
    public async Task Stop_ChangedByOthersAtTheSameMoment_SaysSoBesideTheReasonAndKeepsIt()
    {
        await using var ctx = ComponentTestContext.Dutch();
        ctx.OnQuery((ListIncidentsQuery _) => new IncidentList([Incident()], 1));
        ctx.OnCommand((CancelWorkflowCommand _) => Result.Fail("workflow.conflict-stop", "The workflow was changed at the same moment and was not stopped."));
        var cut = ctx.Render<IncidentsPage>();
        cut.WaitForAssertion(() => cut.Find("button.stop"));
        await cut.Find("button.stop").ClickAsync(new());

        cut.Find("#stop-reason").Input("Aangifte dubbel geregistreerd.");
        await cut.Find("#stop-confirm").ClickAsync(new());

        cut.WaitForAssertion(() => cut.Find(".stop-form").TextContent.ShouldContain("De workflow werd op hetzelfde moment gewijzigd en is niet gestopt."));
        cut.Find("#stop-reason").GetAttribute("value").ShouldBe("Aangifte dubbel geregistreerd.");
        ctx.SnackbarMessages.ShouldBeEmpty();
    }

    [Fact]
    public async Task Render_English_ShowsEnglishLabelsAndTheWorkflowsEnglishName()
    {
        await using var ctx = ComponentTestContext.English();
        ctx.OnQuery((ListIncidentsQuery _) => new IncidentList([Incident()], 1));

        var cut = ctx.Render<IncidentsPage>();

        cut.WaitForAssertion(() => cut.Find("h1").TextContent.ShouldBe("Workflow incidents"));
        cut.Find("#incidents tbody tr").TextContent.ShouldContain("Case run");
        cut.Find("button.retry").TextContent.Trim().ShouldBe("Retry");
    }

    private static IncidentDto Incident() => new(
        _instanceId, "online-fraud-case", 2, "Zaak doorlopen", "Case run", "link-reports", "Sequence contains no elements",
        ComponentTestContext.Now.AddMinutes(-30), "PL-2026-000123");
}
