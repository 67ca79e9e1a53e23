using Coordination.E2E.Tests.Infrastructure;
using Microsoft.Playwright;
using Xunit;

[assembly: AssemblyFixture(typeof(E2EFixture))]

namespace Coordination.E2E.Tests.Infrastructure;

/// <summary>
/// One app process and one headless Chromium for the whole test assembly. Each test, and each user within a test,
/// gets its own browser context (cookies, storage, culture), so two users can work side by side in one test.
/// </summary>
public sealed class E2EFixture : IAsyncLifetime
{
    /// <summary>Debian's Chromium. Never a browser that Playwright downloads: the machines cannot fetch one.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    // Run as root there is no sandbox to have; the rest keep Chromium from calling home, which this machine's closed
    // network refuses (many connections at a time, and a failed look-up of Google's hosts at every start).
    private static readonly string[] _chromiumArguments =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync",
    ];

    private AppProcess? _app;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    /// <summary>The app under test.</summary>
    public AppProcess App => _app ?? throw new InvalidOperationException("The fixture has not started.");

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The fixture has not started.");

    public async ValueTask InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium is not installed at {ChromiumPath}; the end-to-end tests need Debian's package. Install it with " +
                "`apt-get update && apt-get install -y chromium` (./test.sh does this when it is missing).");
        }

        // Start the app first: it takes longer than the browser, and a broken app is the likelier failure.
        _app = await AppProcess.StartAsync(TestContext.Current.CancellationToken);
        _playwright = await Playwright.CreateAsync();
        try
        {
            _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
            {
                ExecutablePath = ChromiumPath,
                Headless = true,
                Args = _chromiumArguments,
            });
        }
        catch (PlaywrightException exception)
        {
            throw new InvalidOperationException($"Could not start {ChromiumPath} through Playwright: {exception.Message}", exception);
        }
    }

    /// <summary>A new browser context (a separate user: own cookies and culture) on the app, Dutch like a Dutch
    /// official's browser.</summary>
    public Task<IBrowserContext> NewContextAsync() =>
        Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString(),
            Locale = "nl-NL",
            TimezoneId = "Europe/Amsterdam",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
