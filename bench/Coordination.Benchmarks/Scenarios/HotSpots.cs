using System.Diagnostics;
using System.Text.Json.Nodes;
using Coordination.Benchmarks.Infrastructure;
using Coordination.Domain.WorkItems;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Coordination.Benchmarks.Scenarios;

/// <summary>
/// Where the time of one complete-and-advance goes, without a profiler: the whole operation with EF's round trips
/// counted and timed by an interceptor, next to the pieces measured alone — the engine, the state JSON both ways, the
/// runtime with an in-memory store (no EF at all), and loading the work item through EF.
/// </summary>
internal static class HotSpots
{
    public static async Task RunAsync(BenchDatabase database, int operations)
    {
        ArgumentNullException.ThrowIfNull(database);
        var counter = new DbCallCounter();
        await using var app = await CoordinationApp.StartAsync(database, counter);
        var cases = await app.SeedCasesAsync(10);

        // Warm-up of every piece measured below.
        await Warmup.UntilSteadyAsync("hot spots", async () => (await FullAsync(app, counter, cases, 100)).Sample);
        await RuntimeWithoutDatabaseAsync(app, cases, operations);
        await LoadItemAsync(app, cases, Math.Max(100, operations / 2));
        await StoreReadsAsync(app, cases, Math.Max(100, operations / 2));
        await ContextOnlyAsync(app, operations);

        var times = new StoreTimes();
        var compilations = counter.QueryCompilations;
        var (full, db) = await FullAsync(app, counter, cases, operations, times);
        compilations = counter.QueryCompilations - compilations;
        var loadItem = await LoadItemAsync(app, cases, operations);
        var storeReads = await StoreReadsAsync(app, cases, operations);
        var contextOnly = await ContextOnlyAsync(app, operations);
        var noDatabase = await RuntimeWithoutDatabaseAsync(app, cases, operations);
        var (engine, restore, serialize, stateBytes) = await EnginePiecesAsync(app, cases, operations * 10);

        var n = (double)full.Operations;
        var ms = full.MillisecondsPerOperation;
        var dbMs = db.Total.TotalMilliseconds / n;
        var byBookmark = times.FindByBookmark.TotalMilliseconds / n;
        var find = times.Find.TotalMilliseconds / n;
        var save = times.Save.TotalMilliseconds / n;
        var saveChanges = db.SaveChangesTime.TotalMilliseconds / n;
        var runtimeCalls = byBookmark + find + save;
        Output.Heading($"Where one complete-and-advance spends its time ({database.Label}, {Output.Number(operations)} operations, one caller)");
        Output.Table(
            ["part", "ms/op", "share", "how it was measured"],
            [
                ["**whole operation** (CompleteWorkItemCommand's path)", Output.Number(ms, 3), "100 %", $"Stopwatch around the loop; {Output.Bytes(full.BytesPerOperation)} allocated/op"],
                ["• new context, load the work item with its history, its instance row and its case (1 query), Complete(), the runtime's own work (engine, JSON, bookkeeping)", Output.Number(ms - runtimeCalls, 3), Share(ms - runtimeCalls, ms), "whole − the three store calls below"],
                ["• store: bookmark → instance id (not called: the item names its instance)", Output.Number(byBookmark, 3), Share(byBookmark, ms), "timing wrapper around the app's store"],
                ["• store: the instance row (already loaded with the item: no query), restore the state from JSON", Output.Number(find, 3), Share(find, ms), "timing wrapper"],
                ["• store: SaveAsync", Output.Number(save, 3), Share(save, ms), "timing wrapper"],
                ["  – before writing: serialize state, track 7 new rows (case already known: no query), BumpVersions (DetectChanges), the statements worked out from the tracker", Output.Number(save - saveChanges, 3), Share(save - saveChanges, ms), "SaveAsync − the write"],
                ["  – the write: 10 rows in one transaction (DirectChangeWriter: SQLite a command per row + commit; PostgreSQL one batch), changes accepted", Output.Number(saveChanges, 3), Share(saveChanges, ms), "the writer's observer (Saving → Saved)"],
                ["EF query compilations (query-cache misses)", Output.Number(compilations / n, 2) + " per op", string.Empty, "EF's QueryCompilationStarting event"],
                [$"EF's own commands (the load): {Output.Number(db.Commands / n, 1)} commands + {Output.Number(db.Commits / n, 1)} commits", Output.Number(dbMs, 3), Share(dbMs, ms), "EF's command/transaction interceptors (Duration); the write is the line above"],
                ["engine alone (WorkflowEngine.Execute)", Output.Number(engine.MillisecondsPerOperation, 3), Share(engine.MillisecondsPerOperation, ms), $"10× the operations on one state; {Output.Bytes(engine.BytesPerOperation)} allocated/op"],
                [$"state JSON alone: restore + serialize ({Output.Bytes(stateBytes)})", Output.Number(restore.MillisecondsPerOperation + serialize.MillisecondsPerOperation, 3), Share(restore.MillisecondsPerOperation + serialize.MillisecondsPerOperation, ms), $"{Output.Bytes(restore.BytesPerOperation + serialize.BytesPerOperation)} allocated/op"],
                ["runtime with an in-memory store (engine + JSON + bookkeeping, no EF, no database)", Output.Number(noDatabase.MillisecondsPerOperation, 3), Share(noDatabase.MillisecondsPerOperation, ms), $"{Output.Bytes(noDatabase.BytesPerOperation)} allocated/op"],
                ["a context from the pool, connection opened and closed, returned", Output.Number(contextOnly.MillisecondsPerOperation, 3), Share(contextOnly.MillisecondsPerOperation, ms), $"{Output.Bytes(contextOnly.BytesPerOperation)} allocated/op"],
                ["new context + load the work item alone (plain, uncompiled query)", Output.Number(loadItem.MillisecondsPerOperation, 3), Share(loadItem.MillisecondsPerOperation, ms), $"{Output.Bytes(loadItem.BytesPerOperation)} allocated/op"],
                ["new context + two single-row reads alone (bookmark → instance, instance row; the old path's)", Output.Number(storeReads.MillisecondsPerOperation, 3), Share(storeReads.MillisecondsPerOperation, ms), $"{Output.Bytes(storeReads.BytesPerOperation)} allocated/op"],
            ]);
    }

    private static string Share(double part, double whole) => Output.Number(100 * part / whole) + " %";

    private static async Task<(Sample Sample, DbCalls Calls)> FullAsync(CoordinationApp app, DbCallCounter counter, IReadOnlyList<Guid> cases, int operations, StoreTimes? times = null)
    {
        var set = await app.StartManyAsync(Definitions.Chain, cases, operations);
        var claimed = await app.ClaimOpenTasksAsync(set);
        GC.Collect();
        var before = counter.Snapshot();
        var sample = await Sample.MeasureAsync(claimed, t => app.CompleteAsync(t.ItemId, times));
        return (sample, counter.Snapshot() - before);
    }

    private static async Task<Sample> ContextOnlyAsync(CoordinationApp app, int operations)
    {
        GC.Collect();
        return await Sample.MeasureAsync(Enumerable.Range(0, operations).ToList(), async _ =>
        {
            await using var db = app.Db();
            await db.Database.OpenConnectionAsync();

            // A pooled context keeps a connection opened by hand: close it, as EF does after its own commands.
            await db.Database.CloseConnectionAsync();
        });
    }

    private static async Task<Sample> StoreReadsAsync(CoordinationApp app, IReadOnlyList<Guid> cases, int operations)
    {
        var set = await app.StartManyAsync(Definitions.Chain, cases, operations);
        var claimed = await app.ClaimOpenTasksAsync(set);
        GC.Collect();
        return await Sample.MeasureAsync(claimed, async t =>
        {
            await using var db = app.Db();
            var store = app.Stores.For(db);
            var instanceId = await store.FindInstanceByBookmarkAsync(t.ItemId, CancellationToken.None);
            _ = await store.FindAsync(instanceId!.Value, CancellationToken.None) ?? throw new InvalidOperationException("no instance");
        });
    }

    private static async Task<Sample> LoadItemAsync(CoordinationApp app, IReadOnlyList<Guid> cases, int operations)
    {
        var set = await app.StartManyAsync(Definitions.Chain, cases, operations);
        var claimed = await app.ClaimOpenTasksAsync(set);
        GC.Collect();
        return await Sample.MeasureAsync(claimed, async t =>
        {
            await using var db = app.Db();
            var id = WorkItemId.From(t.ItemId);
            var item = await db.WorkItems.FirstAsync(w => w.Id == id);
            item.Complete(CoordinationApp.Worker, CoordinationApp.Outcome, null, app.Clock);
        });
    }

    private static async Task<Sample> RuntimeWithoutDatabaseAsync(CoordinationApp app, IReadOnlyList<Guid> cases, int operations)
    {
        var store = new MemoryInstanceStore();
        for (var i = 0; i < operations; i++)
        {
            var caseId = cases[i % cases.Count].ToString();
            await app.Runtime.StartAsync(store, Definitions.Chain, new JsonObject { ["caseId"] = caseId }, caseId, CancellationToken.None);
        }

        var tasks = store.OpenTasks.Values.ToList();
        GC.Collect();
        return await Sample.MeasureAsync(tasks, async task =>
        {
            var result = await app.Runtime.CompleteTaskAsync(store, task, CoordinationApp.Outcome, null, CoordinationApp.Worker, CancellationToken.None);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(result.Message);
            }
        });
    }

    private static async Task<(Sample Engine, Sample Restore, Sample Serialize, long StateBytes)> EnginePiecesAsync(CoordinationApp app, IReadOnlyList<Guid> cases, int operations)
    {
        var store = new MemoryInstanceStore();
        var caseId = cases[0].ToString();
        var started = await app.Runtime.StartAsync(store, Definitions.Chain, new JsonObject { ["caseId"] = caseId }, caseId, CancellationToken.None);
        var instance = (await store.FindAsync(started.InstanceId, CancellationToken.None))!;
        var definition = (await app.Services.GetRequiredService<IWorkflowDefinitionSource>().GetAsync(instance.DefinitionId, instance.DefinitionVersion, CancellationToken.None))!;
        var engine = app.Services.GetRequiredService<WorkflowEngine>();
        var stimulus = new TaskCompletedStimulus(store.OpenTasks[instance.Id], CoordinationApp.Outcome, null, CoordinationApp.Worker);
        var json = instance.StateJson;
        var now = app.Clock.GetUtcNow();

        var engineSample = Repeat(operations, () => _ = engine.Execute(definition, instance.State, stimulus, now).Applied ? 0 : throw new InvalidOperationException("not applied"));
        var restore = Repeat(operations, () => _ = WorkflowInstance.Restore(json, 1, caseId, null, null, now, now));
        var serialize = Repeat(operations, () => _ = instance.StateJson);
        return (engineSample, restore, serialize, System.Text.Encoding.UTF8.GetByteCount(json));
    }

    private static Sample Repeat(int operations, Action action)
    {
        for (var i = 0; i < operations / 10; i++)
        {
            action();
        }

        GC.Collect();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < operations; i++)
        {
            action();
        }

        clock.Stop();
        return new Sample(operations, clock.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - allocated);
    }
}
