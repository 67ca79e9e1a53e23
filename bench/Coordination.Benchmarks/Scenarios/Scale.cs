using System.Diagnostics;
using Coordination.Benchmarks.Infrastructure;
using Coordination.Benchmarks.Peer;
using Coordination.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Benchmarks.Scenarios;

/// <summary>Completion rate with a number of instances waiting, and what each waiting instance costs.</summary>
internal sealed record ScaleResult(string Engine, string Storage, int Waiting, Rounds Rounds)
{
    /// <summary>Managed heap growth (after a full GC) from starting the waiting instances, per instance.</summary>
    public double HeapBytesPerInstance { get; init; }

    /// <summary>Average size of an instance's state JSON in the database (Coordination only).</summary>
    public double? StateJsonBytes { get; init; }

    /// <summary>The database's size once the instances wait (Coordination only).</summary>
    public long? DatabaseBytes { get; init; }
}

/// <summary>
/// Scenario 3 (and the memory of scenario 4): with 500 and with 5,000 instances waiting at a task, complete the task
/// of randomly chosen waiting instances so each creates its next task. Every round picks distinct instances; the first
/// round on each database is a warm-up of its caches and is not counted.
/// </summary>
internal static class Scale
{
    private const int MeasuredRounds = 5;

    public static int[] Sizes { get; } = [500, 5_000];

    public static async Task<List<ScaleResult>> RunAsync(Func<Task<PostgreSqlServer>> postgres, int perRound, bool includePostgres)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        var results = new List<ScaleResult>();
        results.AddRange(await CoordinationAsync(() => Task.FromResult(BenchDatabase.SqliteFile()), perRound));
        if (includePostgres)
        {
            var server = await postgres();
            results.AddRange(await CoordinationAsync(() => BenchDatabase.PostgreSqlAsync(server), perRound));
        }

        results.AddRange(await WorkflowCoreAsync(perRound));
        return results;
    }

    public static void Write(IReadOnlyList<ScaleResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        Output.Heading("3. Completion rate with 500 and with 5,000 instances waiting (complete a random waiting instance's task → next task)");
        Output.Table(
            ["engine", "storage", "waiting", "completions/s: median round (slowest–fastest)", "ms/op (median round)", "allocated/op", "5,000 ÷ 500 (medians)"],
            results.Select(r =>
            {
                var small = results.First(s => s.Engine == r.Engine && s.Storage == r.Storage);
                return (IReadOnlyList<string>)
                [
                    r.Engine, r.Storage, Output.Number(r.Waiting),
                    $"{Output.Number(r.Rounds.MedianPerSecond)} ({Output.Number(r.Rounds.SlowestPerSecond)}–{Output.Number(r.Rounds.FastestPerSecond)})",
                    Output.Number(1000 / r.Rounds.MedianPerSecond, 2), Output.Bytes(r.Rounds.MedianBytesPerOperation),
                    r == small ? string.Empty : $"**{Output.Number(r.Rounds.MedianPerSecond / small.Rounds.MedianPerSecond, 2)}**",
                ];
            }));
    }

    private static async Task<List<ScaleResult>> CoordinationAsync(Func<Task<BenchDatabase>> create, int perRound)
    {
        // The JIT settles on a database of its own, so the measured ones hold exactly the waiting instances.
        await using (var warm = await create())
        {
            await using var app = await CoordinationApp.StartAsync(warm);
            var cases = await app.SeedCasesAsync(20);
            await Warmup.UntilSteadyAsync($"scale: {warm.Label}", async () =>
            {
                var set = await app.StartManyAsync(Definitions.Chain, cases, 50);
                var claimed = await app.ClaimOpenTasksAsync(set);
                return await Sample.MeasureAsync(claimed, t => app.CompleteAsync(t.ItemId));
            });
        }

        // Both sizes live side by side and take turns, round by round, so whatever else the machine does in the
        // meantime weighs on both alike.
        var databases = new List<BenchDatabase>();
        var apps = new List<CoordinationApp>();
        try
        {
            var sides = new List<Side>();
            foreach (var size in Sizes)
            {
                var database = await create();
                databases.Add(database);
                var app = await CoordinationApp.StartAsync(database);
                apps.Add(app);
                var cases = await app.SeedCasesAsync(20);
                Output.Progress($"scale: {database.Label}, starting {size} instances");
                var heapBefore = Heap();
                var instances = await app.StartManyAsync(Definitions.Chain, cases, size);
                var heapAfter = Heap();
                double stateJson;
                await using (var db = app.Db())
                {
                    stateJson = await db.WorkflowInstances.AverageAsync(i => (double)i.StateJson.Length);
                }

                await database.SettleAsync();
                sides.Add(new Side(app, instances.ToDictionary(i => i, _ => Definitions.ChainLength - 1), new ScaleResult("Coordination", database.Label, size, new Rounds())
                {
                    HeapBytesPerInstance = (double)(heapAfter - heapBefore) / size,
                    StateJsonBytes = stateJson,
                    DatabaseBytes = await database.SizeInBytesAsync(),
                }));
            }

            var random = new Random(42);
            for (var round = 0; round <= MeasuredRounds; round++)
            {
                for (var turn = 0; turn < sides.Count; turn++)
                {
                    var side = sides[(round + turn) % sides.Count];
                    var picked = side.Left.Where(p => p.Value > 0).Select(p => p.Key).OrderBy(_ => random.Next()).Take(perRound).ToList();
                    var claimed = await side.App.ClaimOpenTasksAsync(picked);
                    GC.Collect();
                    var sample = await Sample.MeasureAsync(claimed, t => side.App.CompleteAsync(t.ItemId));
                    picked.ForEach(i => side.Left[i]--);
                    if (round > 0)
                    {
                        side.Result.Rounds.Add(sample);
                    }
                }
            }

            return [.. sides.Select(s => s.Result)];
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }

            foreach (var database in databases)
            {
                await database.DisposeAsync();
            }
        }
    }

    private static async Task<List<ScaleResult>> WorkflowCoreAsync(int perRound)
    {
        await using (var warm = WorkflowCoreHarness.Start(Definitions.ChainLength, announceWaiting: false))
        {
            await Warmup.UntilSteadyAsync("scale: WorkflowCore", async () =>
            {
                var keys = await StartAllAsync(warm, 100);
                return await AdvanceAsync(warm, keys);
            }, maxRounds: 15);
        }

        // One WorkflowCore host at a time: its background pollers scan every instance it holds, so a second host
        // alive next to the measured one would slow it down.
        var results = new List<ScaleResult>();
        foreach (var size in Sizes)
        {
            Output.Progress($"scale: WorkflowCore, starting {size} instances");
            var heapBefore = Heap();
            await using var harness = WorkflowCoreHarness.Start(Definitions.ChainLength, announceWaiting: false);
            var keys = await StartAllAsync(harness, size);
            var heapAfter = Heap();
            var result = new ScaleResult("WorkflowCore 3.22.0", "in memory (its default)", size, new Rounds())
            {
                HeapBytesPerInstance = (double)(heapAfter - heapBefore) / size,
            };
            var random = new Random(42);
            for (var round = 0; round <= MeasuredRounds; round++)
            {
                var picked = keys.Where(k => harness.WaitingAt[k] < Definitions.ChainLength).OrderBy(_ => random.Next()).Take(perRound).ToList();
                GC.Collect();
                var sample = await AdvanceAsync(harness, picked);
                if (round > 0)
                {
                    result.Rounds.Add(sample);
                }
            }

            results.Add(result);
        }

        return results;
    }

    private static async Task<List<string>> StartAllAsync(WorkflowCoreHarness harness, int count)
    {
        var keys = Enumerable.Range(0, count).Select(_ => Guid.NewGuid().ToString("N")).ToList();
        foreach (var key in keys)
        {
            await harness.StartAsync(key);
        }

        await WorkflowCoreHarness.WaitUntilAsync(() => keys.All(k => harness.WaitingAt.TryGetValue(k, out var task) && task == 1), TimeSpan.FromMinutes(5), $"reach the first task in {count} instances");
        return keys;
    }

    // Completes the current task of each instance (PublishEvent) and waits until each waits at its next task.
    private static async Task<Sample> AdvanceAsync(WorkflowCoreHarness harness, List<string> keys)
    {
        var expected = keys.ToDictionary(k => k, k => harness.WaitingAt[k] + 1);
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        foreach (var key in keys)
        {
            await harness.CompleteAsync(key, expected[key] - 1);
        }

        await WorkflowCoreHarness.WaitUntilAsync(() => expected.All(e => harness.WaitingAt[e.Key] >= e.Value), TimeSpan.FromMinutes(5), $"advance {keys.Count} instances");
        clock.Stop();
        return new Sample(keys.Count, clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    private sealed record Side(CoordinationApp App, Dictionary<Guid, int> Left, ScaleResult Result);
}
