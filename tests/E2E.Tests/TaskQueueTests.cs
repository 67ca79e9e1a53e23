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

        await row.GetByTestId("claim").ClickAsync();
        await first.WaitForURLAsync(TaskUrl());
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
}
