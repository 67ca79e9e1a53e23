using Coordination.Benchmarks.Infrastructure;
using Coordination.Benchmarks.Scenarios;
using Coordination.Web.Tests.Infrastructure;

namespace Coordination.Benchmarks;

/// <summary>
/// <c>dotnet run -c Release --project bench/Coordination.Benchmarks -- [scenario] [--quick] [--out file.md]</c>
/// Scenarios: <c>complete</c> (1), <c>peer</c> (2), <c>scale</c> (3, with 4b), <c>memory</c> (1 + 3 for 4a/4b),
/// <c>hotspots</c>, <c>queues</c> (queue pages and the team workload), <c>profile</c> (only the runtime path, for a profiler), <c>all</c> (the default: everything docs/performance.md reports), and <c>sql</c> (prints the
/// statements of one complete-and-advance). <c>--quick</c> runs small sizes to check the harness, not to quote.
/// PostgreSQL is a throwaway local cluster, or the server in COORDINATION_TEST_POSTGRES.
/// </summary>
internal static class BenchmarkProgram
{
    public static async Task<int> Main(string[] args)
    {
        var scenario = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !a.EndsWith(".md", StringComparison.Ordinal)) ?? "all";
        var quick = args.Contains("--quick");
        var outIndex = Array.IndexOf(args, "--out");
        var outFile = outIndex >= 0 && outIndex + 1 < args.Length ? args[outIndex + 1] : null;

        PostgreSqlServer? server = null;
        async Task<PostgreSqlServer> Postgres() => server ??= await PostgreSqlServer.StartAsync();
        try
        {
            Machine.Write();
            if (quick)
            {
                Output.Note("**--quick: small sizes to check the harness; do not quote these numbers.**");
            }

            switch (scenario)
            {
                case "complete":
                    CompleteAndAdvance.Write(await RunCompleteAsync(Postgres, quick));
                    break;
                case "peer":
                    PeerComparison.Write(await PeerComparison.RunAsync(quick ? 100 : 500));
                    break;
                case "scale":
                    Scale.Write(await RunScaleAsync(Postgres, quick));
                    break;
                case "memory":
                    Memory.Write(await RunCompleteAsync(Postgres, quick), await RunScaleAsync(Postgres, quick));
                    break;
                case "hotspots":
                    await RunHotSpotsAsync(Postgres, quick);
                    break;
                case "all":
                    var steps = await RunCompleteAsync(Postgres, quick);
                    CompleteAndAdvance.Write(steps);
                    PeerComparison.Write(await PeerComparison.RunAsync(quick ? 100 : 500));
                    var scale = await RunScaleAsync(Postgres, quick);
                    Scale.Write(scale);
                    Memory.Write(steps, scale);
                    await RunHotSpotsAsync(Postgres, quick);
                    await RunQueuesAsync(Postgres, quick);
                    break;
                case "queues":
                    await RunQueuesAsync(Postgres, quick);
                    break;
                case "sql":
                    await SqlTrace.RunAsync(Postgres);
                    break;
                case "profile":
                    await Profile.RunAsync(quick ? 2 : 6, 150);
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown scenario '{scenario}'. Use complete, peer, scale, memory, hotspots, queues, all, sql or profile.");
                    return 2;
            }

            Output.Note($"Load average at the end (1/5/15 min): {Machine.LoadAverage()}");
            if (outFile is not null)
            {
                await File.WriteAllTextAsync(outFile, Output.Text);
            }

            return 0;
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task<List<CompleteAndAdvanceResult>> RunCompleteAsync(Func<Task<PostgreSqlServer>> postgres, bool quick)
    {
        var (instances, warmup) = quick ? (30, 30) : (150, 60);
        var results = new List<CompleteAndAdvanceResult>();
        await using (var file = BenchDatabase.SqliteFile())
        {
            results.Add(await CompleteAndAdvance.RunAsync(file, instances, warmup));
        }

        await using (var memory = BenchDatabase.SqliteInMemory())
        {
            results.Add(await CompleteAndAdvance.RunAsync(memory, instances, warmup));
        }

        await using (var pg = await BenchDatabase.PostgreSqlAsync(await postgres()))
        {
            results.Add(await CompleteAndAdvance.RunAsync(pg, instances, warmup));
        }

        return results;
    }

    private static Task<List<ScaleResult>> RunScaleAsync(Func<Task<PostgreSqlServer>> postgres, bool quick) =>
        Scale.RunAsync(postgres, quick ? 50 : 150, includePostgres: true);

    private static async Task RunQueuesAsync(Func<Task<PostgreSqlServer>> postgres, bool quick)
    {
        var (tasks, repetitions) = quick ? (500, 20) : (Queues.OpenTasks, 100);
        var results = new List<QueueResult>();
        await using (var file = BenchDatabase.SqliteFile())
        {
            results.AddRange(await Queues.RunAsync(file, tasks, repetitions));
        }

        await using (var pg = await BenchDatabase.PostgreSqlAsync(await postgres()))
        {
            results.AddRange(await Queues.RunAsync(pg, tasks, repetitions));
        }

        Queues.Write(results);
    }

    private static async Task RunHotSpotsAsync(Func<Task<PostgreSqlServer>> postgres, bool quick)
    {
        await using (var memory = BenchDatabase.SqliteInMemory())
        {
            await HotSpots.RunAsync(memory, quick ? 100 : 500);
        }

        await using (var file = BenchDatabase.SqliteFile())
        {
            await HotSpots.RunAsync(file, quick ? 100 : 500);
        }

        await using (var pg = await BenchDatabase.PostgreSqlAsync(await postgres()))
        {
            await HotSpots.RunAsync(pg, quick ? 100 : 500);
        }
    }
}
