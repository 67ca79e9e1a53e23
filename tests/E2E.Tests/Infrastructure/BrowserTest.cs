using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using Shouldly;
using Xunit;

namespace Coordination.E2E.Tests.Infrastructure;

/// <summary>
/// Base of every browser test: one browser context per user (<see cref="NewPageAsync"/>; two in one test are fine),
/// sign-in as a demo user, numbered full-page screenshots under artifacts/e2e/&lt;test&gt;/, axe checks, and checks
/// that the page had no console errors, CSP violations or failed requests. Contexts close when the test ends; a
/// failed test leaves a last screenshot of each page it had open.
/// </summary>
public abstract partial class BrowserTest(E2EFixture fixture) : IAsyncLifetime
{
    private readonly List<IBrowserContext> _contexts = [];
    private readonly Dictionary<IPage, PageWatch> _watches = [];
    private int _screenshots;

    protected E2EFixture Fixture { get; } = fixture;

    /// <summary>The test's own artifacts folder: artifacts/e2e/&lt;test method&gt;/ under the repository root.</summary>
    protected string ArtifactsFolder { get; } = RepositoryRoot.Combine("artifacts", "e2e", TestName());

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    public ValueTask InitializeAsync()
    {
        // Screenshots of an earlier run would mix with this run's.
        if (Directory.Exists(ArtifactsFolder))
        {
            Directory.Delete(ArtifactsFolder, recursive: true);
        }

        Directory.CreateDirectory(ArtifactsFolder);
        return ValueTask.CompletedTask;
    }

    /// <summary>A page in a new browser context: a separate user with their own cookies and language.</summary>
    protected async Task<IPage> NewPageAsync()
    {
        var context = await Fixture.NewContextAsync();
        _contexts.Add(context);
        var page = await context.NewPageAsync();
        _watches[page] = new PageWatch(page);
        return page;
    }

    /// <summary>A page in a new browser context, signed in as <paramref name="userName"/>.</summary>
    protected async Task<IPage> NewSignedInPageAsync(string userName)
    {
        var page = await NewPageAsync();
        await SignInAsAsync(page, userName);
        return page;
    }

    /// <summary>
    /// Signs in through the development sign-in page: clicks the button of the form for <paramref name="userName"/>,
    /// waits for the home page and its live Blazor circuit.
    /// </summary>
    /// <returns>The user's display name as the sign-in page lists it.</returns>
    protected async Task<string> SignInAsAsync(IPage page, string userName)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(userName);
        await page.GotoAsync("dev/sign-in");
        var form = page.Locator("form").Filter(new LocatorFilterOptions { Has = page.Locator($"input[name='userName'][value='{userName}']") });
        if (await form.CountAsync() != 1)
        {
            var listed = await page.Locator("input[name='userName']").EvaluateAllAsync<string[]>("inputs => inputs.map(i => i.value)");
            throw new InvalidOperationException($"The sign-in page has no (single) form for {userName}. It lists: {string.Join(", ", listed)}");
        }

        var button = form.Locator("button[type='submit']");
        var label = await button.InnerTextAsync();
        await button.ClickAsync();
        await page.WaitForURLAsync(url => new Uri(url).AbsolutePath is "/" || new Uri(url).Query.Contains("error=", StringComparison.Ordinal));
        new Uri(page.Url).AbsolutePath.ShouldBe("/", $"signing in as {userName} did not reach the home page");
        await WaitForBlazorCircuitAsync(page);

        // "<roles> — <display name> (<user name>)"
        var match = DisplayNameInLabel().Match(label);
        return match.Success ? match.Groups["name"].Value.Trim() : throw new InvalidOperationException($"No display name in the sign-in button's text \"{label}\".");
    }

    /// <summary>Waits until blazor.web.js has loaded and the page's Blazor Server circuit is connected.</summary>
    protected async Task WaitForBlazorCircuitAsync(IPage page, float timeoutMilliseconds = 30_000)
    {
        ArgumentNullException.ThrowIfNull(page);
        await page.WaitForFunctionAsync("() => typeof window.Blazor === 'object'", null, new PageWaitForFunctionOptions { Timeout = timeoutMilliseconds });
        var watch = Watch(page);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!watch.HasLiveCircuit)
        {
            if (waited.Elapsed > TimeSpan.FromMilliseconds(timeoutMilliseconds))
            {
                throw new InvalidOperationException($"The Blazor circuit of {page.Url} did not connect within {timeoutMilliseconds.ToString(CultureInfo.InvariantCulture)} ms: {watch.DescribeSockets()}.");
            }

            await Task.Delay(50, Ct);
        }
    }

    /// <summary>Saves a full-page screenshot as artifacts/e2e/&lt;test&gt;/&lt;nn&gt;-&lt;step&gt;.png.</summary>
    /// <returns>The file's path.</returns>
    protected async Task<string> ScreenshotAsync(IPage page, string step)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(step);
        var number = Interlocked.Increment(ref _screenshots);
        var path = Path.Combine(ArtifactsFolder, $"{number.ToString("D2", CultureInfo.InvariantCulture)}-{Slug(step)}.png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path, FullPage = true });
        return path;
    }

    /// <summary>Runs axe on the page and fails listing each serious or critical WCAG 2.1 A/AA violation; lesser ones
    /// go to the test output.</summary>
    protected static async Task AssertNoSeriousViolationsAsync(IPage page, string name)
    {
        ArgumentNullException.ThrowIfNull(page);
        var violations = await Axe.RunAsync(page);
        var lesser = violations.Except(Axe.Serious(violations)).ToList();
        if (lesser.Count > 0)
        {
            TestContext.Current.TestOutputHelper?.WriteLine($"axe on {name}: moderate or minor violations (not failing):{Environment.NewLine}{Axe.Describe(lesser)}");
        }

        var serious = Axe.Serious(violations);
        if (serious.Count > 0)
        {
            Assert.Fail($"axe found serious or critical WCAG 2.1 AA violations on {name} ({page.Url}):{Environment.NewLine}{Axe.Describe(serious)}");
        }
    }

    /// <summary>Fails listing every console error (Content-Security-Policy violations among them), uncaught script
    /// error, failed request and 4xx/5xx response the page has had since it was opened.</summary>
    protected void AssertNoPageErrors(IPage page)
    {
        var problems = Watch(page).Problems;
        if (problems.Count > 0)
        {
            Assert.Fail($"{page.Url} reported problems:{Environment.NewLine}  - {string.Join($"{Environment.NewLine}  - ", problems)}");
        }
    }

    protected PageWatch Watch(IPage page) =>
        _watches.TryGetValue(page, out var watch) ? watch : throw new InvalidOperationException("That page was not opened through NewPageAsync.");

    public async ValueTask DisposeAsync()
    {
        if (TestContext.Current.TestState?.Result is TestResult.Failed)
        {
            foreach (var page in _watches.Keys.Where(p => !p.IsClosed))
            {
                try
                {
                    await ScreenshotAsync(page, "at-failure");
                }
                catch (PlaywrightException)
                {
                    // The page may be what broke; the failure itself is reported already.
                }
            }
        }

        foreach (var context in _contexts)
        {
            await context.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    private static string TestName() =>
        TestContext.Current.TestMethod?.MethodName is { Length: > 0 } name ? Slug(name, keepCase: true) : "unnamed";

    private static string Slug(string text, bool keepCase = false)
    {
        var slug = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            slug.Append(char.IsAsciiLetterOrDigit(c) || c is '_' ? (keepCase ? c : char.ToLowerInvariant(c)) : '-');
        }

        return slug.ToString().Trim('-');
    }

    [GeneratedRegex(@"—\s*(?<name>[^(]+)\(")]
    private static partial Regex DisplayNameInLabel();
}
