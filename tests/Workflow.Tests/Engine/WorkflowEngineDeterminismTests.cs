using System.Text.Json;
using Coordination.Workflow.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Engine;

public sealed class WorkflowEngineDeterminismTests
{
    private const string Scenario = """
        {
          "variables": [ { "name": "answers", "type": "array" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "fork", "type": "Fork" },
            { "id": "review", "type": "HumanTask", "title": "Review", "role": "Analyst", "outcomes": [ "Done" ],
              "sla": { "duration": "P2D", "time": "working" }, "escalation": { "atPercent": 75, "role": "Lead" } },
            { "id": "each", "type": "ParallelForEach", "items": "input.banks", "itemVariable": "bank",
              "activities": [ { "id": "ask", "type": "HumanTask", "title": "Ask", "role": "Analyst", "agency": { "expression": "bank" }, "outcomes": [ "Done" ] } ],
              "connections": [] },
            { "id": "children", "type": "SubWorkflow", "definitionId": "bank-request", "items": "input.banks", "inputs": { "bank": "item" }, "outputs": { "answers": "answer" } },
            { "id": "cool", "type": "Timer", "duration": "PT1H" },
            { "id": "join", "type": "Join" },
            { "id": "end", "type": "End", "outcome": "Done" }
          ],
          "connections": [ "start -> fork", "fork -> review", "fork -> each", "fork -> children", "fork -> cool", "review -> join", "each -> join", "children -> join", "cool -> join", "join -> end" ]
        }
        """;

    [Fact]
    public void Start_SameInputsTwice_GivesIdenticalEffectsIdsAndJournal()
    {
        var first = new EngineRun(Scenario);
        var second = new EngineRun(Scenario);

        var a = first.Start("""{ "banks": [ "ING", "ABN" ] }""");
        var b = second.Start("""{ "banks": [ "ING", "ABN" ] }""");

        Serialize(a.Effects).ShouldBe(Serialize(b.Effects));
        Serialize(a.Journal).ShouldBe(Serialize(b.Journal));
        a.State.Bookmarks.Select(x => x.Id).ShouldBe(b.State.Bookmarks.Select(x => x.Id));
        a.State.Tokens.ShouldBe(b.State.Tokens);
    }

    [Fact]
    public void Execute_SameStimuliTwice_GivesIdenticalEffectsAndState()
    {
        var first = new EngineRun(Scenario);
        var second = new EngineRun(Scenario);
        foreach (var run in new[] { first, second })
        {
            run.Start("""{ "banks": [ "ING" ] }""");
            run.CompleteTask(run.TaskOf("review"), "Done");
            run.Apply(new TimerElapsedStimulus(run.BookmarkOf("cool", BookmarkKind.Timer).Id));
        }

        Serialize(first.Effects).ShouldBe(Serialize(second.Effects));
        Serialize(first.Journal).ShouldBe(Serialize(second.Journal));
        first.State.IdCounter.ShouldBe(second.State.IdCounter);
    }

    [Fact]
    public void Start_DifferentInstances_GiveDifferentIds()
    {
        var definition = TestDefinition.Parse(Scenario);
        var engine = new WorkflowEngine(new Coordination.Workflow.Expressions.ExpressionEvaluator());

        var a = engine.Start(definition, Guid.Parse("0196a0c4-1d2e-7000-8000-00000000000a"), EngineRun.Obj("""{ "banks": [ "ING" ] }"""), EngineRun.T0);
        var b = engine.Start(definition, Guid.Parse("0196a0c4-1d2e-7000-8000-00000000000b"), EngineRun.Obj("""{ "banks": [ "ING" ] }"""), EngineRun.T0);

        a.State.Bookmarks.Select(x => x.Id).Intersect(b.State.Bookmarks.Select(x => x.Id)).ShouldBeEmpty();
    }

    [Fact]
    public void Execute_ManyStimuli_JournalSequenceStrictlyIncreasingWithoutDuplicates()
    {
        var run = new EngineRun(Scenario);
        run.Start("""{ "banks": [ "ING", "ABN" ] }""");
        run.Apply(new TimerElapsedStimulus(run.BookmarkOf("review", BookmarkKind.Escalation).Id));
        run.CompleteTask(run.TaskOf("review"), "Done");
        foreach (var ask in run.All<CreateTaskEffect>().Where(t => t.ActivityId == "ask"))
        {
            run.CompleteTask(ask.TaskId, "Done");
        }

        foreach (var child in run.All<StartChildEffect>())
        {
            run.Apply(new ChildCompletedStimulus(child.BookmarkId, null, EngineRun.Obj("""{ "answer": 1 }""")));
        }

        run.CompleteTask(Guid.NewGuid(), "Done").Applied.ShouldBeFalse();
        run.Apply(new TimerElapsedStimulus(run.BookmarkOf("cool", BookmarkKind.Timer).Id));

        run.State.Outcome.ShouldBe("Done");
        var sequence = run.Journal.Select(j => j.Sequence).ToList();
        sequence.ShouldBe(Enumerable.Range(1, sequence.Count).Select(i => (long)i));
        run.State.JournalSequence.ShouldBe(sequence.Count);
    }

    private static string Serialize<T>(IEnumerable<T> items) =>
        string.Join('\n', items.Select(i => i!.GetType().Name + JsonSerializer.Serialize(i, i.GetType())));
}
