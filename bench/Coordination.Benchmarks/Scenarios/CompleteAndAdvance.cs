using Coordination.Benchmarks.Infrastructure;

namespace Coordination.Benchmarks.Scenarios;

/// <summary>The three ways one task is completed and the next one created, measured on the same database.</summary>
internal sealed record CompleteAndAdvanceResult(string Database, Rounds Runtime, Rounds RawWrites, Rounds RawReadsAndWrites, Rounds Command, Rounds? RawImplicitBatch);

/// <summary>
/// Scenario 1 (and the allocations of scenario 4): "complete a task and advance to the next task" through the runtime
/// — CompleteWorkItemCommand's path — against a raw ADO.NET transaction writing the same rows, in the same run on the
/// same database. Each path has its own instances of the ten-task chain; every round the worker claims the open task
/// of each instance (not measured) and then completes them one after the other (measured), so a round is one
/// complete-and-advance per instance. The paths take turns going first, so a database that grows or a machine that
/// warms up favours none of them. A fourth path sends the whole use case through IMediator as a signed-in user.
/// </summary>
internal static class CompleteAndAdvance
{
    public static async Task<CompleteAndAdvanceResult> RunAsync(BenchDatabase database, int instancesPerPath, int warmupInstancesPerPath)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var app = await CoordinationApp.StartAsync(database);
        await using var raw = new RawAdoNetPath(database, app.Clock);
        var cases = await app.SeedCasesAsync(20);

        // Warm-up rounds: the first task of fresh instances on every path, until the runtime path is steady.
        await Warmup.UntilSteadyAsync($"{database.Label}: complete-and-advance", async () =>
            (await RunAsync(app, raw, cases, warmupInstancesPerPath, rounds: 1, database.Provider)).Runtime.Total);
        Output.Progress($"{database.Label}: measuring {instancesPerPath} instances per path x {Definitions.ChainLength - 1} rounds");
        var result = await RunAsync(app, raw, cases, instancesPerPath, Definitions.ChainLength - 1, database.Provider);
        return result with { Database = database.Label };
    }

    private static async Task<CompleteAndAdvanceResult> RunAsync(CoordinationApp app, RawAdoNetPath raw, IReadOnlyList<Guid> cases, int instances, int rounds, Coordination.Web.Persistence.DatabaseProvider provider)
    {
        var runtimeSet = await app.StartManyAsync(Definitions.Chain, cases, instances);
        var rawSet = await app.StartManyAsync(Definitions.Chain, cases, instances);
        var readSet = await app.StartManyAsync(Definitions.Chain, cases, instances);
        var commandSet = await app.StartManyAsync(Definitions.Chain, cases, instances);
        var rawState = await RawAdoNetPath.LoadAsync(app, rawSet);
        var readState = await RawAdoNetPath.LoadAsync(app, readSet);
        var postgres = provider == Coordination.Web.Persistence.DatabaseProvider.PostgreSql;
        var result = new CompleteAndAdvanceResult(string.Empty, new Rounds(), new Rounds(), new Rounds(), new Rounds(), postgres ? new Rounds() : null);

        List<(List<Guid> Set, Rounds Rounds, Func<ClaimedTask, Task> Operation)> paths =
        [
            (runtimeSet, result.Runtime, task => app.CompleteAsync(task.ItemId)),
            (rawSet, result.RawWrites, task => raw.CompleteAsync(task, rawState[task.InstanceId], read: false)),
            (readSet, result.RawReadsAndWrites, task => raw.CompleteAsync(task, readState[task.InstanceId], read: true)),
            (commandSet, result.Command, task => app.SendCompleteAsync(task.ItemId)),
        ];
        if (result.RawImplicitBatch is { } implicitRounds)
        {
            // PostgreSQL: the raw path written the way the runtime writes there (one batch, its own implicit transaction).
            var implicitSet = await app.StartManyAsync(Definitions.Chain, cases, instances);
            var implicitState = await RawAdoNetPath.LoadAsync(app, implicitSet);
            paths.Add((implicitSet, implicitRounds, task => raw.CompleteAsync(task, implicitState[task.InstanceId], read: false, implicitBatch: true)));
        }

        // The last task of the chain ends the workflow instead of creating a task, so a chain gives length-1 rounds.
        for (var round = 0; round < rounds; round++)
        {
            for (var turn = 0; turn < paths.Count; turn++)
            {
                var (set, measured, operation) = paths[(round + turn) % paths.Count];
                var claimed = await app.ClaimOpenTasksAsync(set);
                if (claimed.Count != set.Count)
                {
                    throw new InvalidOperationException($"Expected {set.Count} open tasks, found {claimed.Count}.");
                }

                GC.Collect();
                GC.WaitForPendingFinalizers();
                measured.Add(await Sample.MeasureAsync(claimed, operation));
            }
        }

        return result;
    }

    public static void Write(IReadOnlyList<CompleteAndAdvanceResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        Output.Heading("1. Complete a task and advance to the next task (one caller, one operation at a time)");
        Output.Table(
            ["database", "path", "operations", "ops/s (slowest–fastest round)", "ms/op", "allocated/op", "runtime ÷ raw"],
            results.SelectMany(r => new[]
            {
                Row(r.Database, "runtime (CompleteWorkItemCommand's path)", r.Runtime, r.Runtime.PerSecond / r.RawWrites.PerSecond, r.Runtime.PerSecond / r.RawReadsAndWrites.PerSecond),
                Row(r.Database, "raw ADO.NET, writes only (the issue's baseline)", r.RawWrites, null, null),
                Row(r.Database, "raw ADO.NET, reads + writes", r.RawReadsAndWrites, null, null),
                Row(r.Database, "the whole use case: CompleteWorkItemCommand via IMediator (+ need-to-know check, audit entry)", r.Command, r.Command.PerSecond / r.RawWrites.PerSecond, r.Command.PerSecond / r.RawReadsAndWrites.PerSecond),
            }.Concat(r.RawImplicitBatch is { } implicitRounds
                ? [Row(r.Database, $"raw ADO.NET, writes only, as one batch in its own implicit transaction (the runtime's way on PostgreSQL; runtime ÷ this: {Output.Number(r.Runtime.PerSecond / implicitRounds.PerSecond, 2)})", implicitRounds, null, null)]
                : [])));
    }

    private static string[] Row(string database, string path, Rounds rounds, double? ratio, double? ratioToReads) =>
    [
        database, path, Output.Number(rounds.Total.Operations),
        $"{Output.Number(rounds.PerSecond)} ({Output.Number(rounds.SlowestPerSecond)}–{Output.Number(rounds.FastestPerSecond)})",
        Output.Number(rounds.Total.MillisecondsPerOperation, 2), Output.Bytes(rounds.MedianBytesPerOperation),
        ratio is null ? string.Empty : $"**{Output.Number(ratio.Value, 2)}** of writes-only; {Output.Number(ratioToReads!.Value, 2)} of reads + writes",
    ];
}
