using System.Diagnostics;
using Coordination.Benchmarks.Infrastructure;
using Coordination.Benchmarks.Peer;

namespace Coordination.Benchmarks.Scenarios;

/// <summary>One engine's result: workflows run to the end per second, and bytes allocated per workflow.</summary>
internal sealed record PeerResult(string Engine, string Storage, string Driving, int Workflows, TimeSpan Elapsed, long AllocatedBytes)
{
    public double PerSecond => Workflows / Elapsed.TotalSeconds;
}

/// <summary>
/// Scenario 2: the same three-human-task workflow run to the end in WorkflowCore 3.22.0 (in-memory persistence,
/// tasks as WaitFor events completed with PublishEvent) and in Coordination's runtime (SQLite in-memory and a SQLite
/// file), side by side in one run.
/// </summary>
internal static class PeerComparison
{
    public static async Task<List<PeerResult>> RunAsync(int workflows)
    {
        var results = new List<PeerResult>();
        Output.Progress($"peer: WorkflowCore, {workflows} workflows");
        results.Add(await WorkflowCoreAsync(workflows));

        await using (var memory = BenchDatabase.SqliteInMemory())
        {
            Output.Progress($"peer: Coordination on {memory.Label}, {workflows} workflows");
            results.Add(await CoordinationAsync(memory, workflows));
        }

        await using (var file = BenchDatabase.SqliteFile())
        {
            Output.Progress($"peer: Coordination on {file.Label}, {workflows} workflows");
            results.Add(await CoordinationAsync(file, workflows));
        }

        return results;
    }

    public static void Write(IReadOnlyList<PeerResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        var peer = results[0];
        Output.Heading("2. Three human tasks run to the end: WorkflowCore 3.22.0 vs Coordination");
        Output.Table(
            ["engine", "storage", "how it is driven", "workflows", "workflows/s", "ms/workflow", "allocated/workflow", "÷ WorkflowCore"],
            results.Select(r => (IReadOnlyList<string>)
            [
                r.Engine, r.Storage, r.Driving, Output.Number(r.Workflows), Output.Number(r.PerSecond), Output.Number(r.Elapsed.TotalMilliseconds / r.Workflows, 2),
                Output.Bytes((double)r.AllocatedBytes / r.Workflows), r == peer ? "1.00" : $"**{Output.Number(r.PerSecond / peer.PerSecond, 2)}**",
            ]));
    }

    private static async Task<PeerResult> WorkflowCoreAsync(int workflows)
    {
        await using var harness = WorkflowCoreHarness.Start(tasks: 3);
        var completer = CompleteAsTheyAppearAsync(harness);
        await Warmup.UntilSteadyAsync("peer: WorkflowCore", async () =>
        {
            var (elapsed, allocated) = await RunWorkflowCoreAsync(harness, 100);
            return new Sample(100, elapsed, allocated);
        }, minRounds: 4, maxRounds: 15);
        var (elapsed, allocated) = await RunWorkflowCoreAsync(harness, workflows);
        return new PeerResult("WorkflowCore 3.22.0", "in memory (its default)", "start all; each task completed (PublishEvent) as soon as it appears; its own workers", workflows, elapsed, allocated);
    }

    // The person at the keyboard: completes every task as soon as the instance waits at it.
    private static async Task CompleteAsTheyAppearAsync(WorkflowCoreHarness harness)
    {
        await foreach (var (key, task) in harness.Waiting.ReadAllAsync())
        {
            await harness.CompleteAsync(key, task);
        }
    }

    private static async Task<(TimeSpan Elapsed, long Allocated)> RunWorkflowCoreAsync(WorkflowCoreHarness harness, int workflows)
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
        return (clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }

    private static async Task<PeerResult> CoordinationAsync(BenchDatabase database, int workflows)
    {
        await using var app = await CoordinationApp.StartAsync(database);
        var cases = await app.SeedCasesAsync(20);
        await Warmup.UntilSteadyAsync($"peer: Coordination on {database.Label}", () => RunCoordinationAsync(app, cases, 50), minRounds: 4, maxRounds: 30);
        var sample = await RunCoordinationAsync(app, cases, workflows);
        return new PeerResult("Coordination", database.Label, "start all, then each task of every instance, one call at a time (claims not timed)", workflows, sample.Elapsed, sample.AllocatedBytes);
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
