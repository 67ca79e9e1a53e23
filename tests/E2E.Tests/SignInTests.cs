using Coordination.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Coordination.E2E.Tests;

/// <summary>The development sign-in in a real browser: the page itself, and what a signed-in user sees first.</summary>
public sealed class SignInTests(E2EFixture fixture) : BrowserTest(fixture)
{
    [Fact]
    public async Task SignInPage_Anonymous_HasNoSeriousAccessibilityViolations()
    {
        var page = await NewPageAsync();

        var response = await page.GotoAsync("dev/sign-in");

        response.ShouldNotBeNull().Status.ShouldBe(200);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new PageGetByRoleOptions { Level = 1 })).ToContainTextAsync("Aanmelden");
        await ScreenshotAsync(page, "sign-in-page");
        await AssertNoSeriousViolationsAsync(page, "the development sign-in page");
        AssertNoPageErrors(page);
    }

    [Fact]
    public async Task SignIn_DemoTeamLead_HomeShowsTheirNameAndCaseCounts()
    {
        var page = await NewPageAsync();
        var loaded = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Ok)
            {
                lock (loaded)
                {
                    loaded.Add(new Uri(response.Url).AbsolutePath);
                }
            }
        };

        var displayName = await SignInAsAsync(page, DemoUsers.PoliceTeamLead);

        await Assertions.Expect(page.GetByTestId("signed-in-user")).ToContainTextAsync(displayName);
        await Assertions.Expect(page.GetByText("Zaken per fase")).ToBeVisibleAsync();
        var counts = await page.Locator("[data-phase]").AllInnerTextsAsync();
        counts.ShouldNotBeEmpty("the home page shows no case count per phase");
        counts.Sum(int.Parse).ShouldBeGreaterThan(0, "the team lead's unit has demo cases");
        lock (loaded)
        {
            // Static web assets resolve from the build output in Development: the page has its scripts and styles.
            loaded.ShouldContain(path => path.EndsWith("/_framework/blazor.web.js", StringComparison.Ordinal));
            loaded.ShouldContain(path => path.StartsWith("/_content/MudBlazor/", StringComparison.Ordinal) && path.EndsWith(".css", StringComparison.Ordinal));
            loaded.ShouldContain(path => path.StartsWith("/_content/MudBlazor/", StringComparison.Ordinal) && path.EndsWith(".js", StringComparison.Ordinal));
        }

        await ScreenshotAsync(page, "home-signed-in");
        AssertNoPageErrors(page);
    }

    [Fact]
    public async Task SignIn_TwoUsersInTwoContexts_EachSeesOnlyTheirOwnSession()
    {
        var teamLead = await NewPageAsync();
        var bankOfficer = await NewPageAsync();

        var teamLeadName = await SignInAsAsync(teamLead, DemoUsers.PoliceTeamLead);
        var bankOfficerName = await SignInAsAsync(bankOfficer, DemoUsers.BankFraudOfficerNoordzee);

        await teamLead.ReloadAsync();
        await Assertions.Expect(teamLead.GetByTestId("signed-in-user")).ToContainTextAsync(teamLeadName);
        await Assertions.Expect(bankOfficer.GetByTestId("signed-in-user")).ToContainTextAsync(bankOfficerName);
        await ScreenshotAsync(teamLead, "team-lead");
        await ScreenshotAsync(bankOfficer, "bank-officer");
        AssertNoPageErrors(teamLead);
        AssertNoPageErrors(bankOfficer);
    }
}
