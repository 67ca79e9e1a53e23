using Coordination.Workflow.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Engine;

public sealed class WorkflowEngineJoinTests
{
    private const string TwoTasksThenJoin = """
        {
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "fork", "type": "Fork" },
            { "id": "bank", "type": "HumanTask", "title": "Bank", "role": "Analyst", "outcomes": [ "Done", "Skip" ] },
            { "id": "police", "type": "HumanTask", "title": "Police", "role": "Officer", "outcomes": [ "Done" ] },
            { "id": "join", "type": "Join", "mode": "WaitAll" },
            { "id": "after", "type": "Milestone", "name": "Joined" },
            { "id": "end", "type": "End", "outcome": "Joined" }
          ],
          "connections": [ "start -> fork", "fork -> bank", "fork -> police", "bank -> join", "police -> join", "join -> after", "after -> end" ]
        }
        """;

    [Fact]
    public void Execute_Fork_StartsEveryBranch()
    {
        var run = new EngineRun(TwoTasksThenJoin);

        var result = run.Start();

        result.Effects.OfType<CreateTaskEffect>().Select(t => t.ActivityId).ShouldBe(["bank", "police"]);
        result.State.Tokens.Count.ShouldBe(2);
    }

    [Fact]
    public void Execute_JoinWaitAll_FiresOnlyAfterAllBranchesArrived()
    {
        var run = new EngineRun(TwoTasksThenJoin);
        run.Start();

        var first = run.CompleteTask(run.TaskOf("police"), "Done");

        first.State.Status.ShouldBe(WorkflowStatus.Running);
        first.Effects.OfType<MilestoneReachedEffect>().ShouldBeEmpty();

        var second = run.CompleteTask(run.TaskOf("bank"), "Done");

        second.Effects.OfType<MilestoneReachedEffect>().ShouldHaveSingleItem().Name.ShouldBe("Joined");
        second.State.Outcome.ShouldBe("Joined");
        run.All<MilestoneReachedEffect>().Count.ShouldBe(1);
    }

    [Fact]
    public void Execute_JoinWaitAll_BranchEndingAtDeadEndDoesNotBlockJoin()
    {
        // "bank" leaving through Skip has nowhere to go: that branch is simply finished.
        var run = new EngineRun(TwoTasksThenJoin);
        run.Start();
        run.CompleteTask(run.TaskOf("police"), "Done").State.Status.ShouldBe(WorkflowStatus.Running);

        var result = run.CompleteTask(run.TaskOf("bank"), "Skip");

        result.Effects.OfType<MilestoneReachedEffect>().ShouldHaveSingleItem();
        result.State.Outcome.ShouldBe("Joined");
    }

    [Fact]
    public void Execute_JoinWaitAll_DeadEndBeforeOtherBranchArrives_JoinFiresOnArrival()
    {
        var run = new EngineRun(TwoTasksThenJoin);
        run.Start();
        run.CompleteTask(run.TaskOf("bank"), "Skip").State.Status.ShouldBe(WorkflowStatus.Running);

        var result = run.CompleteTask(run.TaskOf("police"), "Done");

        result.State.Outcome.ShouldBe("Joined");
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Execute_JoinWaitAll_DecisionInBranch_WaitsOnlyForBranchesThatCanStillArrive(bool needsCheck)
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "fork", "type": "Fork" },
                { "id": "review", "type": "HumanTask", "title": "Review", "role": "Analyst", "outcomes": [ "Done" ] },
                { "id": "needsCheck", "type": "Decision", "condition": "input.needsCheck" },
                { "id": "check", "type": "HumanTask", "title": "Check", "role": "Checker", "outcomes": [ "Done" ] },
                { "id": "skipped", "type": "Milestone", "name": "CheckSkipped" },
                { "id": "join", "type": "Join" },
                { "id": "end", "type": "End", "outcome": "Joined" }
              ],
              "connections": [
                "start -> fork", "fork -> review", "fork -> needsCheck",
                "needsCheck:True -> check", "needsCheck:False -> skipped",
                "review -> join", "check -> join", "join -> end"
              ]
            }
            """);
        run.Start($$"""{ "needsCheck": {{(needsCheck ? "true" : "false")}} }""");

        var afterReview = run.CompleteTask(run.TaskOf("review"), "Done");

        if (needsCheck)
        {
            afterReview.State.Status.ShouldBe(WorkflowStatus.Running);
            run.CompleteTask(run.TaskOf("check"), "Done").State.Outcome.ShouldBe("Joined");
        }
        else
        {
            afterReview.State.Status.ShouldBe(WorkflowStatus.Completed);
            afterReview.State.Outcome.ShouldBe("Joined");
        }
    }

    [Fact]
    public void Execute_JoinWaitAny_FirstArrivalWinsAndOtherBranchesAreWithdrawn()
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "fork", "type": "Fork" },
                { "id": "bank", "type": "HumanTask", "title": "Bank", "role": "Analyst", "outcomes": [ "Done" ],
                  "sla": { "duration": "P1D", "time": "calendar" }, "escalation": { "atPercent": 80, "role": "Lead" } },
                { "id": "police", "type": "HumanTask", "title": "Police", "role": "Officer", "outcomes": [ "Done" ] },
                { "id": "deadline", "type": "Timer", "duration": "P5D" },
                { "id": "join", "type": "Join", "mode": "WaitAny" },
                { "id": "end", "type": "End", "outcome": "First" }
              ],
              "connections": [ "start -> fork", "fork -> bank", "fork -> police", "fork -> deadline", "bank -> join", "police -> join", "deadline -> join", "join -> end" ]
            }
            """);
        run.Start();
        var bankTask = run.TaskOf("bank");
        var escalation = run.BookmarkOf("bank", BookmarkKind.Escalation).Id;
        var timer = run.BookmarkOf("deadline", BookmarkKind.Timer).Id;

        var result = run.CompleteTask(run.TaskOf("police"), "Done");

        result.State.Outcome.ShouldBe("First");
        result.Effects.OfType<CancelTaskEffect>().ShouldHaveSingleItem().ShouldBe(new CancelTaskEffect(bankTask, "bank"));
        result.Effects.OfType<CancelTimerEffect>().Select(c => c.BookmarkId).ShouldBe([escalation, timer], ignoreOrder: true);
        result.State.Bookmarks.ShouldBeEmpty();
        run.CompleteTask(bankTask, "Done").Rejection.ShouldBe(Rejection.BookmarkNotFound);
    }

    [Fact]
    public void Execute_JoinWaitAny_ContinuesOnceEvenIfWorkRemainsElsewhere()
    {
        // A branch that cannot reach the WaitAny join (the "audit" task) keeps running after the join fires.
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "fork", "type": "Fork" },
                { "id": "a", "type": "HumanTask", "title": "A", "role": "R", "outcomes": [ "Done" ] },
                { "id": "b", "type": "HumanTask", "title": "B", "role": "R", "outcomes": [ "Done" ] },
                { "id": "audit", "type": "HumanTask", "title": "Audit", "role": "Auditor", "outcomes": [ "Done" ] },
                { "id": "join", "type": "Join", "mode": "WaitAny" },
                { "id": "after", "type": "Milestone", "name": "Any" }
              ],
              "connections": [ "start -> fork", "fork -> a", "fork -> b", "fork -> audit", "a -> join", "b -> join", "join -> after" ]
            }
            """);
        run.Start();
        var audit = run.TaskOf("audit");

        var result = run.CompleteTask(run.TaskOf("a"), "Done");

        result.Effects.OfType<MilestoneReachedEffect>().ShouldHaveSingleItem();
        result.Effects.OfType<CancelTaskEffect>().ShouldHaveSingleItem().ActivityId.ShouldBe("b");
        result.State.Status.ShouldBe(WorkflowStatus.Running);
        result.State.Bookmarks.ShouldHaveSingleItem().Id.ShouldBe(audit);
        run.CompleteTask(audit, "Done").State.Status.ShouldBe(WorkflowStatus.Completed);
    }

    [Fact]
    public void Execute_EndReachedInOneBranch_EndsWorkflowAndWithdrawsOtherBranches()
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "fork", "type": "Fork" },
                { "id": "review", "type": "HumanTask", "title": "Review", "role": "Analyst", "outcomes": [ "Done" ] },
                { "id": "withdraw", "type": "WaitForSignal", "signal": "Withdrawn" },
                { "id": "withdrawn", "type": "End", "outcome": "Withdrawn" }
              ],
              "connections": [ "start -> fork", "fork -> review", "fork -> withdraw", "withdraw -> withdrawn" ]
            }
            """);
        run.Start();
        var review = run.TaskOf("review");

        var result = run.Apply(new SignalStimulus("Withdrawn", null, "reporter"));

        result.State.Status.ShouldBe(WorkflowStatus.Completed);
        result.State.Outcome.ShouldBe("Withdrawn");
        result.Effects.OfType<CancelTaskEffect>().ShouldHaveSingleItem().TaskId.ShouldBe(review);
        result.State.Bookmarks.ShouldBeEmpty();
    }
}
