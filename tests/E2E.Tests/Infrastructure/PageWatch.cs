using Microsoft.Playwright;

namespace Coordination.E2E.Tests.Infrastructure;

/// <summary>
/// What a page reported while a test used it: console errors (Content-Security-Policy violations among them),
/// uncaught script errors, failed requests and responses of 400 and up, and the Blazor circuit's WebSockets.
/// </summary>
public sealed class PageWatch
{
    private readonly List<string> _problems = [];
    private readonly List<CircuitSocket> _sockets = [];
    private readonly Lock _lock = new();

    public PageWatch(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        page.Console += (_, message) =>
        {
            // Chromium asks for /favicon.ico by itself, once per browser rather than per page, so its 404 would
            // make a test's outcome depend on which test ran first; the page's own requests are all checked.
            if (message.Type == "error" && !message.Location.EndsWith("/favicon.ico:0:0", StringComparison.Ordinal))
            {
                Add($"console error: {message.Text} (at {message.Location})");
            }
        };
        page.PageError += (_, error) => Add($"uncaught script error: {error}");
        page.Response += (_, response) =>
        {
            if (response.Status >= 400)
            {
                Add($"HTTP {response.Status} for {response.Request.Method} {response.Url}");
            }
        };
        page.RequestFailed += (_, request) =>
        {
            // A navigation cancels what the previous page still had in flight; that is no fault of the page.
            if (request.Failure is { } failure && !failure.Contains("ERR_ABORTED", StringComparison.Ordinal))
            {
                Add($"request failed: {request.Method} {request.Url}: {failure}");
            }
        };
        page.WebSocket += (_, socket) =>
        {
            if (!socket.Url.Contains("/_blazor", StringComparison.Ordinal))
            {
                return;
            }

            var watched = new CircuitSocket(socket.Url);
            socket.FrameReceived += (_, _) => Interlocked.Increment(ref watched.FramesReceived);
            socket.Close += (_, _) => watched.Closed = true;
            lock (_lock)
            {
                _sockets.Add(watched);
            }
        };
    }

    /// <summary>Everything that went wrong on the page so far.</summary>
    public IReadOnlyList<string> Problems
    {
        get
        {
            lock (_lock)
            {
                return [.. _problems];
            }
        }
    }

    /// <summary>Whether an open Blazor circuit WebSocket has received more than the SignalR handshake, i.e. the
    /// server has started the circuit and sent it components or a render batch.</summary>
    public bool HasLiveCircuit
    {
        get
        {
            lock (_lock)
            {
                return _sockets.Any(s => !s.Closed && Volatile.Read(ref s.FramesReceived) >= 2);
            }
        }
    }

    public string DescribeSockets()
    {
        lock (_lock)
        {
            return _sockets.Count == 0
                ? "no /_blazor WebSocket was opened"
                : string.Join("; ", _sockets.Select(s => $"{s.Url}: {s.FramesReceived} frames received{(s.Closed ? ", closed" : string.Empty)}"));
        }
    }

    private void Add(string problem)
    {
        lock (_lock)
        {
            _problems.Add(problem);
        }
    }

    private sealed class CircuitSocket(string url)
    {
        public int FramesReceived;

        public string Url { get; } = url;

        public volatile bool Closed;
    }
}
