using Coordination.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Coordination.E2E.Tests;

/// <summary>The task queue's live updates: what one session does shows in another without a reload.</summary>
public sealed class TaskQueueTests(E2EFixture fixture) : BrowserTest(fixture)
{
    /// <summary>
    /// The demo has one user per role and agency, so the two views are two sessions (browser contexts) of the same
    /// team lead: the Available list is defined by role and agency, not by person, so the second session sees exactly
    /// what a colleague in the same team would. It is the Rotterdam unit's team lead, whose queue no other test claims
    /// from. The second session then also looks at the Team tab, where the claimed task stays, marked as claimed.
    /// </summary>
    [Fact]
    public async Task Claim_InOneContext_TaskDisappearsFromOtherContextsAvailableListWithoutReload()
    {
        var first = await NewSignedInPageAsync(DemoUsers.PoliceTeamLeadRotterdam);
        var second = await NewSignedInPageAsync(DemoUsers.PoliceTeamLeadRotterdam);
        await GoToAsync(first, "tasks?tab=available");
        await GoToAsync(second, "tasks?tab=available");
        var firstLink = first.GetByTestId("task-link").First;
        await Assertions.Expect(firstLink).ToBeVisibleAsync();
        var href = (await firstLink.GetAttributeAsync("href")).ShouldNotBeNull();
        var row = first.GetByTestId("task-table").Locator("tbody tr").Filter(new LocatorFilterOptions { Has = first.Locator($"a[href='{href}']") });
        var rowInSecond = second.GetByTestId("task-table").Locator("tbody tr").Filter(new LocatorFilterOptions { Has = second.Locator($"a[href='{href}']") });
        await Assertions.Expect(rowInSecond).ToHaveCountAsync(1);
        await Assertions.Expect(rowInSecond.GetByTestId("claim")).ToBeVisibleAsync();
        // A marker in the second page's window: a reload or full navigation would take it away.
        await second.EvaluateAsync("() => { window.__e2eNoReload = true; }");
        await ScreenshotAsync(second, "second-before-claim");

        await ClickClaimAsync(first, row, "claiming in the first session");
        await Assertions.Expect(first.GetByText($"Opgepakt door {DemoUsers.PoliceTeamLeadRotterdam}")).ToBeVisibleAsync();

        await Assertions.Expect(rowInSecond).ToHaveCountAsync(0, new LocatorAssertionsToHaveCountOptions { Timeout = QueueTimeoutMilliseconds });
        (await second.EvaluateAsync<bool>("() => window.__e2eNoReload === true")).ShouldBeTrue("the second page was reloaded");
        await ScreenshotAsync(second, "second-after-claim");

        await second.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Team" }).ClickAsync();
        await Assertions.Expect(rowInSecond).ToHaveCountAsync(1);
        await Assertions.Expect(rowInSecond).ToContainTextAsync($"Opgepakt door {DemoUsers.PoliceTeamLeadRotterdam}");
        (await second.EvaluateAsync<bool>("() => window.__e2eNoReload === true")).ShouldBeTrue("the second page was reloaded");
        await ScreenshotAsync(second, "second-team-tab");
        AssertNoPageErrors(first);
        AssertNoPageErrors(second);
    }

    /// <summary>
    /// Two users of one unit, in their own languages: the team lead (in English) watches the Team tab while the intake
    /// officer (in Dutch) claims a task from their own Available list. Without a reload, the team lead's list marks the
    /// task as claimed by the intake officer, and it is still the team lead's list in the team lead's language: the
    /// refresh that the intake officer's claim sets off runs as the team lead, in English, never as the intake officer.
    /// </summary>
    [Fact]
    public async Task Claim_ByAColleague_TeamLeadsTeamTabMarksItClaimedWithoutReload()
    {
        var teamLead = await NewSignedInPageAsync(DemoUsers.PoliceTeamLeadRotterdam);
        var intake = await NewSignedInPageAsync(DemoUsers.PoliceIntakeOfficerRotterdam);
        await SwitchToEnglishAsync(teamLead);
        await GoToAsync(intake, "tasks?tab=available");
        var intakeLink = intake.GetByTestId("task-link").First;
        await Assertions.Expect(intakeLink).ToBeVisibleAsync();
        var href = (await intakeLink.GetAttributeAsync("href")).ShouldNotBeNull();
        await GoToAsync(teamLead, "tasks?tab=team");
        var rowInTeam = teamLead.GetByTestId("task-table").Locator("tbody tr").Filter(new LocatorFilterOptions { Has = teamLead.Locator($"a[href='{href}']") });
        await Assertions.Expect(rowInTeam).ToHaveCountAsync(1);
        await Assertions.Expect(rowInTeam).Not.ToContainTextAsync("Claimed by");
        var teamRows = await teamLead.GetByTestId("task-link").CountAsync();
        await teamLead.EvaluateAsync("() => { window.__e2eNoReload = true; }");
        // Everything the Team tab shows in between: the fewest task links it ever had, and a claim mark if it came.
        await teamLead.EvaluateAsync("""
            () => {
              window.__e2eFewest = document.querySelectorAll('[data-testid="task-link"]').length;
              window.__e2eShown = [];
              new MutationObserver(() => {
                const links = document.querySelectorAll('[data-testid="task-link"]').length;
                if (links < window.__e2eFewest) {
                  window.__e2eFewest = links;
                  window.__e2eShown.push(document.querySelector('[data-testid="task-table"]')?.innerText.replace(/\s+/g, ' ').slice(0, 400));
                }
              }).observe(document.body, { subtree: true, childList: true, characterData: true });
            }
            """);

        await ClickClaimAsync(
            intake, intake.GetByTestId("task-table").Locator("tbody tr").Filter(new LocatorFilterOptions { Has = intake.Locator($"a[href='{href}']") }),
            "the intake officer claiming");

        await Assertions.Expect(rowInTeam).ToContainTextAsync(
            DemoUsers.PoliceIntakeOfficerRotterdam, new LocatorAssertionsToContainTextOptions { Timeout = QueueTimeoutMilliseconds });
        await Assertions.Expect(rowInTeam).ToContainTextAsync($"Claimed by {DemoUsers.PoliceIntakeOfficerRotterdam}");
        await Assertions.Expect(teamLead.GetByTestId("task-link")).ToHaveCountAsync(teamRows);
        var fewest = await teamLead.EvaluateAsync<int>("() => window.__e2eFewest");
        var shown = await teamLead.EvaluateAsync<string[]>("() => window.__e2eShown");
        fewest.ShouldBe(teamRows, $"the team lead's Team tab lost rows on the way (refreshed as someone else?); it showed: {string.Join(" | ", shown)}");
        await Assertions.Expect(teamLead.GetByRole(AriaRole.Tab, new PageGetByRoleOptions { Name = "Team" })).ToHaveAttributeAsync("aria-selected", "true");
        (await teamLead.EvaluateAsync<bool>("() => window.__e2eNoReload === true")).ShouldBeTrue("the team lead's page was reloaded");
        await ScreenshotAsync(teamLead, "team-tab-after-colleagues-claim");
        var dutch = await DutchLabels.FindAsync(teamLead);
        dutch.ShouldBeEmpty($"the team lead's English Team tab turned Dutch on the refresh: {string.Join(", ", dutch)}");
        AssertNoPageErrors(teamLead);
        AssertNoPageErrors(intake);
    }

    /// <summary>
    /// A team lead re-balances work: from the Team tab they hand the civil check of a new report to the intake officer,
    /// whose My tasks list (open in their own browser) shows it without a reload.
    /// </summary>
    [Fact]
    public async Task Assign_TeamLeadHandsATaskToAColleague_ItAppearsInTheirMyTasksWithoutReload()
    {
        var intake = await NewSignedInPageAsync(DemoUsers.PoliceIntakeOfficer);
        var teamLead = await NewSignedInPageAsync(DemoUsers.PoliceTeamLead);
        var (_, caseNumber) = await RegisterReportAsync(intake, new NewReport(
            "Tom Toewijzing", "tom@example.nl", "75", "Concertkaartjes betaald, nooit ontvangen.", null, [TestIbans.Fresh(TestIbans.Polder)]));
        await GoToAsync(intake, "tasks");
        await intake.EvaluateAsync("() => { window.__e2eNoReload = true; }");
        var inMine = intake.GetByTestId("task-table").Locator("tbody tr").Filter(new LocatorFilterOptions { HasText = caseNumber });
        await Assertions.Expect(inMine).ToHaveCountAsync(0);

        var row = await FindQueueRowAsync(teamLead, caseNumber, TaskTitles.CivilCheck, "team");
        await row.GetByTestId("assign").GetByRole(AriaRole.Button).ClickAsync();
        await teamLead.Locator(".mud-popover-open").GetByTestId("assignee").First.ClickAsync();
        await Assertions.Expect(teamLead.Locator(".mud-snackbar")).ToContainTextAsync("is toegewezen aan");
        await Assertions.Expect(row).ToContainTextAsync($"Opgepakt door {DemoUsers.PoliceIntakeOfficer}", new LocatorAssertionsToContainTextOptions { Timeout = QueueTimeoutMilliseconds });
        await ScreenshotAsync(teamLead, "team-tab-assigned");

        await Assertions.Expect(inMine).ToHaveCountAsync(1, new LocatorAssertionsToHaveCountOptions { Timeout = QueueTimeoutMilliseconds });
        await Assertions.Expect(inMine).ToContainTextAsync(TaskTitles.CivilCheck);
        (await intake.EvaluateAsync<bool>("() => window.__e2eNoReload === true")).ShouldBeTrue("the intake officer's page was reloaded");
        await ScreenshotAsync(intake, "my-tasks-assigned");
        AssertNoPageErrors(teamLead);
        AssertNoPageErrors(intake);
    }
}
