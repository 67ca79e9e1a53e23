using Coordination.Workflow.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Engine;

public sealed class WorkflowEngineTimerTests
{
    [Fact]
    public void Execute_TimerWithDuration_SchedulesAtNowPlusDuration()
    {
        var run = new EngineRun("""
            {
              "activities": [ { "id": "start", "type": "Start" }, { "id": "cool", "type": "Timer", "duration": "P1DT2H" }, { "id": "end", "type": "End", "outcome": "Waited" } ],
              "connections": [ "start -> cool", "cool -> end" ]
            }
            """);

        var result = run.Start();

        var timer = result.Effects.OfType<ScheduleTimerEffect>().ShouldHaveSingleItem();
        timer.ActivityId.ShouldBe("cool");
        timer.Due.At.ShouldBe(EngineRun.T0.AddDays(1).AddHours(2));
        run.BookmarkOf("cool", BookmarkKind.Timer).Id.ShouldBe(timer.BookmarkId);
        result.State.Status.ShouldBe(WorkflowStatus.Running);
    }

    [Fact]
    public void Execute_TimerElapsed_ContinuesThroughDone()
    {
        var run = new EngineRun("""
            {
              "activities": [ { "id": "start", "type": "Start" }, { "id": "cool", "type": "Timer", "duration": "PT1H" }, { "id": "end", "type": "End", "outcome": "Waited" } ],
              "connections": [ "start -> cool", "cool -> end" ]
            }
            """);
        run.Start();
        var timerId = run.BookmarkOf("cool", BookmarkKind.Timer).Id;
        run.Now = EngineRun.T0.AddHours(1);

        var result = run.Apply(new TimerElapsedStimulus(timerId));

        result.State.Outcome.ShouldBe("Waited");
        result.Journal.ShouldAllBe(j => j.At == EngineRun.T0.AddHours(1));
        run.Apply(new TimerElapsedStimulus(timerId)).Rejection.ShouldBe(Rejection.BookmarkNotFound);
    }

    [Fact]
    public void Execute_TimerUntil_SchedulesAtEvaluatedMomentInUtc()
    {
        var run = new EngineRun("""
            {
              "activities": [ { "id": "start", "type": "Start" }, { "id": "deadline", "type": "Timer", "until": "input.deadline" } ],
              "connections": [ "start -> deadline" ]
            }
            """);

        var result = run.Start("""{ "deadline": "2026-05-01T11:00:00+02:00" }""");

        var due = result.Effects.OfType<ScheduleTimerEffect>().ShouldHaveSingleItem().Due.At.ShouldNotBeNull();
        due.ShouldBe(new DateTimeOffset(2026, 5, 1, 9, 0, 0, TimeSpan.Zero));
        due.Offset.ShouldBe(TimeSpan.Zero);
    }

    [Fact]
    public void Execute_TimerUntilNotAMoment_FaultsAtTheTimer()
    {
        var run = new EngineRun("""
            {
              "activities": [ { "id": "start", "type": "Start" }, { "id": "deadline", "type": "Timer", "until": "input.deadline" } ],
              "connections": [ "start -> deadline" ]
            }
            """);

        var result = run.Start("""{ "deadline": 42 }""");

        result.State.Status.ShouldBe(WorkflowStatus.Faulted);
        result.State.Incident!.ActivityId.ShouldBe("deadline");
        result.State.Incident.Message.ShouldContain("ISO 8601");
        result.Effects.OfType<ScheduleTimerEffect>().ShouldBeEmpty();
    }
}
