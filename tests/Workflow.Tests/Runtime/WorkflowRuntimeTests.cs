using System.Text.Json.Nodes;
using Coordination.Workflow.Definitions;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Coordination.Workflow.Tests.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Runtime;

public sealed class WorkflowRuntimeTests
{
    private const string Review = """
        {
          "variables": [ { "name": "decision", "type": "string" } ],
          "outputs": [ { "name": "decision", "type": "string" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "review", "type": "HumanTask", "title": "Review", "role": "Analyst", "outcomes": [ "Approve", "Reject" ], "outputs": { "decision": "decision" } },
            { "id": "confirm", "type": "HumanTask", "title": "Confirm", "role": "Lead", "outcomes": [ "Done" ] },
            { "id": "end", "type": "End", "outcome": "Closed" }
          ],
          "connections": [ "start -> review", "review:Approve -> confirm", "review:Reject -> end", "confirm -> end" ]
        }
        """;

    private const string Lookup = """
        {
          "variables": [ { "name": "holder", "type": "string" } ],
          "outputs": [ { "name": "holder", "type": "string" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "lookup", "type": "Step", "step": "iban-lookup", "inputs": { "iban": "input.iban" }, "outputs": { "holder": "accountHolder" } },
            { "id": "end", "type": "End", "outcome": "Looked up" }
          ],
          "connections": [ "start -> lookup", "lookup -> end" ]
        }
        """;

    [Fact]
    public async Task StartAsync_DefinitionWithTask_SavesInstanceWaitingAtTask()
    {
        var harness = new RuntimeHarness().Publish(Review, "review");

        var result = await harness.StartAsync("review", correlationId: "case-1");

        result.Succeeded.ShouldBeTrue();
        result.Status.ShouldBe(WorkflowStatus.Running);
        var task = result.Effects.OfType<CreateTaskEffect>().ShouldHaveSingleItem();
        task.ActivityId.ShouldBe("review");
        harness.Store.SaveCount.ShouldBe(1);
        var stored = harness.Store.Get(result.InstanceId);
        stored.Revision.ShouldBe(1);
        stored.CorrelationId.ShouldBe("case-1");
        stored.DefinitionVersion.ShouldBe(1);
        stored.CreatedAt.ShouldBe(EngineRun.T0);
        stored.Bookmarks.ShouldHaveSingleItem().Id.ShouldBe(task.TaskId);
        harness.Store.JournalOf(result.InstanceId).ShouldNotBeEmpty();
        harness.Store.EffectsOf(result.InstanceId).ShouldContain(task);
    }

    [Fact]
    public async Task StartAsync_UnknownDefinition_ThrowsAndSavesNothing()
    {
        var harness = new RuntimeHarness();

        var error = await Should.ThrowAsync<WorkflowDefinitionException>(() => harness.StartAsync("missing"));

        error.Problems.ShouldHaveSingleItem().Message.ShouldContain("missing");
        harness.Store.SaveCount.ShouldBe(0);
    }

    [Fact]
    public async Task CompleteTaskAsync_OpenTask_AdvancesAndSavesOnce()
    {
        var harness = new RuntimeHarness().Publish(Review, "review");
        var started = await harness.StartAsync("review");
        var taskId = started.Effects.OfType<CreateTaskEffect>().Single().TaskId;
        harness.Clock.Advance(TimeSpan.FromHours(3));

        var result = await harness.CompleteTaskAsync(taskId, "Approve", """{ "decision": "ok" }""");

        result.Succeeded.ShouldBeTrue();
        result.InstanceId.ShouldBe(started.InstanceId);
        result.Effects.OfType<CreateTaskEffect>().ShouldHaveSingleItem().ActivityId.ShouldBe("confirm");
        harness.Store.SaveCount.ShouldBe(2);
        var stored = harness.Store.Get(started.InstanceId);
        stored.Revision.ShouldBe(2);
        stored.UpdatedAt.ShouldBe(EngineRun.T0.AddHours(3));
        stored.Variables["decision"]!.GetValue<string>().ShouldBe("ok");
        stored.Bookmarks.ShouldHaveSingleItem().ActivityId.ShouldBe("confirm");
        var sequence = harness.Store.JournalOf(started.InstanceId).Select(j => j.Sequence).ToList();
        sequence.ShouldBe(Enumerable.Range(1, sequence.Count).Select(i => (long)i));
    }

    [Fact]
    public async Task CompleteTaskAsync_WholeFlow_CompletesWithOutputs()
    {
        var harness = new RuntimeHarness().Publish(Review, "review");
        var started = await harness.StartAsync("review");
        await harness.CompleteTaskAsync(started.Effects.OfType<CreateTaskEffect>().Single().TaskId, "Approve", """{ "decision": "ok" }""");
        var confirm = harness.Store.Get(started.InstanceId).Bookmarks.Single().Id;

        var result = await harness.CompleteTaskAsync(confirm, "Done");

        result.Status.ShouldBe(WorkflowStatus.Completed);
        result.Effects.OfType<WorkflowCompletedEffect>().ShouldHaveSingleItem().Outputs["decision"]!.GetValue<string>().ShouldBe("ok");
        harness.Store.Get(started.InstanceId).Outcome.ShouldBe("Closed");
    }

    [Fact]
    public async Task CompleteTaskAsync_UnknownTask_IsBookmarkNotFoundAndSavesNothing()
    {
        var harness = new RuntimeHarness().Publish(Review, "review");
        await harness.StartAsync("review");

        var result = await harness.CompleteTaskAsync(Guid.NewGuid(), "Approve");

        result.Rejection.ShouldBe(Rejection.BookmarkNotFound);
        result.Succeeded.ShouldBeFalse();
        harness.Store.SaveCount.ShouldBe(1);
    }

    [Fact]
    public async Task CompleteTaskAsync_UnknownOutcome_IsInvalidInputAndSavesNothing()
    {
        var harness = new RuntimeHarness().Publish(Review, "review");
        var started = await harness.StartAsync("review");

        var result = await harness.CompleteTaskAsync(started.Effects.OfType<CreateTaskEffect>().Single().TaskId, "Perhaps");

        result.Rejection.ShouldBe(Rejection.InvalidInput);
        result.Message.ShouldNotBeNullOrWhiteSpace();
        harness.Store.SaveCount.ShouldBe(1);
        harness.Store.Get(started.InstanceId).Revision.ShouldBe(1);
    }

    [Fact]
    public async Task StartAsync_StepWithHandler_RunsStepWithinTheSameCall()
    {
        var harness = new RuntimeHarness().Publish(Lookup, "lookup");
        var handler = harness.Step("iban-lookup", c => StepResult.Done(new JsonObject { ["accountHolder"] = "J. Jansen for " + c.Input["iban"] }));

        var result = await harness.StartAsync("lookup", """{ "iban": "NL91ABNA0417164300" }""", correlationId: "case-2");

        result.Status.ShouldBe(WorkflowStatus.Completed);
        handler.Runs.ShouldBe(1);
        var context = handler.Contexts.ShouldHaveSingleItem();
        context.InstanceId.ShouldBe(result.InstanceId);
        context.ActivityId.ShouldBe("lookup");
        context.CorrelationId.ShouldBe("case-2");
        harness.Store.SaveCount.ShouldBe(1);
        var stored = harness.Store.Get(result.InstanceId);
        stored.Outcome.ShouldBe("Looked up");
        stored.Variables["holder"]!.GetValue<string>().ShouldBe("J. Jansen for NL91ABNA0417164300");
        result.Effects.OfType<RunStepEffect>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task StartAsync_UnregisteredStep_FaultsWithIncident()
    {
        var harness = new RuntimeHarness().Publish(Lookup, "lookup");

        var result = await harness.StartAsync("lookup", """{ "iban": "NL91ABNA0417164300" }""");

        result.Succeeded.ShouldBeTrue();
        result.Status.ShouldBe(WorkflowStatus.Faulted);
        var incident = harness.Store.Get(result.InstanceId).Incident.ShouldNotBeNull();
        incident.ActivityId.ShouldBe("lookup");
        incident.Message.ShouldContain("iban-lookup");
        harness.Store.EffectsOf(result.InstanceId).OfType<WorkflowFaultedEffect>().ShouldHaveSingleItem();
    }

    [Fact]
    public async Task RetryAsync_AfterThrowingHandlerIsFixed_RunsStepAgainAndCompletes()
    {
        var harness = new RuntimeHarness().Publish(Lookup, "lookup");
        var registerUp = false;
        var handler = harness.Step("iban-lookup", _ => registerUp
            ? StepResult.Done(new JsonObject { ["accountHolder"] = "J. Jansen" })
            : throw new InvalidOperationException("bank register unreachable"));
        var started = await harness.StartAsync("lookup", """{ "iban": "NL91ABNA0417164300" }""");
        started.Status.ShouldBe(WorkflowStatus.Faulted);
        harness.Store.Get(started.InstanceId).Incident!.Message.ShouldContain("bank register unreachable");

        registerUp = true;
        var retried = await harness.RetryAsync(started.InstanceId);

        retried.Succeeded.ShouldBeTrue();
        retried.Status.ShouldBe(WorkflowStatus.Completed);
        handler.Runs.ShouldBe(2);
        var stored = harness.Store.Get(started.InstanceId);
        stored.Incident.ShouldBeNull();
        stored.Variables["holder"]!.GetValue<string>().ShouldBe("J. Jansen");
        harness.Store.JournalOf(started.InstanceId).ShouldContain(j => j.Event == "Retried" && j.Actor == "operator");
    }

    [Fact]
    public async Task RetryAsync_InstanceNotFaulted_IsNotApplicable()
    {
        var harness = new RuntimeHarness().Publish(Review, "review");
        var started = await harness.StartAsync("review");

        var result = await harness.RetryAsync(started.InstanceId);

        result.Rejection.ShouldBe(Rejection.NotApplicable);
        harness.Store.SaveCount.ShouldBe(1);
    }

    [Fact]
    public async Task FireTimerAsync_DueTimer_ContinuesAndSecondFiringIsHarmless()
    {
        var harness = new RuntimeHarness().Publish("""
            {
              "activities": [ { "id": "start", "type": "Start" }, { "id": "cool", "type": "Timer", "duration": "PT6H" }, { "id": "end", "type": "End", "outcome": "Cooled" } ],
              "connections": [ "start -> cool", "cool -> end" ]
            }
            """, "cooling");
        var started = await harness.StartAsync("cooling");
        var (instanceId, bookmarkId, dueAt) = harness.Scheduler.Calls.ShouldHaveSingleItem();
        instanceId.ShouldBe(started.InstanceId);
        dueAt.ShouldBe(EngineRun.T0.AddHours(6));
        harness.Clock.Advance(TimeSpan.FromHours(6));

        var fired = await harness.FireTimerAsync(bookmarkId);
        var again = await harness.FireTimerAsync(bookmarkId);

        fired.Status.ShouldBe(WorkflowStatus.Completed);
        again.Rejection.ShouldBe(Rejection.BookmarkNotFound);
        harness.Store.SaveCount.ShouldBe(2);
    }

    [Fact]
    public async Task StartAsync_EscalationAtPercentOfWorkingSla_ResolvesDueTimeWithOptionsCalendar()
    {
        var harness = new RuntimeHarness().Publish("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "review", "type": "HumanTask", "title": "Review", "role": "Analyst", "outcomes": [ "Done" ],
                  "sla": { "duration": "P2D", "time": "working" }, "escalation": { "atPercent": 50, "role": "Lead" } }
              ],
              "connections": [ "start -> review" ]
            }
            """, "review");
        var calendar = new List<(DateTimeOffset Start, int Days)>();

        // A host calendar where the next two days are a holiday: two working days end four days later.
        harness.Configure = o => o.AddWorkingDays = (start, days) =>
        {
            calendar.Add((start, days));
            return start.AddDays(days + 2);
        };

        var result = await harness.StartAsync("review");

        calendar.ShouldBe([(EngineRun.T0, 2)]);
        var timer = harness.Store.EffectsOf(result.InstanceId).OfType<ScheduleTimerEffect>().ShouldHaveSingleItem();
        timer.Due.At.ShouldBe(EngineRun.T0.AddDays(2));
        harness.Scheduler.Calls.ShouldHaveSingleItem().ShouldBe((result.InstanceId, timer.BookmarkId, EngineRun.T0.AddDays(2)));
    }

    [Fact]
    public async Task StartAsync_EscalationAfterDuration_ResolvesFromTaskCreation()
    {
        var harness = new RuntimeHarness().Publish("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "review", "type": "HumanTask", "title": "Review", "role": "Analyst", "outcomes": [ "Done" ],
                  "escalation": { "after": "PT4H", "role": "Lead" } }
              ],
              "connections": [ "start -> review" ]
            }
            """, "review");

        var result = await harness.StartAsync("review");

        harness.Scheduler.Calls.ShouldHaveSingleItem().DueAt.ShouldBe(EngineRun.T0.AddHours(4));
        var escalated = await harness.FireTimerAsync(harness.Scheduler.Calls[0].BookmarkId);
        escalated.Effects.OfType<EscalateTaskEffect>().ShouldHaveSingleItem().Role.ShouldBe("Lead");
        harness.Store.Get(result.InstanceId).Status.ShouldBe(WorkflowStatus.Running);
    }

    [Fact]
    public async Task SignalAsync_WaitingInstance_StoresPayloadAndContinues()
    {
        var harness = new RuntimeHarness().Publish("""
            {
              "variables": [ { "name": "reply", "type": "any" } ],
              "activities": [ { "id": "start", "type": "Start" }, { "id": "wait", "type": "WaitForSignal", "signal": "Replied", "output": "reply" }, { "id": "end", "type": "End" } ],
              "connections": [ "start -> wait", "wait -> end" ]
            }
            """, "signal");
        var started = await harness.StartAsync("signal");

        var unknown = await harness.SignalAsync(started.InstanceId, "Other");
        var result = await harness.SignalAsync(started.InstanceId, "Replied", JsonValue.Create("frozen"));

        unknown.Rejection.ShouldBe(Rejection.NotApplicable);
        result.Status.ShouldBe(WorkflowStatus.Completed);
        harness.Store.Get(started.InstanceId).Variables["reply"]!.GetValue<string>().ShouldBe("frozen");
        harness.Store.SaveCount.ShouldBe(2);
    }

    [Fact]
    public async Task SignalAsync_UnknownInstance_IsNotApplicable()
    {
        var harness = new RuntimeHarness();

        var result = await harness.SignalAsync(Guid.NewGuid(), "Replied");

        result.Rejection.ShouldBe(Rejection.NotApplicable);
        harness.Store.SaveCount.ShouldBe(0);
    }
}
