using Coordination.Benchmarks.Infrastructure;
using Coordination.Benchmarks.Scenarios;
using Coordination.Web.Tests.Infrastructure;

namespace Coordination.Benchmarks;

/// <summary>
/// dotnet run -c Release --project bench/Coordination.Benchmarks -- &lt;scenario&gt; [--quick]
/// Scenarios: complete, peer, scale, memory, hotspots, all (the four that docs/performance.md reports, plus hot spots), sql.
/// </summary>
internal static class BenchmarkProgram
{
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

    public static async Task<int> Main(string[] args)
    {
        var scenario = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal)) ?? "all";
        var quick = args.Contains("--quick");
        PostgreSqlServer? server = null;
        async Task<PostgreSqlServer> Postgres() => server ??= await PostgreSqlServer.StartAsync();
        try
        {
            switch (scenario)
            {
                case "complete":
                    CompleteAndAdvance.Write(await RunCompleteAsync(Postgres, quick));
                    break;
                case "hotspots":
                    await using (var memory = BenchDatabase.SqliteInMemory())
                    {
                        await HotSpots.RunAsync(memory, quick ? 100 : 500);
                    }

                    break;
                case "peer":
                    PeerComparison.Write(await PeerComparison.RunAsync(quick ? 100 : 500));
                    break;
                case "scale":
                    Scale.Write(await Scale.RunAsync(Postgres, quick ? 50 : 200, includePostgres: !quick));
                    break;
                case "sql":
                    await SqlTrace.RunAsync(Postgres);
                    break;
                default:
                    await Console.Error.WriteLineAsync($"Unknown scenario '{scenario}'.");
                    return 2;
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
}
