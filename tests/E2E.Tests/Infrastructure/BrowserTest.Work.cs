using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Coordination.E2E.Tests.Infrastructure;

/// <summary>
/// Helpers that work the app as a user does: open a page and wait for its circuit, register a report through the
/// intake form, find a task of a case in a queue, claim it, fill in its form and complete it. Every wait is on
/// something the page shows (Playwright's auto-wait and <c>Expect</c>), never a fixed sleep.
/// </summary>
public abstract partial class BrowserTest
{
    /// <summary>How long a task may take to show up in a queue (it comes with the workflow's save; the queue refreshes
    /// on the server's notice at once and on a 15-second timer otherwise).</summary>
    protected const float QueueTimeoutMilliseconds = 20_000;

    private const float ClaimRetryMilliseconds = 5_000;

    // Remembers, in each document of a page, the layout as the server prerendered it. Blazor replaces prerendered
    // markup when the circuit attaches the page's root components (the head outlet first, then the routes).
    private const string RememberPrerenderedLayout =
        "document.addEventListener('DOMContentLoaded', () => { window.__e2ePrerenderedLayout = document.querySelector('.mud-layout'); });";

    private const string LayoutIsInteractive =
        "() => window.__e2ePrerenderedLayout !== undefined && !(window.__e2ePrerenderedLayout?.isConnected ?? false) && document.querySelector('.mud-layout') !== null";

    private static readonly ConditionalWeakTable<IPage, object> _prerenderWatched = [];

    /// <summary>
    /// A full page load of <paramref name="relativeUrl"/>, then waits until the page's new circuit has replaced the
    /// prerendered layout with its interactive render. Before that a click does nothing and a value typed into a field
    /// is lost; a connected circuit, or a first render batch (the head outlet's), is not enough.
    /// </summary>
    protected static async Task GoToAsync(IPage page, string relativeUrl)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (_prerenderWatched.TryAdd(page, new object()))
        {
            await page.AddInitScriptAsync(RememberPrerenderedLayout);
        }

        var response = await page.GotoAsync(relativeUrl);
        response.ShouldNotBeNull($"no response for {relativeUrl}").Status.ShouldBe(200, $"GET {relativeUrl}");
        await page.WaitForFunctionAsync(LayoutIsInteractive, null, new PageWaitForFunctionOptions { Timeout = 30_000 });
    }

    /// <summary>Waits until the page's finite animations (a snackbar sliding in, a popover opening) have finished,
    /// so what axe measures is what the user reads, not a half-transparent frame.</summary>
    protected static async Task SettleAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.EvaluateAsync("""
            () => Promise.all(document.getAnimations()
              .filter(a => a.effect && a.effect.getComputedTiming().endTime !== Infinity)
              .map(a => a.finished.catch(() => null)))
            """);
    }

    /// <summary>Lets the page settle, then runs axe on it (<see cref="AssertNoSeriousViolationsAsync"/>).</summary>
    protected static async Task AssertAccessibleAsync(IPage page, string name)
    {
        await SettleAsync(page);
        await AssertNoSeriousViolationsAsync(page, name);
    }

    /// <summary>Switches the page's user to English with the app bar's language switch (a full page load that sets
    /// the culture cookie of the browser context).</summary>
    protected static async Task SwitchToEnglishAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.Locator(".mud-appbar").GetByRole(AriaRole.Link, new LocatorGetByRoleOptions { Name = "EN", Exact = true }).ClickAsync();
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
    }

    /// <summary>Fills a text input by id and leaves it, so the bound value reaches the server (MudBlazor binds on change).</summary>
    protected static async Task FillAsync(IPage page, string inputId, string value)
    {
        ArgumentNullException.ThrowIfNull(page);
        var input = page.Locator($"#{inputId}");
        await input.FillAsync(value);
        await input.BlurAsync();
    }

    /// <summary>Picks <paramref name="option"/> in the MudSelect labelled <paramref name="label"/>.</summary>
    protected static async Task SelectAsync(IPage page, string label, string option)
    {
        ArgumentNullException.ThrowIfNull(page);
        var select = page.Locator(".mud-select").Filter(new LocatorFilterOptions { Has = page.Locator("label", new PageLocatorOptions { HasTextString = label }) });
        await select.Locator(".mud-input-control-input-container, .mud-select-input").First.ClickAsync();
        var item = page.Locator(".mud-popover-open .mud-list-item").Filter(new LocatorFilterOptions { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") });
        await item.ClickAsync();
        await Assertions.Expect(page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
    }

    /// <summary>
    /// The intake officer's form: fills in a report and registers it; waits for the case file the app opens next.
    /// </summary>
    /// <returns>The case's id (from the URL) and number (from the case file's heading).</returns>
    protected async Task<(Guid Id, string Number)> RegisterReportAsync(IPage page, NewReport report, string? screenshot = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(report);
        await GoToAsync(page, "reports/new");
        await FillAsync(page, "reporter-name", report.ReporterName);
        await FillAsync(page, "reporter-email", report.ReporterEmail);
        await FillAsync(page, "damage", report.Damage);
        await FillAsync(page, "description", report.Description);
        if (report.VictimIban is not null)
        {
            await FillAsync(page, "victim-iban", report.VictimIban);
        }

        var chips = page.GetByTestId("lead-chip");
        var leads = 0;
        foreach (var (inputId, values) in new[] { ("iban", report.Ibans), ("phone", report.Phones), ("url", report.Urls) })
        {
            foreach (var value in values)
            {
                await page.Locator($"#{inputId}").FillAsync(value);
                await page.Locator($"#{inputId}").PressAsync("Enter");
                await UntilAsync(page, $"adding the lead {value}", $"document.querySelectorAll('[data-testid=\"lead-chip\"]').length === {++leads}");
                await Assertions.Expect(chips.Nth(leads - 1)).ToHaveTextAsync(value);
            }
        }

        if (screenshot is not null)
        {
            await ScreenshotAsync(page, screenshot);
        }

        await page.GetByTestId("register").ClickAsync();
        await UntilAsync(page, "registering the report", "/^\\/cases\\/[0-9a-f-]{36}$/.test(location.pathname)", "intake-error");
        var heading = page.GetByTestId("case-number");
        await Assertions.Expect(heading).ToContainTextAsync(CaseNumberPattern());
        var number = CaseNumberPattern().Match(await heading.InnerTextAsync()).Value;
        var id = Guid.Parse(CaseFileUrl().Match(page.Url).Groups["id"].Value);
        return (id, number);
    }

    /// <summary>
    /// Opens the Available queue, waits for the task titled <paramref name="title"/> of case <paramref name="caseNumber"/>
    /// (it may arrive with the live refresh), claims it and waits for the task page the app opens.
    /// </summary>
    /// <returns>The task's relative URL (<c>tasks/&lt;id&gt;</c>).</returns>
    protected async Task<string> ClaimAsync(IPage page, string caseNumber, string title)
    {
        ArgumentNullException.ThrowIfNull(page);
        var row = await FindQueueRowAsync(page, caseNumber, title, "available");
        await ClickClaimAsync(page, row, $"claiming '{title}' of {caseNumber}");
        await Assertions.Expect(page.GetByTestId("task-title")).ToHaveTextAsync(title);
        return new Uri(page.Url).AbsolutePath.TrimStart('/');
    }

    /// <summary>
    /// Clicks the claim button of a queue row and waits for the task page the app then opens. The queue re-renders
    /// itself whenever anyone's task changes, so a click can land on a button the server has just replaced and be
    /// lost, or the button may not hold still long enough to be clicked; like a user, this clicks again (at most three
    /// times), unless the row has gone, which means the claim went through and the task page is on its way.
    /// </summary>
    protected async Task ClickClaimAsync(IPage page, ILocator row, string doing)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(row);
        const string onTaskPage = "/^\\/tasks\\/[0-9a-f-]{36}$/.test(location.pathname)";
        for (var attempt = 1; attempt <= 3 && await row.CountAsync() > 0; attempt++)
        {
            string problem;
            try
            {
                await row.GetByTestId("claim").ClickAsync(new LocatorClickOptions { Timeout = ClaimRetryMilliseconds });
                await page.WaitForFunctionAsync($"() => {onTaskPage}", null, new PageWaitForFunctionOptions { Timeout = ClaimRetryMilliseconds });
                return;
            }
            catch (TimeoutException exception)
            {
                problem = exception.Message.Split('\n')[0];
            }

            if (new Uri(page.Url).AbsolutePath != "/tasks")
            {
                break;
            }

            var snackbar = string.Join(" / ", await page.Locator(".mud-snackbar").AllInnerTextsAsync());
            TestContext.Current.TestOutputHelper?.WriteLine($"{doing}, attempt {attempt}: {problem} (snackbar: {snackbar}).");
            await ScreenshotAsync(page, $"claim-attempt-{attempt}");
        }

        await UntilAsync(page, doing, onTaskPage);
    }

    /// <summary>The first row of a queue tab that shows the case number and links the task by its exact title.</summary>
    protected static async Task<ILocator> FindQueueRowAsync(IPage page, string caseNumber, string title, string tab)
    {
        ArgumentNullException.ThrowIfNull(page);
        await GoToAsync(page, $"tasks?tab={tab}");
        var row = page.GetByTestId("task-table").Locator("tbody tr")
            .Filter(new LocatorFilterOptions { HasText = caseNumber })
            .Filter(new LocatorFilterOptions { Has = page.GetByTestId("task-link").GetByText(title, new LocatorGetByTextOptions { Exact = true }) })
            .First;
        await Assertions.Expect(row).ToBeVisibleAsync(new LocatorAssertionsToBeVisibleOptions { Timeout = QueueTimeoutMilliseconds });
        return row;
    }

    /// <summary>Claims the task from the Available queue, lets <paramref name="fill"/> fill in its form, takes a
    /// screenshot when asked, and completes it with <paramref name="outcome"/>.</summary>
    protected async Task WorkAsync(IPage page, string caseNumber, string title, string outcome, Func<IPage, Task>? fill = null, string? screenshot = null)
    {
        await ClaimAsync(page, caseNumber, title);
        if (fill is not null)
        {
            await fill(page);
        }

        if (screenshot is not null)
        {
            await ScreenshotAsync(page, screenshot);
        }

        await CompleteAsync(page, outcome);
    }

    /// <summary>On a claimed task's page: clicks the outcome and waits until the app, having saved, returns to the queue.</summary>
    protected async Task CompleteAsync(IPage page, string outcome)
    {
        ArgumentNullException.ThrowIfNull(page);
        var task = page.Url;
        await page.GetByTestId($"outcome-{outcome}").ClickAsync();
        // Either the app goes back to the queue (saved) or the page says why it was refused, beside the kept input.
        await UntilAsync(page, $"completing {task} with '{outcome}'", "location.pathname === '/tasks'", "task-error");
    }

    /// <summary>
    /// Waits until <paramref name="condition"/> (a JavaScript expression) holds on the page. Fails at once, saying
    /// what happened, when instead the page shows the refusal with test id <paramref name="refusalTestId"/> or its
    /// Blazor circuit breaks (the "something went wrong" bar): waiting out the timeout would only hide the cause.
    /// </summary>
    protected async Task UntilAsync(IPage page, string doing, string condition, string? refusalTestId = null)
    {
        ArgumentNullException.ThrowIfNull(page);
        var refused = refusalTestId is null ? "false" : $"document.querySelector('[data-testid=\"{refusalTestId}\"]') !== null";
        const string broken = "(e => e !== null && getComputedStyle(e).display !== 'none')(document.getElementById('blazor-error-ui'))";
        var outcome = await page.WaitForFunctionAsync(
            $"() => ({condition}) ? 'done' : ({refused}) ? 'refused' : {broken} ? 'broken' : null",
            null, new PageWaitForFunctionOptions { Timeout = QueueTimeoutMilliseconds });
        switch (await outcome.JsonValueAsync<string>())
        {
            case "refused":
                Assert.Fail($"{doing} was refused on {page.Url}: {await page.GetByTestId(refusalTestId!).InnerTextAsync()}");
                break;
            case "broken":
                var exceptions = Fixture.App.OutputTail.Split('\n').Where(line => line.Contains("Exception", StringComparison.Ordinal)).Take(3);
                Assert.Fail($"{doing} broke the page's Blazor circuit on {page.Url} (the app shows its error bar). The app's log says:{Environment.NewLine}{string.Join(Environment.NewLine, exceptions)}");
                break;
        }
    }

    /// <summary>The path of a case file, <c>/cases/&lt;guid&gt;</c>.</summary>
    [GeneratedRegex(@"/cases/(?<id>[0-9a-f-]{36})$")]
    protected static partial Regex CaseFileUrl();

    /// <summary>The path of a task, <c>/tasks/&lt;guid&gt;</c>.</summary>
    [GeneratedRegex(@"/tasks/[0-9a-f-]{36}$")]
    protected static partial Regex TaskUrl();

    /// <summary>A case number, <c>OF-2026-000123</c>.</summary>
    [GeneratedRegex(@"OF-\d{4}-\d{6}")]
    protected static partial Regex CaseNumberPattern();
}

/// <summary>What the intake officer enters for a new report. Damage as typed (whole euros avoid the decimal comma).</summary>
public sealed record NewReport(
    string ReporterName, string ReporterEmail, string Damage, string Description, string? VictimIban, IReadOnlyList<string> Ibans,
    IReadOnlyList<string>? PhoneNumbers = null, IReadOnlyList<string>? WebAddresses = null)
{
    public IReadOnlyList<string> Phones => PhoneNumbers ?? [];

    public IReadOnlyList<string> Urls => WebAddresses ?? [];
}
