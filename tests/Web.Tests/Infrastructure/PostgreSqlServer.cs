using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Npgsql;

namespace Coordination.Web.Tests.Infrastructure;

/// <summary>
/// A PostgreSQL server for tests. There is no Docker engine on the build machines, so by default this starts a
/// throwaway cluster from the locally installed server binaries (initdb into a temp folder, pg_ctl on a free port)
/// and removes it on dispose. When <see cref="ExistingServerVariable"/> holds a connection string, that server is
/// used instead and only the databases created through this object are dropped again.
/// </summary>
public sealed class PostgreSqlServer : IAsyncDisposable
{
    /// <summary>Environment variable that points the tests at an existing server instead of a throwaway one.</summary>
    public const string ExistingServerVariable = "COORDINATION_TEST_POSTGRES";

    // Fixed rather than Path.GetTempPath(): when we run as root the cluster belongs to another OS user, who must be
    // able to traverse every parent folder, and /tmp is world-traversable where $TMPDIR may not be.
    private const string ClustersRoot = "/tmp/coordination-postgres";
    private const string PostgreSqlInstallRoot = "/usr/lib/postgresql";
    private const string PreferredMajorVersion = "15";
    private const int ReadinessTimeoutSeconds = 30;
    private const int StopTimeoutSeconds = 20;

    private readonly NpgsqlDataSource _maintenance;
    private readonly LocalCluster? _cluster;
    private readonly List<string> _createdDatabases = [];
    private readonly Lock _createdDatabasesLock = new();
    private int _disposed;

    private PostgreSqlServer(string connectionString, LocalCluster? cluster)
    {
        ConnectionString = connectionString;
        _cluster = cluster;
        _maintenance = NpgsqlDataSource.Create(connectionString);
    }

    /// <summary>Connection string to the <c>postgres</c> maintenance database as superuser <c>postgres</c>.</summary>
    public string ConnectionString { get; }

    /// <summary>
    /// Uses the server named by <see cref="ExistingServerVariable"/>, or else starts a throwaway cluster and waits
    /// until it accepts connections.
    /// </summary>
    /// <exception cref="InvalidOperationException">No server binaries are installed, or the cluster did not start;
    /// the message says why (including the tail of the server log).</exception>
    public static async Task<PostgreSqlServer> StartAsync(CancellationToken cancellationToken = default)
    {
        var existing = Environment.GetEnvironmentVariable(ExistingServerVariable);
        if (!string.IsNullOrWhiteSpace(existing))
        {
            var server = new PostgreSqlServer(new NpgsqlConnectionStringBuilder(existing).ConnectionString, cluster: null);
            await server.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }

        var cluster = await LocalCluster.StartAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var server = new PostgreSqlServer(cluster.ConnectionString, cluster);
            await server.WaitUntilReadyAsync(cancellationToken).ConfigureAwait(false);
            return server;
        }
        catch
        {
            cluster.Stop();
            throw;
        }
    }

    /// <summary>The connection string for <paramref name="database"/> on this server.</summary>
    /// <remarks>Every test database gets its own connection pool, and a finished test's idle connections would stay
    /// open for Npgsql's default five minutes; with hundreds of tests that exhausts the server's connections ("too many
    /// clients"). Idle connections are closed after a few seconds instead.</remarks>
    public string ConnectionStringFor(string database) =>
        new NpgsqlConnectionStringBuilder(ConnectionString) { Database = database, ConnectionIdleLifetime = 5, ConnectionPruningInterval = 1 }.ConnectionString;

    /// <summary>
    /// Creates a new, empty database whose name starts with <paramref name="prefix"/> (lower-cased, other characters
    /// than letters, digits and underscores replaced) and ends in a unique suffix.
    /// </summary>
    /// <returns>The connection string for the new database.</returns>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);

        var name = UniqueDatabaseName(prefix);
        // CREATE DATABASE takes no parameters; the name is built from [a-z0-9_] only and quoted as well.
        await using (var command = _maintenance.CreateCommand($"CREATE DATABASE \"{name}\""))
        {
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        lock (_createdDatabasesLock)
        {
            _createdDatabases.Add(name);
        }

        return ConnectionStringFor(name);
    }

    /// <summary>
    /// Stops and removes a throwaway cluster; on an existing server, drops the databases this object created.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        try
        {
            // A throwaway cluster is deleted as a whole; only a shared server needs its databases dropped.
            if (_cluster is null)
            {
                await DropCreatedDatabasesAsync().ConfigureAwait(false);
            }
        }
        finally
        {
            await _maintenance.DisposeAsync().ConfigureAwait(false);
            // Connections the tests pooled point at a server that is about to go away.
            NpgsqlConnection.ClearAllPools();
            _cluster?.Stop();
        }
    }

    private static string UniqueDatabaseName(string prefix)
    {
        var cleaned = new StringBuilder(prefix.Length);
        foreach (var c in prefix.ToLowerInvariant())
        {
            cleaned.Append(char.IsAsciiLetterOrDigit(c) ? c : '_');
        }

        // PostgreSQL truncates identifiers at 63 bytes; keep the unique suffix intact.
        var head = cleaned.Length > 40 ? cleaned.ToString(0, 40) : cleaned.ToString();
        if (head.Length == 0 || char.IsAsciiDigit(head[0]))
        {
            head = "db_" + head;
        }

        // 16 hex digits (64 random bits) keep names unique and well under the limit.
        return $"{head}_{Guid.NewGuid():N}"[..(head.Length + 17)];
    }

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        // pg_ctl -w already waits for the postmaster, but an existing server (or a slow machine) may still be
        // starting up or recovering, so connect for real before handing the server to tests.
        var probe = new NpgsqlConnectionStringBuilder(ConnectionString) { Pooling = false, Timeout = 5 }.ConnectionString;
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            try
            {
                await using var connection = new NpgsqlConnection(probe);
                await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
                await using var command = new NpgsqlCommand("SELECT 1", connection);
                await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
                return;
            }
            catch (NpgsqlException) when (deadline.Elapsed < TimeSpan.FromSeconds(ReadinessTimeoutSeconds))
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken).ConfigureAwait(false);
            }
            catch (NpgsqlException exception)
            {
                throw new InvalidOperationException(
                    $"PostgreSQL at {Describe(ConnectionString)} did not accept connections within {ReadinessTimeoutSeconds.ToString(CultureInfo.InvariantCulture)} s: " +
                    $"{exception.Message}{_cluster?.LogTailForMessage()}",
                    exception);
            }
        }
    }

    private async Task DropCreatedDatabasesAsync()
    {
        string[] names;
        lock (_createdDatabasesLock)
        {
            names = [.. _createdDatabases];
        }

        foreach (var name in names)
        {
            // FORCE ends sessions a test left open (pooled connections), which would otherwise block the drop. The
            // name came from UniqueDatabaseName, so it needs no escaping.
            await using var command = _maintenance.CreateCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            await command.ExecuteNonQueryAsync().ConfigureAwait(false);
        }
    }

    private static string Describe(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{builder.Host}:{builder.Port.ToString(CultureInfo.InvariantCulture)}";
    }

    /// <summary>A cluster in a temp folder, run by pg_ctl, as another OS user when we are root.</summary>
    private sealed class LocalCluster
    {
        private readonly string _binDirectory;
        private readonly string? _runAs;
        private readonly string _folder;
        private int _stopped;

        private LocalCluster(string binDirectory, string? runAs, string folder, int port)
        {
            _binDirectory = binDirectory;
            _runAs = runAs;
            _folder = folder;
            Port = port;
        }

        public int Port { get; private set; }

        public string ConnectionString => new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = Port,
            Username = "postgres",
            Database = "postgres",
        }.ConnectionString;

        private string DataDirectory => Path.Combine(_folder, "data");

        private string LogFile => Path.Combine(_folder, "server.log");

        public static async Task<LocalCluster> StartAsync(CancellationToken cancellationToken)
        {
            var binDirectory = FindBinDirectory();
            var runAs = await ChooseOsUserAsync(cancellationToken).ConfigureAwait(false);

            PrepareClustersRoot();
            SweepAbandonedClusters(binDirectory, runAs);

            // The owning process id is in the name so a later run can tell an abandoned cluster from a live one.
            var folder = Path.Combine(ClustersRoot, $"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}-{Guid.NewGuid():N}");
            Directory.CreateDirectory(folder);
            var cluster = new LocalCluster(binDirectory, runAs, folder, port: 0);
            AppDomain.CurrentDomain.ProcessExit += cluster.OnProcessExit;
            try
            {
                await cluster.InitAsync(cancellationToken).ConfigureAwait(false);
                await cluster.StartServerAsync(cancellationToken).ConfigureAwait(false);
                return cluster;
            }
            catch
            {
                cluster.Stop();
                throw;
            }
        }

        /// <summary>Stops the server (immediately: its data is thrown away) and deletes the folder. Idempotent.</summary>
        public void Stop()
        {
            if (Interlocked.Exchange(ref _stopped, 1) != 0)
            {
                return;
            }

            AppDomain.CurrentDomain.ProcessExit -= OnProcessExit;
            StopAndDelete(_binDirectory, _runAs, _folder);
        }

        public string LogTailForMessage()
        {
            try
            {
                if (!File.Exists(LogFile))
                {
                    return $"{Environment.NewLine}(no server log at {LogFile})";
                }

                var tail = File.ReadLines(LogFile).TakeLast(30);
                return $"{Environment.NewLine}Server log ({LogFile}), last lines:{Environment.NewLine}{string.Join(Environment.NewLine, tail)}";
            }
            catch (IOException exception)
            {
                return $"{Environment.NewLine}(could not read {LogFile}: {exception.Message})";
            }
            catch (UnauthorizedAccessException exception)
            {
                return $"{Environment.NewLine}(could not read {LogFile}: {exception.Message})";
            }
        }

        private void OnProcessExit(object? sender, EventArgs e) => Stop();

        private async Task InitAsync(CancellationToken cancellationToken)
        {
            if (_runAs is not null)
            {
                // initdb creates the data folder and pg_ctl the log beside it, both as _runAs.
                var chown = await RunProcessAsync("chown", ["-R", _runAs, _folder], "/", cancellationToken).ConfigureAwait(false);
                chown.ThrowIfFailed($"chown -R {_runAs} {_folder}");
            }

            var initdb = await RunAsServerUserAsync(
                "initdb",
                [
                    "-D", DataDirectory, "-U", "postgres", "--auth=trust", "--encoding=UTF8", "--locale=C",
                    // The cluster lives for one test run; flushing it to disk only costs time.
                    "--no-sync",
                ],
                cancellationToken).ConfigureAwait(false);
            initdb.ThrowIfFailed($"initdb (as {_runAs ?? Environment.UserName})");
        }

        private async Task StartServerAsync(CancellationToken cancellationToken)
        {
            // The port is free when we look but could be taken before the server binds it, so try a few.
            const int attempts = 3;
            for (var attempt = 1; ; attempt++)
            {
                Port = FreeTcpPort();
                var options = string.Join(' ',
                    "-p", Port.ToString(CultureInfo.InvariantCulture),
                    "-k", _folder,
                    "-c", "listen_addresses=127.0.0.1",
                    // Durability is pointless for a throwaway cluster and slows every test down.
                    "-c", "fsync=off",
                    "-c", "synchronous_commit=off",
                    "-c", "full_page_writes=off",
                    // Each test class has its own database and so its own connection pool.
                    "-c", "max_connections=300");
                var result = await RunAsServerUserAsync(
                    "pg_ctl",
                    ["start", "-w", "-t", "60", "-D", DataDirectory, "-l", LogFile, "-o", options],
                    cancellationToken).ConfigureAwait(false);
                if (result.ExitCode == 0)
                {
                    return;
                }

                var log = LogTailForMessage();
                if (attempt < attempts && log.Contains("could not bind", StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                throw new InvalidOperationException(
                    $"pg_ctl start failed with exit code {result.ExitCode.ToString(CultureInfo.InvariantCulture)} " +
                    $"(cluster {_folder}, port {Port.ToString(CultureInfo.InvariantCulture)}):{Environment.NewLine}{result.Output}{log}");
            }
        }

        private Task<ProcessResult> RunAsServerUserAsync(string tool, string[] arguments, CancellationToken cancellationToken)
        {
            var (file, fullArguments) = AsUser(_runAs, Path.Combine(_binDirectory, tool), arguments);
            return RunProcessAsync(file, fullArguments, _folder, cancellationToken);
        }

        /// <summary>The command line that runs <paramref name="tool"/> as <paramref name="user"/> (null: as us).</summary>
        private static (string File, string[] Arguments) AsUser(string? user, string tool, string[] arguments) =>
            user is null ? (tool, arguments) : ("runuser", ["-u", user, "--", tool, .. arguments]);

        private static string FindBinDirectory()
        {
            var preferred = Path.Combine(PostgreSqlInstallRoot, PreferredMajorVersion, "bin");
            if (File.Exists(Path.Combine(preferred, "pg_ctl")))
            {
                return preferred;
            }

            var newest = Directory.Exists(PostgreSqlInstallRoot)
                ? Directory.GetDirectories(PostgreSqlInstallRoot)
                    .Select(path => (Path: path, Version: int.TryParse(Path.GetFileName(path), NumberStyles.None, CultureInfo.InvariantCulture, out var major) ? major : -1))
                    .Where(candidate => candidate.Version > 0 && File.Exists(Path.Combine(candidate.Path, "bin", "pg_ctl")))
                    .OrderByDescending(candidate => candidate.Version)
                    .Select(candidate => Path.Combine(candidate.Path, "bin"))
                    .FirstOrDefault()
                : null;

            return newest ?? throw new InvalidOperationException(
                $"No PostgreSQL server binaries found under {PostgreSqlInstallRoot}/<version>/bin. " +
                "Install them with `apt-get install -y postgresql`, " +
                $"or set {ExistingServerVariable} to the connection string of an existing server.");
        }

        /// <summary>The OS user to run the server as, or null for the current user.</summary>
        private static async Task<string?> ChooseOsUserAsync(CancellationToken cancellationToken)
        {
            if (!await IsRootAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            // initdb and postgres refuse to run as root.
            var postgres = await RunProcessAsync("id", ["-u", "postgres"], "/", cancellationToken).ConfigureAwait(false);
            return postgres.ExitCode == 0 ? "postgres" : "nobody";
        }

        private static async Task<bool> IsRootAsync(CancellationToken cancellationToken)
        {
            if (Environment.UserName == "root")
            {
                return true;
            }

            // A uid without a passwd entry has no user name; ask for the effective uid itself.
            var id = await RunProcessAsync("id", ["-u"], "/", cancellationToken).ConfigureAwait(false);
            return id.ExitCode == 0 && id.Output.Trim() == "0";
        }

        private static void PrepareClustersRoot()
        {
            Directory.CreateDirectory(ClustersRoot);
            if (OperatingSystem.IsWindows())
            {
                return;
            }

            try
            {
                // World-writable with the sticky bit, like /tmp: the server user must reach its folder, and runs as
                // different users must be able to share the root.
                File.SetUnixFileMode(ClustersRoot,
                    UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
                    UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
                    UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute |
                    UnixFileMode.StickyBit);
            }
            catch (UnauthorizedAccessException)
            {
                // Created by another user, who has already set the mode.
            }
        }

        /// <summary>
        /// Stops and removes clusters whose test process is gone: ProcessExit does not run when a test host is
        /// killed or crashes, and such a server would otherwise run until the machine stops.
        /// </summary>
        private static void SweepAbandonedClusters(string binDirectory, string? runAs)
        {
            foreach (var folder in Directory.GetDirectories(ClustersRoot))
            {
                var name = Path.GetFileName(folder);
                var dash = name.IndexOf('-', StringComparison.Ordinal);
                if (dash <= 0 || !int.TryParse(name.AsSpan(0, dash), NumberStyles.None, CultureInfo.InvariantCulture, out var ownerId))
                {
                    continue;
                }

                if (ownerId == Environment.ProcessId || IsRunning(ownerId))
                {
                    continue;
                }

                StopAndDelete(binDirectory, runAs, folder);
            }
        }

        private static bool IsRunning(int processId)
        {
            try
            {
                using var process = Process.GetProcessById(processId);
                return !process.HasExited;
            }
            catch (ArgumentException)
            {
                return false;
            }
            catch (InvalidOperationException)
            {
                return false;
            }
        }

        private static void StopAndDelete(string binDirectory, string? runAs, string folder)
        {
            var dataDirectory = Path.Combine(folder, "data");
            if (File.Exists(Path.Combine(dataDirectory, "postmaster.pid")))
            {
                // Synchronous on purpose: this also runs from ProcessExit, where nothing can be awaited.
                var (file, arguments) = AsUser(runAs, Path.Combine(binDirectory, "pg_ctl"), ["stop", "-m", "immediate", "-w", "-D", dataDirectory]);
                RunProcess(file, arguments, TimeSpan.FromSeconds(StopTimeoutSeconds));
            }

            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a leftover folder costs disk space, not a running server.
            }
            catch (UnauthorizedAccessException)
            {
                // Best effort, as above (a folder of another user's run).
            }
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

        private static ProcessStartInfo StartInfo(string file, string[] arguments, string workingDirectory)
        {
            var startInfo = new ProcessStartInfo(file)
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                // The server user may not be able to enter the test's current folder (e.g. /root).
                WorkingDirectory = workingDirectory,
            };
            foreach (var argument in arguments)
            {
                startInfo.ArgumentList.Add(argument);
            }

            // PGPORT, PGDATA and friends from the developer's shell must not steer the throwaway cluster.
            foreach (var variable in startInfo.Environment.Keys.Where(key => key.StartsWith("PG", StringComparison.Ordinal)).ToList())
            {
                startInfo.Environment.Remove(variable);
            }

            return startInfo;
        }

        private static async Task<ProcessResult> RunProcessAsync(string file, string[] arguments, string workingDirectory, CancellationToken cancellationToken)
        {
            using var process = Process.Start(StartInfo(file, arguments, workingDirectory))
                ?? throw new InvalidOperationException($"Could not start {file}.");
            process.StandardInput.Close();
            var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
            var error = process.StandardError.ReadToEndAsync(cancellationToken);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return new ProcessResult(process.ExitCode, (await output.ConfigureAwait(false)) + (await error.ConfigureAwait(false)));
        }

        private static void RunProcess(string file, string[] arguments, TimeSpan timeout)
        {
            try
            {
                using var process = Process.Start(StartInfo(file, arguments, "/"));
                if (process is null)
                {
                    return;
                }

                process.StandardInput.Close();
                // Drain the pipes asynchronously so a chatty child cannot block on a full pipe.
                process.OutputDataReceived += (_, _) => { };
                process.ErrorDataReceived += (_, _) => { };
                process.BeginOutputReadLine();
                process.BeginErrorReadLine();
                if (!process.WaitForExit(timeout))
                {
                    process.Kill(entireProcessTree: true);
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // The tool is gone (uninstalled mid-run?): nothing left to stop with.
            }
        }

        private readonly record struct ProcessResult(int ExitCode, string Output)
        {
            public void ThrowIfFailed(string what)
            {
                if (ExitCode != 0)
                {
                    throw new InvalidOperationException(
                        $"{what} failed with exit code {ExitCode.ToString(CultureInfo.InvariantCulture)}:{Environment.NewLine}{Output}");
                }
            }
        }
    }
}
