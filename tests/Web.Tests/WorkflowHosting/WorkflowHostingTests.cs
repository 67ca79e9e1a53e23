using System.Text.Json.Nodes;
using Coordination.Domain.Agencies;
using Coordination.Domain.Common;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Jobs;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Definitions;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.WorkflowHosting;

/// <summary>The runtime hosted on the app's database: tasks as work items, one transaction per completion, timers
/// that survive a crash, immutable versions. Run once per provider.</summary>
public abstract class WorkflowHostingTests(DatabaseProvider provider, PostgreSqlFixture postgres) : IAsyncLifetime
{
    private const string Lead = "lead@politie.test";

    // A Monday morning, so working-day arithmetic is easy to check by hand.
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
    private TestDatabase _database = null!;
    private AppHost _host = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await TestDatabase.CreateAsync(provider, postgres);
        _host = AppHost.Start(_database, _clock);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Start_TriageWorkflow_CreatesWorkItemForRoleAtCaseUnitDueInWorkingDays()
    {
        var (fraudCase, unit) = await _host.SeedCaseAsync(_clock);

        var started = await StartAsync("test-triage", fraudCase.Id.Value);

        started.Succeeded.ShouldBeTrue();
        await using var db = await _host.DbAsync();
        var item = await db.WorkItems.SingleAsync(w => w.WorkflowInstanceId == started.InstanceId, Ct);
        var task = started.Effects.OfType<CreateTaskEffect>().Single();
        item.Id.Value.ShouldBe(task.TaskId);
        item.CandidateRole.ShouldBe(Role.PoliceTeamLead);
        item.CandidateAgencyId.ShouldBe(unit.Id);
        item.CaseId.ShouldBe(fraudCase.Id);
        item.ActivityId.ShouldBe("triage");
        item.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 4, 9, 0, 0, TimeSpan.Zero), "P2D working from Monday 09:00 UTC is Wednesday, same time");
        (await db.WorkflowBookmarks.CountAsync(b => b.InstanceId == started.InstanceId, Ct)).ShouldBe(1);
        (await db.WorkflowJournal.CountAsync(j => j.InstanceId == started.InstanceId, Ct)).ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task CompleteWorkItem_ClaimedTask_CompletesItemAndAdvancesWorkflowTogether()
    {
        var (fraudCase, _) = await _host.SeedCaseAsync(_clock);
        var started = await StartAsync("test-triage", fraudCase.Id.Value);
        var taskId = await ClaimSingleOpenTaskAsync(started.InstanceId);

        var result = await _host.SendAsync(new CompleteWorkItemCommand(taskId, "Investigate", """{"reason":"three linked reports"}"""));

        result.Succeeded.ShouldBeTrue(result.Message);
        await using var db = await _host.DbAsync();
        var items = await db.WorkItems.AsNoTracking().Where(w => w.WorkflowInstanceId == started.InstanceId).ToListAsync(Ct);
        items.Single(w => w.ActivityId == "triage").Status.ShouldBe(WorkItemStatus.Completed);
        items.Single(w => w.ActivityId == "investigate").Status.ShouldBe(WorkItemStatus.Open);
        var instance = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == started.InstanceId, Ct);
        instance.Revision.ShouldBe(2);
        instance.StateJson.ShouldContain("three linked reports");
        var journal = await db.WorkflowJournal.AsNoTracking().Where(j => j.InstanceId == started.InstanceId).OrderBy(j => j.Sequence).ToListAsync(Ct);
        journal.Select(j => j.Sequence).ShouldBe(Enumerable.Range(1, journal.Count).Select(i => (long)i));
        journal.ShouldContain(j => j.Event == "Resumed" && j.ActivityId == "triage" && j.Actor == Lead && j.Payload == "Investigate");
    }

    [Fact]
    public async Task CompleteWorkItem_OutcomeTheTaskDoesNotHave_RefusesAndSavesNothing()
    {
        var (fraudCase, _) = await _host.SeedCaseAsync(_clock);
        var started = await StartAsync("test-triage", fraudCase.Id.Value);
        var taskId = await ClaimSingleOpenTaskAsync(started.InstanceId);

        var result = await _host.SendAsync(new CompleteWorkItemCommand(taskId, "Shred", null));

        result.Succeeded.ShouldBeFalse();
        result.ErrorCode.ShouldBe("work-item.outcome");
        result.Message!.ShouldContain("Investigate, Close");
        await using var db = await _host.DbAsync();
        (await db.WorkItems.AsNoTracking().SingleAsync(w => w.Id == WorkItemId.From(taskId), Ct)).Status.ShouldBe(WorkItemStatus.Claimed);
        (await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == started.InstanceId, Ct)).Revision.ShouldBe(1);
    }

    [Fact]
    public async Task CompleteWorkItem_FiftyParallelCompletions_ExactlyOneWinsTheRestAreTold()
    {
        var (fraudCase, _) = await _host.SeedCaseAsync(_clock);
        var started = await StartAsync("test-triage", fraudCase.Id.Value);
        var taskId = await ClaimSingleOpenTaskAsync(started.InstanceId);

        var results = await Task.WhenAll(Enumerable.Range(0, 50).Select(_ => Task.Run(
            () => _host.SendAsync(new CompleteWorkItemCommand(taskId, "Close", null)), Ct)));

        results.Count(r => r.Succeeded).ShouldBe(1);
        results.Where(r => !r.Succeeded).ShouldAllBe(r => r.ErrorCode!.StartsWith("work-item.already-completed", StringComparison.Ordinal));
        await using var db = await _host.DbAsync();
        var instance = await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == started.InstanceId, Ct);
        instance.Status.ShouldBe(WorkflowStatus.Completed);
        instance.Outcome.ShouldBe("Closed");
        (await db.WorkflowJournal.CountAsync(j => j.InstanceId == started.InstanceId && j.Event == "Resumed", Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task Sweep_HostStoppedWithTimersPending_NewHostFiresEachDueTimerExactlyOnce()
    {
        var (fraudCase, _) = await _host.SeedCaseAsync(_clock);
        var instances = new List<Guid>();
        for (var i = 0; i < 10; i++)
        {
            instances.Add((await StartAsync("test-timer", fraudCase.Id.Value)).InstanceId);
        }

        // The process goes away with every timer pending and its in-memory wake-ups lost.
        await _host.DisposeAsync();
        _clock.Advance(TimeSpan.FromHours(2));
        _host = AppHost.Start(_database, _clock);
        var againFired = await _host.Get<SweepDueTimersJob>().ExecuteAsync(Ct);

        againFired.ShouldBe(0, "the start-up sweep already fired every due timer");
        await using var db = await _host.DbAsync();
        foreach (var id in instances)
        {
            (await db.WorkflowJournal.CountAsync(j => j.InstanceId == id && j.ActivityId == "wait" && j.Event == "Resumed", Ct)).ShouldBe(1);
            (await db.WorkItems.CountAsync(w => w.WorkflowInstanceId == id && w.ActivityId == "after", Ct)).ShouldBe(1);
        }

        (await db.WorkflowTimers.CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task Sweep_TimerNotYetDue_DoesNotFire()
    {
        var (fraudCase, _) = await _host.SeedCaseAsync(_clock);
        var started = await StartAsync("test-timer", fraudCase.Id.Value);
        _clock.Advance(TimeSpan.FromMinutes(59));

        var fired = await _host.Get<SweepDueTimersJob>().ExecuteAsync(Ct);

        fired.ShouldBe(0);
        await using var db = await _host.DbAsync();
        (await db.WorkflowTimers.CountAsync(t => t.InstanceId == started.InstanceId, Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task Publish_NewVersionWhileInstanceRuns_RunningInstanceKeepsItsVersion()
    {
        var (fraudCase, _) = await _host.SeedCaseAsync(_clock);
        var running = await StartAsync("test-triage", fraudCase.Id.Value);
        var source = _host.Get<DatabaseDefinitionSource>();
        var v1 = DefinitionJson.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "WorkflowHosting", "Definitions", "test-triage.json"), Ct));
        var v2Json = DefinitionJson.Write(v1 with
        {
            Version = 2,
            Flowchart = v1.Flowchart with { Activities = [.. v1.Flowchart.Activities.Select(a => a is HumanTaskActivity { Id: "investigate" } t ? t with { Role = Binding.Of("Prosecutor") } : a)] },
        });

        (await source.PublishAsync(v2Json, "v2", Ct)).ShouldBeTrue();
        var taskId = await ClaimSingleOpenTaskAsync(running.InstanceId);
        (await _host.SendAsync(new CompleteWorkItemCommand(taskId, "Investigate", null))).Succeeded.ShouldBeTrue();

        await using var db = await _host.DbAsync();
        var next = await db.WorkItems.AsNoTracking().SingleAsync(w => w.WorkflowInstanceId == running.InstanceId && w.ActivityId == "investigate", Ct);
        next.CandidateRole.ShouldBe(Role.PoliceInvestigator, "the running instance follows version 1");
        var fresh = await StartAsync("test-triage", fraudCase.Id.Value);
        (await db.WorkflowInstances.AsNoTracking().SingleAsync(i => i.Id == fresh.InstanceId, Ct)).DefinitionVersion.ShouldBe(2);
    }

    [Fact]
    public async Task Publish_SameVersionWithOtherContent_IsRefusedWithReason()
    {
        var source = _host.Get<DatabaseDefinitionSource>();
        var v1 = DefinitionJson.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "WorkflowHosting", "Definitions", "test-timer.json"), Ct));
        var changed = DefinitionJson.Write(v1 with { Name = new LocalizedText("Anders") });

        var error = await Should.ThrowAsync<WorkflowDefinitionException>(() => source.PublishAsync(changed, "edited", Ct));

        error.Problems.ShouldContain(p => p.Message.Contains("already published with other content", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Publish_UnknownRole_IsRefusedWithActivityId()
    {
        var source = _host.Get<DatabaseDefinitionSource>();
        var v1 = DefinitionJson.Parse(await File.ReadAllTextAsync(Path.Combine(AppContext.BaseDirectory, "WorkflowHosting", "Definitions", "test-timer.json"), Ct));
        var broken = DefinitionJson.Write(v1 with
        {
            Version = 7,
            Flowchart = v1.Flowchart with { Activities = [.. v1.Flowchart.Activities.Select(a => a is HumanTaskActivity t ? t with { Role = Binding.Of("Janitor") } : a)] },
        });

        var error = await Should.ThrowAsync<WorkflowDefinitionException>(() => source.PublishAsync(broken, "broken", Ct));

        error.Problems.ShouldContain(p => p.ActivityId == "after" && p.Message.Contains("'Janitor' is not a role", StringComparison.Ordinal));
    }

    private async Task<WorkflowRunResult> StartAsync(string definitionId, Guid caseId)
    {
        await using var db = await _host.DbAsync();
        return await _host.Get<WorkflowRuntime>().StartAsync(
            _host.Get<WorkflowStores>().For(db), definitionId, new JsonObject { ["caseId"] = caseId.ToString() }, caseId.ToString(), Ct);
    }

    private async Task<Guid> ClaimSingleOpenTaskAsync(Guid instanceId)
    {
        await using var db = await _host.DbAsync();
        var item = await db.WorkItems.SingleAsync(w => w.WorkflowInstanceId == instanceId && w.Status == WorkItemStatus.Open, Ct);
        item.Claim(Lead, _clock);
        await db.SaveChangesAsync(Ct);
        return item.Id.Value;
    }
}

public sealed class SqliteWorkflowHostingTests(PostgreSqlFixture postgres) : WorkflowHostingTests(DatabaseProvider.Sqlite, postgres);

public sealed class PostgreSqlWorkflowHostingTests(PostgreSqlFixture postgres) : WorkflowHostingTests(DatabaseProvider.PostgreSql, postgres);
