using Coordination.Workflow.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Engine;

public sealed class WorkflowEngineCancelTests
{
    [Fact]
    public void Execute_Cancel_WithdrawsEveryTaskTimerAndChild()
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "fork", "type": "Fork" },
                { "id": "review", "type": "HumanTask", "title": "Review", "role": "Analyst", "outcomes": [ "Done" ],
                  "escalation": { "after": "PT4H", "role": "Lead" } },
                { "id": "cool", "type": "Timer", "duration": "P3D" },
                { "id": "ask", "type": "SubWorkflow", "definitionId": "bank-request", "items": "input.banks", "inputs": { "bank": "item" } },
                { "id": "reply", "type": "WaitForSignal", "signal": "Replied" },
                { "id": "each", "type": "ParallelForEach", "items": "input.banks", "itemVariable": "bank",
                  "activities": [ { "id": "inner", "type": "HumanTask", "title": "Inner", "role": "Analyst", "outcomes": [ "Done" ] } ],
                  "connections": [] }
              ],
              "connections": [ "start -> fork", "fork -> review", "fork -> cool", "fork -> ask", "fork -> reply", "fork -> each" ]
            }
            """);
        run.Start("""{ "banks": [ "ING", "ABN" ] }""");
        var tasks = run.All<CreateTaskEffect>().Select(t => t.TaskId).ToList();
        var timers = run.All<ScheduleTimerEffect>().Select(t => t.BookmarkId).ToList();
        var children = run.All<StartChildEffect>().Select(c => c.ChildInstanceId).ToList();
        tasks.Count.ShouldBe(3);
        timers.Count.ShouldBe(2);
        children.Count.ShouldBe(2);

        var result = run.Apply(new CancelStimulus("Case withdrawn", "supervisor"));

        result.Applied.ShouldBeTrue();
        result.State.Status.ShouldBe(WorkflowStatus.Cancelled);
        result.Effects.OfType<CancelTaskEffect>().Select(c => c.TaskId).ShouldBe(tasks, ignoreOrder: true);
        result.Effects.OfType<CancelTimerEffect>().Select(c => c.BookmarkId).ShouldBe(timers, ignoreOrder: true);
        result.Effects.OfType<CancelChildEffect>().Select(c => c.ChildInstanceId).ShouldBe(children, ignoreOrder: true);
        result.Effects.OfType<CancelChildEffect>().ShouldAllBe(c => c.Reason == "Case withdrawn" && c.Actor == "supervisor");
        result.Effects.OfType<WorkflowCancelledEffect>().ShouldHaveSingleItem().Reason.ShouldBe("Case withdrawn");
        result.State.Bookmarks.ShouldBeEmpty();
        result.State.Tokens.ShouldBeEmpty();
        result.Journal.ShouldContain(j => j.Event == "Cancelled" && j.ActivityId == null && j.Actor == "supervisor");
        result.Journal.Count(j => j.Event == "Cancelled" && j.ActivityId == "inner").ShouldBe(2);
    }

    [Fact]
    public void Execute_CancelFaultedInstance_ClearsIncident()
    {
        var run = new EngineRun("""
            {
              "activities": [ { "id": "start", "type": "Start" }, { "id": "set", "type": "SetVariable", "variable": "x", "value": "missing.value" } ],
              "connections": [ "start -> set" ]
            }
            """);
        run.Start().State.Status.ShouldBe(WorkflowStatus.Faulted);

        var result = run.Apply(new CancelStimulus("Not needed", "supervisor"));

        result.State.Status.ShouldBe(WorkflowStatus.Cancelled);
        result.State.Incident.ShouldBeNull();
    }

    [Fact]
    public void Execute_CancelTwice_SecondIsNotApplicable()
    {
        var run = new EngineRun("""
            {
              "activities": [ { "id": "start", "type": "Start" }, { "id": "reply", "type": "WaitForSignal", "signal": "Replied" } ],
              "connections": [ "start -> reply" ]
            }
            """);
        run.Start();
        run.Apply(new CancelStimulus("first", "supervisor"));

        run.Apply(new CancelStimulus("second", "supervisor")).Rejection.ShouldBe(Rejection.NotApplicable);
    }
}
