using Coordination.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

namespace Coordination.E2E.Tests;

/// <summary>The home page after sign-in: accessibility and the language switch.</summary>
public sealed class HomePageTests(E2EFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task Home_AfterSignIn_HasNoSeriousAccessibilityViolations()
    {
        var page = await NewSignedInPageAsync(DemoUsers.PoliceTeamLead);

        await Assertions.Expect(page.GetByText("Zaken per fase")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("team-steps")).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("my-work-available")).ToContainTextAsync("Beschikbaar voor mijn rol:");
        await ScreenshotAsync(page, "home");
        await AssertNoSeriousViolationsAsync(page, "the home page with the team's workload");
        AssertNoPageErrors(page);
    }

    [Fact]
    public async Task TeamWorkload_AStepOfTheTeam_OpensTheTeamQueueOnThatStep()
    {
        var page = await NewSignedInPageAsync(DemoUsers.PoliceTeamLead);
        var step = page.GetByTestId("team-steps").Locator("tbody tr[data-step]").First;
        await Assertions.Expect(step).ToBeVisibleAsync();
        var activity = await step.GetAttributeAsync("data-step");

        var title = (await step.Locator("th a").InnerTextAsync()).Trim();
        await step.Locator("th a").ClickAsync();

        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex($"/tasks\\?tab=team&step={System.Text.RegularExpressions.Regex.Escape(activity!)}$"));
        await Assertions.Expect(page.GetByTestId("task-link").First).ToHaveTextAsync(title);
        await Assertions.Expect(page.Locator("#filter-step")).ToHaveValueAsync(title);
        AssertNoPageErrors(page);
    }

    [Fact]
    public async Task LanguageSwitch_English_ChangesLabels()
    {
        var page = await NewSignedInPageAsync(DemoUsers.PoliceTeamLead);
        await Assertions.Expect(page.GetByText("Zaken per fase")).ToBeVisibleAsync();
        await ScreenshotAsync(page, "home-dutch");

        await page.Locator(".mud-appbar").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "EN", Exact = true }).ClickAsync();

        await Assertions.Expect(page.GetByText("Cases by phase")).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(page.GetByText("Zaken per fase")).ToHaveCountAsync(0);
        await WaitForBlazorCircuitAsync(page);
        await ScreenshotAsync(page, "home-english");
        AssertNoPageErrors(page);
    }
}
