using System.Text.Json.Nodes;
using Coordination.Domain.Agencies;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Jobs;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.WorkflowHosting;

/// <summary>Two app processes' worth of hosts on one PostgreSQL database, racing each other on every step.</summary>
public sealed class TwoHostsTests(PostgreSqlFixture postgres)
{
    private const int Instances = 1_000;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_ThousandInstancesOnTwoHosts_EachEndsOnceWithoutDuplicateTaskTimerOrJournal()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        await using var database = await TestDatabase.CreateAsync(DatabaseProvider.PostgreSql, postgres);
        await using var a = AppHost.Start(database, clock);
        await using var b = AppHost.Start(database, clock);
        var hosts = new[] { a, b };
        var (fraudCase, unit) = await a.SeedCaseAsync(clock);

        // Start: alternate hosts, 8 at a time.
        var ids = await ParallelAsync(Enumerable.Range(0, Instances), async i =>
        {
            var host = hosts[i % 2];
            await using var db = await host.DbAsync();
            return (await host.Get<WorkflowRuntime>().StartAsync(host.Get<WorkflowStores>().For(db), "test-timer", [], fraudCase.Id.ToString(), Ct)).InstanceId;
        });

        // Every timer becomes due; both hosts sweep at the same time.
        clock.Advance(TimeSpan.FromHours(2));
        await Task.WhenAll(a.Get<SweepDueTimersJob>().ExecuteAsync(Ct), b.Get<SweepDueTimersJob>().ExecuteAsync(Ct));
        await a.Get<SweepDueTimersJob>().ExecuteAsync(Ct);

        // Each task: claimed on one host, then completed from both hosts at once.
        List<Guid> tasks;
        await using (var db = await a.DbAsync())
        {
            tasks = await db.WorkItems.AsNoTracking().Where(w => w.ActivityId == "after").Select(w => w.Id.Value).ToListAsync(Ct);
        }

        var outcomes = await ParallelAsync(tasks.Select((id, i) => (id, i)), async t =>
        {
            var user = AppHost.User($"officer{t.i % 7}@politie.test", unit, Role.PoliceInvestigator);
            (await hosts[t.i % 2].SendAsync(new ClaimWorkItemCommand(t.id), user)).Succeeded.ShouldBeTrue();
            var both = await Task.WhenAll(hosts.Select(h => Task.Run(() => h.SendAsync(new CompleteWorkItemCommand(t.id, "Done", null), user), Ct)));
            return both.Count(r => r.Succeeded);
        });

        tasks.Count.ShouldBe(Instances, "one task per instance, none twice");
        outcomes.ShouldAllBe(successes => successes == 1);
        await using var check = await a.DbAsync();
        var statuses = await check.WorkflowInstances.AsNoTracking().Where(i => ids.Contains(i.Id)).GroupBy(i => i.Status).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(Ct);
        statuses.ShouldBe([new { Key = WorkflowStatus.Completed, Count = Instances }]);
        var timerFirings = await check.WorkflowJournal.AsNoTracking().Where(j => j.ActivityId == "wait" && j.Event == "Resumed")
            .GroupBy(j => j.InstanceId).Select(g => g.Count()).ToListAsync(Ct);
        timerFirings.Count.ShouldBe(Instances);
        timerFirings.ShouldAllBe(n => n == 1);
        (await check.WorkflowJournal.CountAsync(j => j.Event == "Completed", Ct)).ShouldBe(Instances);
        (await check.WorkItems.CountAsync(w => w.Status == WorkItemStatus.Completed, Ct)).ShouldBe(Instances);
        (await check.WorkflowTimers.CountAsync(Ct)).ShouldBe(0);
        (await check.WorkflowBookmarks.CountAsync(Ct)).ShouldBe(0);
    }

    private static async Task<List<TResult>> ParallelAsync<TItem, TResult>(IEnumerable<TItem> items, Func<TItem, Task<TResult>> work)
    {
        var results = new System.Collections.Concurrent.ConcurrentBag<TResult>();
        await Parallel.ForEachAsync(items, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = Ct }, async (item, _) => results.Add(await work(item)));
        return [.. results];
    }
}
