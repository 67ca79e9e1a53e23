using Coordination.Benchmarks.Infrastructure;
using Coordination.Web.Features.WorkItems;

namespace Coordination.Benchmarks.Scenarios;

/// <summary>How long a queue page takes to load, through IMediator as the page sends it (pipeline, need-to-know filters).</summary>
internal sealed record QueueResult(string Storage, int OpenTasks, string Query, Sample Sample);

/// <summary>
/// The queries case officers and team leads wait for most: a unit with <see cref="OpenTasks"/> open tasks of which a fifth
/// are claimed by one investigator; each query is sent as the user who would (the investigator's Available and Mine,
/// the lead's Team queue unfiltered and on one step, and the lead's workload overview), after a warm-up.
/// </summary>
internal static class Queues
{
    public const int OpenTasks = 5_000;

    public static async Task<List<QueueResult>> RunAsync(BenchDatabase database, int openTasks, int repetitions)
    {
        ArgumentNullException.ThrowIfNull(database);
        await using var app = await CoordinationApp.StartAsync(database);
        var cases = await app.SeedCasesAsync(Math.Max(1, openTasks / 5));
        var instances = await app.StartManyAsync("bench-three-tasks", cases, openTasks);
        await app.ClaimOpenTasksAsync(instances.Take(openTasks / 5).ToList());
        await database.SettleAsync();

        var list = new List<(string Name, Func<Task> Run)>
        {
            ("Available, first page (investigator)", () => app.QueryAsync(app.WorkerUser, new GetTaskQueueQuery(TaskList.Available))),
            ("Mine, first page (investigator)", () => app.QueryAsync(app.WorkerUser, new GetTaskQueueQuery(TaskList.Mine))),
            ("Team, first page (team lead)", () => app.QueryAsync(app.Lead, new GetTaskQueueQuery(TaskList.Team))),
            ("Team, one step, latest due first (team lead)", () => app.QueryAsync(app.Lead, new GetTaskQueueQuery(TaskList.Team, new TaskFilter(Step: "task1"), Descending: true))),
            ("Team workload overview (team lead)", () => app.QueryAsync(app.Lead, new GetTeamWorkloadQuery())),
        };

        var results = new List<QueueResult>();
        foreach (var (name, run) in list)
        {
            await Warmup.UntilSteadyAsync($"{name} ({database.Label})", () => Sample.MeasureAsync(10, async () =>
            {
                for (var i = 0; i < 10; i++)
                {
                    await run();
                }
            }));
            results.Add(new QueueResult(database.Label, openTasks, name, await Sample.MeasureAsync(repetitions, async () =>
            {
                for (var i = 0; i < repetitions; i++)
                {
                    await run();
                }
            })));
        }

        return results;
    }

    public static void Write(IReadOnlyList<QueueResult> results)
    {
        ArgumentNullException.ThrowIfNull(results);
        Output.Heading($"Queue pages: {Output.Number(results.Count > 0 ? results[0].OpenTasks : 0)} open tasks in one unit, a fifth of them claimed (through IMediator as the user)");
        Output.Table(
            ["storage", "query", "ms/query", "allocated/query"],
            results.Select(r => (IReadOnlyList<string>)[r.Storage, r.Query, Output.Number(r.Sample.MillisecondsPerOperation, 2), Output.Bytes(r.Sample.BytesPerOperation)]));
    }
}
