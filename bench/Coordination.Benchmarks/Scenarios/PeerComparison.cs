using System.Diagnostics;
using Coordination.Benchmarks.Infrastructure;
using Coordination.Benchmarks.Peer;

namespace Coordination.Benchmarks.Scenarios;

/// <summary>One engine's result: workflows run to the end per second over the repetitions, and bytes allocated.</summary>
internal sealed record PeerResult(string Engine, string Storage, string Driving, Rounds Rounds);

/// <summary>
/// Scenario 2: the same three-human-task workflow run to the end in WorkflowCore 3.22.0 (in-memory persistence,
/// tasks as WaitFor events completed with PublishEvent) and in Coordination's runtime (SQLite in-memory and a SQLite
/// file), side by side in one run: all three are set up and warmed up, then take turns, three repetitions each.
/// </summary>
internal static class PeerComparison
{
    private const int Repetitions = 3;

    public static async Task<List<PeerResult>> RunAsync(int workflows)
    {
        await using var harness = WorkflowCoreHarness.Start(tasks: 3);
        _ = CompleteAsTheyAppearAsync(harness); // ends when the harness completes its channel on dispose
        await using var memory = BenchDatabase.SqliteInMemory();
        await using var file = BenchDatabase.SqliteFile();
        await using var memoryApp = await CoordinationApp.StartAsync(memory);
        await using var fileApp = await CoordinationApp.StartAsync(file);
        var memoryCases = await memoryApp.SeedCasesAsync(20);
        var fileCases = await fileApp.SeedCasesAsync(20);

        await Warmup.UntilSteadyAsync("peer: WorkflowCore", () => RunWorkflowCoreAsync(harness, 100), minRounds: 4, maxRounds: 15);
        await Warmup.UntilSteadyAsync($"peer: Coordination on {memory.Label}", () => RunCoordinationAsync(memoryApp, memoryCases, 50), minRounds: 4, maxRounds: 30);
        await Warmup.UntilSteadyAsync($"peer: Coordination on {file.Label}", () => RunCoordinationAsync(fileApp, fileCases, 50), minRounds: 4, maxRounds: 30);

        var results = new List<PeerResult>
        {
            new("WorkflowCore 3.22.0", "in memory (its default)", "start all; each task completed (PublishEvent) as soon as it appears; its own 2 workers", new Rounds()),
            new("Coordination", memory.Label, "start all, then each task of every instance, one call at a time (claims not timed)", new Rounds()),
            new("Coordination", file.Label, "as above", new Rounds()),
        };
        Func<Task<Sample>>[] runs =
        [
            () => RunWorkflowCoreAsync(harness, workflows),
            () => RunCoordinationAsync(memoryApp, memoryCases, workflows),
            () => RunCoordinationAsync(fileApp, fileCases, workflows),
        ];
        for (var repetition = 0; repetition < Repetitions; repetition++)
        {
            for (var turn = 0; turn < runs.Length; turn++)
            {
                var which = (repetition + turn) % runs.Length;
                Output.Progress($"peer: {results[which].Engine} on {results[which].Storage}, {workflows} workflows (repetition {repetition + 1})");
                results[which].Rounds.Add(await runs[which]());
            }
        }

        return results;
    }

    public static void Write(IReadOnlyList<PeerResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var peer = results[0];
        Output.Heading("2. Three human tasks run to the end: WorkflowCore 3.22.0 vs Coordination");
        Output.Table(
            ["engine", "storage", "how it is driven", "workflows", "workflows/s (slowest–fastest repetition)", "ms/workflow", "allocated/workflow", "÷ WorkflowCore"],
            results.Select(r => (IReadOnlyList<string>)
            [
                r.Engine, r.Storage, r.Driving, Output.Number(r.Rounds.Total.Operations),
                $"{Output.Number(r.Rounds.PerSecond)} ({Output.Number(r.Rounds.SlowestPerSecond)}–{Output.Number(r.Rounds.FastestPerSecond)})",
                Output.Number(r.Rounds.Total.MillisecondsPerOperation, 2), Output.Bytes(r.Rounds.MedianBytesPerOperation),
                r == peer ? "1.00" : $"**{Output.Number(r.Rounds.PerSecond / peer.Rounds.PerSecond, 2)}**",
            ]));
    }

    // The person at the keyboard: completes every task as soon as the instance waits at it.
    private static async Task CompleteAsTheyAppearAsync(WorkflowCoreHarness harness)
    {
        await foreach (var (key, task) in harness.Waiting.ReadAllAsync())
        {
            await harness.CompleteAsync(key, task);
        }
    }

    private static async Task<Sample> RunWorkflowCoreAsync(WorkflowCoreHarness harness, int workflows)
    {
        var target = harness.Completed + workflows;
        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < workflows; i++)
        {
            await harness.StartAsync(Guid.NewGuid().ToString("N"));
        }

        await WorkflowCoreHarness.WaitUntilAsync(() => harness.Completed >= target, TimeSpan.FromMinutes(3), $"finish {workflows} workflows");
        clock.Stop();
        return new Sample(workflows, clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    // Start every workflow, then three waves: the worker claims every open task (not timed: WorkflowCore has no
    // claim), then completes them one after the other; the last wave ends the workflows.
    private static async Task<Sample> RunCoordinationAsync(CoordinationApp app, IReadOnlyList<Guid> cases, int workflows)
    {
        List<Guid> instances = [];
        GC.Collect();
        var total = await Sample.MeasureAsync(workflows, async () => instances = await app.StartManyAsync(Definitions.ThreeTasks, cases, workflows));
        for (var wave = 0; wave < 3; wave++)
        {
            var claimed = await app.ClaimOpenTasksAsync(instances);
            total = total.Plus(await Sample.MeasureAsync(claimed, t => app.CompleteAsync(t.ItemId)) with { Operations = 0 });
        }

        return total;
    }
}
