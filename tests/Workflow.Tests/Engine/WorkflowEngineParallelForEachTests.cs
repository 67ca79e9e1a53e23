using Coordination.Workflow.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Engine;

public sealed class WorkflowEngineParallelForEachTests
{
    private const string TaskPerBank = """
        {
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "each", "type": "ParallelForEach", "items": "input.banks", "itemVariable": "bank",
              "activities": [
                { "id": "ask", "type": "HumanTask", "title": "Ask bank", "role": "Analyst", "agency": { "expression": "bank.name" }, "outcomes": [ "Done" ] }
              ],
              "connections": [] },
            { "id": "done", "type": "End", "outcome": "AllAsked" }
          ],
          "connections": [ "start -> each", "each -> done" ]
        }
        """;

    [Fact]
    public void Execute_ParallelForEach_RunsOneIterationPerItemWithItemVariable()
    {
        var run = new EngineRun(TaskPerBank);

        var result = run.Start("""{ "banks": [ { "name": "ING" }, { "name": "ABN" }, { "name": "Rabo" } ] }""");

        result.Effects.OfType<CreateTaskEffect>().Select(t => t.Agency).ShouldBe(["ING", "ABN", "Rabo"]);
        result.State.Status.ShouldBe(WorkflowStatus.Running);
    }

    [Fact]
    public void Execute_ParallelForEach_LeavesThroughDoneOnlyAfterAllIterations()
    {
        var run = new EngineRun(TaskPerBank);
        run.Start("""{ "banks": [ { "name": "ING" }, { "name": "ABN" } ] }""");
        var tasks = run.All<CreateTaskEffect>();

        run.CompleteTask(tasks[1].TaskId, "Done").State.Status.ShouldBe(WorkflowStatus.Running);
        var last = run.CompleteTask(tasks[0].TaskId, "Done");

        last.State.Status.ShouldBe(WorkflowStatus.Completed);
        last.State.Outcome.ShouldBe("AllAsked");
        last.State.Scopes.ShouldHaveSingleItem().ParentId.ShouldBeNull();
    }

    [Fact]
    public void Execute_ParallelForEachOverEmptyCollection_LeavesThroughDoneAtOnce()
    {
        var run = new EngineRun(TaskPerBank);

        var result = run.Start("""{ "banks": [] }""");

        result.Effects.OfType<CreateTaskEffect>().ShouldBeEmpty();
        result.State.Outcome.ShouldBe("AllAsked");
    }

    [Fact]
    public void Execute_ParallelForEachItemsNotAnArray_FaultsAtTheLoop()
    {
        var run = new EngineRun(TaskPerBank);

        var result = run.Start("""{ "banks": "ING" }""");

        result.State.Status.ShouldBe(WorkflowStatus.Faulted);
        result.State.Incident!.ActivityId.ShouldBe("each");
    }

    [Fact]
    public void Execute_NestedForkJoinInBody_EachIterationJoinsOnItsOwn()
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "each", "type": "ParallelForEach", "items": "input.banks", "itemVariable": "bank",
                  "activities": [
                    { "id": "bodyStart", "type": "Start" },
                    { "id": "fork", "type": "Fork" },
                    { "id": "freeze", "type": "HumanTask", "title": "Freeze", "role": "Analyst", "agency": { "expression": "bank" }, "outcomes": [ "Done" ] },
                    { "id": "inform", "type": "HumanTask", "title": "Inform", "role": "Analyst", "agency": { "expression": "bank" }, "outcomes": [ "Done" ] },
                    { "id": "join", "type": "Join", "mode": "WaitAll" },
                    { "id": "bankDone", "type": "Milestone", "name": "BankDone" }
                  ],
                  "connections": [ "bodyStart -> fork", "fork -> freeze", "fork -> inform", "freeze -> join", "inform -> join", "join -> bankDone" ] },
                { "id": "end", "type": "End", "outcome": "AllBanksDone" }
              ],
              "connections": [ "start -> each", "each -> end" ]
            }
            """);
        run.Start("""{ "banks": [ "ING", "ABN" ] }""");
        var tasks = run.All<CreateTaskEffect>().ToDictionary(t => (t.ActivityId, t.Agency!), t => t.TaskId);
        tasks.Count.ShouldBe(4);

        // One branch of each iteration: neither iteration's join may fire on the other's arrivals.
        run.CompleteTask(tasks[("freeze", "ING")], "Done").Effects.OfType<MilestoneReachedEffect>().ShouldBeEmpty();
        run.CompleteTask(tasks[("inform", "ABN")], "Done").Effects.OfType<MilestoneReachedEffect>().ShouldBeEmpty();

        var ingDone = run.CompleteTask(tasks[("inform", "ING")], "Done");
        ingDone.Effects.OfType<MilestoneReachedEffect>().ShouldHaveSingleItem();
        ingDone.State.Status.ShouldBe(WorkflowStatus.Running);

        var allDone = run.CompleteTask(tasks[("freeze", "ABN")], "Done");
        allDone.Effects.OfType<MilestoneReachedEffect>().ShouldHaveSingleItem();
        allDone.State.Outcome.ShouldBe("AllBanksDone");
    }

    [Fact]
    public void Execute_EndInsideBody_EndsOnlyThatIteration()
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "each", "type": "ParallelForEach", "items": "input.amounts", "itemVariable": "amount",
                  "activities": [
                    { "id": "bodyStart", "type": "Start" },
                    { "id": "small", "type": "Decision", "condition": "amount < 100" },
                    { "id": "skip", "type": "End", "outcome": "Small" },
                    { "id": "review", "type": "HumanTask", "title": "Review", "role": "Analyst", "outcomes": [ "Done" ] }
                  ],
                  "connections": [ "bodyStart -> small", "small:True -> skip", "small:False -> review" ] },
                { "id": "end", "type": "End", "outcome": "Reviewed" }
              ],
              "connections": [ "start -> each", "each -> end" ]
            }
            """);

        var started = run.Start("""{ "amounts": [ 50, 5000 ] }""");

        started.State.Status.ShouldBe(WorkflowStatus.Running);
        started.State.Outcome.ShouldBeNull();
        started.Effects.OfType<WorkflowCompletedEffect>().ShouldBeEmpty();
        started.Effects.OfType<CreateTaskEffect>().ShouldHaveSingleItem();

        var result = run.CompleteTask(run.TaskOf("review"), "Done");

        result.State.Outcome.ShouldBe("Reviewed");
    }

    [Fact]
    public void Execute_EndInsideBody_WithdrawsOtherWorkOfThatIterationOnly()
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "each", "type": "ParallelForEach", "items": "input.banks", "itemVariable": "bank",
                  "activities": [
                    { "id": "bodyStart", "type": "Start" },
                    { "id": "fork", "type": "Fork" },
                    { "id": "ask", "type": "HumanTask", "title": "Ask", "role": "Analyst", "agency": { "expression": "bank" }, "outcomes": [ "Done" ] },
                    { "id": "reply", "type": "WaitForSignal", "signal": "Replied" },
                    { "id": "stop", "type": "End" }
                  ],
                  "connections": [ "bodyStart -> fork", "fork -> ask", "fork -> reply", "reply -> stop" ] },
                { "id": "end", "type": "End", "outcome": "Done" }
              ],
              "connections": [ "start -> each", "each -> end" ]
            }
            """);
        run.Start("""{ "banks": [ "ING", "ABN" ] }""");
        var tasks = run.All<CreateTaskEffect>();

        // The signal reaches both iterations: each End withdraws only its own iteration's task.
        var result = run.Apply(new SignalStimulus("Replied", null, "bank"));

        result.Effects.OfType<CancelTaskEffect>().Select(c => c.TaskId).ShouldBe(tasks.Select(t => t.TaskId), ignoreOrder: true);
        result.State.Outcome.ShouldBe("Done");
    }
}
