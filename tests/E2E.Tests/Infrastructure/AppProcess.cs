using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Reflection;

namespace Coordination.E2E.Tests.Infrastructure;

/// <summary>
/// The real app as a child process, as `dotnet run --project src/Web` would start it: the solution build's
/// Coordination.Web.dll, in Development (demo data, development sign-in), on a brand-new SQLite file in a temp folder,
/// on a free loopback port, with src/Web as working directory so static web assets resolve as in development.
/// Disposing kills the whole process tree and removes the folder.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private const int StartTimeoutSeconds = 90;
    private const int OutputTailLines = 60;
    private const int PortAttempts = 3;

    private readonly Process _process;
    private readonly DirectoryInfo _folder;
    private readonly Queue<string> _output = new();
    private readonly Lock _outputLock = new();
    private int _disposed;

    private AppProcess(Process process, DirectoryInfo folder, Uri baseAddress)
    {
        _process = process;
        _folder = folder;
        BaseAddress = baseAddress;
    }

    /// <summary>Where the app listens, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The last lines the app wrote to stdout and stderr, for failure messages.</summary>
    public string OutputTail
    {
        get
        {
            lock (_outputLock)
            {
                return _output.Count == 0 ? "(no output)" : string.Join(Environment.NewLine, _output);
            }
        }
    }

    /// <summary>Starts the app and waits until /health answers 200.</summary>
    /// <exception cref="InvalidOperationException">The app was not built, exited, or was not healthy in time; the
    /// message holds the tail of its output.</exception>
    public static async Task<AppProcess> StartAsync(CancellationToken cancellationToken)
    {
        var webProject = RepositoryRoot.Combine("src", "Web");
        var configuration = typeof(AppProcess).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Debug";
        var dll = System.IO.Path.Combine(webProject, "bin", configuration, "net10.0", "Coordination.Web.dll");
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"The app is not built: {dll} is missing. Build the solution first (`dotnet build Coordination.sln -c {configuration}`; ./test.sh does).");
        }

        for (var attempt = 1; ; attempt++)
        {
            var folder = Directory.CreateTempSubdirectory("coordination-e2e-");
            var app = Start(dll, webProject, folder, FreeTcpPort());
            try
            {
                await app.WaitUntilHealthyAsync(cancellationToken).ConfigureAwait(false);
                return app;
            }
            catch (InvalidOperationException) when (attempt < PortAttempts && app.OutputTail.Contains("address already in use", StringComparison.OrdinalIgnoreCase))
            {
                // The port was free when we looked and taken before the app bound it: try another.
                await app.DisposeAsync().ConfigureAwait(false);
            }
            catch
            {
                await app.DisposeAsync().ConfigureAwait(false);
                throw;
            }
        }
    }

    private static AppProcess Start(string dll, string workingDirectory, DirectoryInfo folder, int port)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        // The dotnet CLI that runs the tests says where it is; outside it, the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var startInfo = new ProcessStartInfo(dotnet)
        {
            WorkingDirectory = workingDirectory,
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { dll, "--urls", baseAddress.GetLeftPart(UriPartial.Authority) })
        {
            startInfo.ArgumentList.Add(argument);
        }

        // URLs and ports from the developer's shell must not steer the app away from the port we chose.
        foreach (var variable in new[] { "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_HTTPS_PORTS", "DOTNET_URLS" })
        {
            startInfo.Environment.Remove(variable);
        }

        startInfo.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        startInfo.Environment["DOTNET_ENVIRONMENT"] = "Development";
        startInfo.Environment["ConnectionStrings__Coordination"] = $"Data Source={System.IO.Path.Combine(folder.FullName, "coordination.db")}";

        var process = new Process { StartInfo = startInfo, EnableRaisingEvents = true };
        var app = new AppProcess(process, folder, baseAddress);
        process.OutputDataReceived += (_, e) => app.Record(e.Data);
        process.ErrorDataReceived += (_, e) => app.Record(e.Data);
        if (!process.Start())
        {
            throw new InvalidOperationException($"Could not start {dotnet} {dll}.");
        }

        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        AppDomain.CurrentDomain.ProcessExit += app.OnProcessExit;
        return app;
    }

    private async Task WaitUntilHealthyAsync(CancellationToken cancellationToken)
    {
        using var client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var health = new Uri("health", UriKind.Relative);
        var clock = Stopwatch.StartNew();
        var last = "no answer yet";
        while (clock.Elapsed < TimeSpan.FromSeconds(StartTimeoutSeconds))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The app exited with code {_process.ExitCode.ToString(CultureInfo.InvariantCulture)} before /health answered.{Environment.NewLine}App output, last lines:{Environment.NewLine}{OutputTail}");
            }

            try
            {
                using var response = await client.GetAsync(health, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }

                last = $"HTTP {((int)response.StatusCode).ToString(CultureInfo.InvariantCulture)}";
            }
            catch (HttpRequestException exception)
            {
                last = exception.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                last = "timed out";
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), cancellationToken).ConfigureAwait(false);
        }

        throw new InvalidOperationException(
            $"The app at {BaseAddress} did not answer 200 on /health within {StartTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s (last: {last}).{Environment.NewLine}App output, last lines:{Environment.NewLine}{OutputTail}");
    }

    private void Record(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_outputLock)
        {
            _output.Enqueue(line);
            while (_output.Count > OutputTailLines)
            {
                _output.Dequeue();
            }
        }
    }

    private void OnProcessExit(object? sender, EventArgs e) => Stop();

    /// <summary>Kills the app's process tree and deletes its folder. Idempotent; synchronous because it also runs
    /// from ProcessExit.</summary>
    private void Stop()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(TimeSpan.FromSeconds(10));
            }
        }
        catch (InvalidOperationException)
        {
            // Exited between the check and the kill.
        }
        finally
        {
            _process.Dispose();
        }

        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a leftover temp folder costs disk space only.
        }
        catch (UnauthorizedAccessException)
        {
            // As above.
        }
    }

    public ValueTask DisposeAsync()
    {
        Stop();
        return ValueTask.CompletedTask;
    }

    private static int FreeTcpPort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }
}
