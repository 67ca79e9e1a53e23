using Coordination.Workflow.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Engine;

public sealed class WorkflowEngineStepTests
{
    private const string Lookup = """
        {
          "variables": [ { "name": "holder", "type": "string" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "lookup", "type": "Step", "step": "iban-lookup", "inputs": { "iban": "input.iban" }, "outputs": { "holder": "accountHolder" }, "outcomes": [ "Found", "NotFound" ] },
            { "id": "found", "type": "End", "outcome": "Found" },
            { "id": "missing", "type": "End", "outcome": "Missing" }
          ],
          "connections": [ "start -> lookup", "lookup:Found -> found", "lookup:NotFound -> missing" ]
        }
        """;

    [Fact]
    public void Execute_Step_EmitsRunStepWithEvaluatedInputs()
    {
        var run = new EngineRun(Lookup);

        var result = run.Start("""{ "iban": "NL91ABNA0417164300" }""");

        var step = result.Effects.OfType<RunStepEffect>().ShouldHaveSingleItem();
        step.ActivityId.ShouldBe("lookup");
        step.StepKey.ShouldBe("iban-lookup");
        step.Input["iban"]!.GetValue<string>().ShouldBe("NL91ABNA0417164300");
        run.BookmarkOf("lookup", BookmarkKind.Step).Id.ShouldBe(step.BookmarkId);
    }

    [Theory]
    [InlineData("Found", "Found")]
    [InlineData("NotFound", "Missing")]
    public void Execute_StepCompleted_MapsOutputsAndFollowsOutcomePort(string outcome, string expectedEnd)
    {
        var run = new EngineRun(Lookup);
        run.Start("""{ "iban": "NL91ABNA0417164300" }""");

        var result = run.Apply(new StepCompletedStimulus(run.BookmarkOf("lookup", BookmarkKind.Step).Id, outcome, EngineRun.Obj("""{ "accountHolder": "J. Jansen" }""")));

        result.State.Outcome.ShouldBe(expectedEnd);
        result.State.Variables["holder"]!.GetValue<string>().ShouldBe("J. Jansen");
    }

    [Fact]
    public void Execute_StepCompletedWithUnknownOutcome_Faults()
    {
        var run = new EngineRun(Lookup);
        run.Start("""{ "iban": "NL91ABNA0417164300" }""");

        var result = run.Apply(new StepCompletedStimulus(run.BookmarkOf("lookup", BookmarkKind.Step).Id, "Perhaps", []));

        result.State.Status.ShouldBe(WorkflowStatus.Faulted);
        result.State.Incident!.ActivityId.ShouldBe("lookup");
        result.State.Incident.Message.ShouldContain("Perhaps");
    }

    [Fact]
    public void Execute_RetryAfterUnknownOutcome_RunsTheStepAgain()
    {
        var run = new EngineRun(Lookup);
        run.Start("""{ "iban": "NL91ABNA0417164300" }""");
        run.Apply(new StepCompletedStimulus(run.BookmarkOf("lookup", BookmarkKind.Step).Id, "Perhaps", []));

        var retried = run.Apply(new RetryStimulus("operator"));

        retried.Effects.OfType<RunStepEffect>().ShouldHaveSingleItem().ActivityId.ShouldBe("lookup");
        retried.State.Bookmarks.ShouldHaveSingleItem().Kind.ShouldBe(BookmarkKind.Step);
    }

    [Fact]
    public void Execute_StepFailed_FaultsWithIncidentAtTheStep()
    {
        var run = new EngineRun(Lookup);
        run.Start("""{ "iban": "NL91ABNA0417164300" }""");
        var bookmark = run.BookmarkOf("lookup", BookmarkKind.Step);

        var result = run.Apply(new StepFailedStimulus(bookmark.Id, "bank register unreachable"));

        result.State.Status.ShouldBe(WorkflowStatus.Faulted);
        var incident = result.State.Incident.ShouldNotBeNull();
        incident.ShouldBe(new Incident("lookup", "bank register unreachable", EngineRun.T0, bookmark.TokenId));
        result.Effects.OfType<WorkflowFaultedEffect>().ShouldHaveSingleItem().Incident.ShouldBe(incident);
        result.State.Bookmarks.ShouldBeEmpty();
    }

    [Fact]
    public void Execute_RetryAfterStepFailed_RunsTheStepAgain()
    {
        var run = new EngineRun(Lookup);
        run.Start("""{ "iban": "NL91ABNA0417164300" }""");
        var first = run.BookmarkOf("lookup", BookmarkKind.Step).Id;
        run.Apply(new StepFailedStimulus(first, "bank register unreachable"));

        var retried = run.Apply(new RetryStimulus("operator"));

        retried.Applied.ShouldBeTrue();
        retried.State.Status.ShouldBe(WorkflowStatus.Running);
        retried.State.Incident.ShouldBeNull();
        var again = retried.Effects.OfType<RunStepEffect>().ShouldHaveSingleItem();
        again.BookmarkId.ShouldNotBe(first);
        retried.Journal.ShouldContain(j => j.Event == "Retried" && j.Actor == "operator" && j.ActivityId == "lookup");
        run.Apply(new StepCompletedStimulus(again.BookmarkId, "Found", EngineRun.Obj("""{ "accountHolder": "X" }"""))).State.Outcome.ShouldBe("Found");
    }

    [Fact]
    public void Execute_RetryWhileRunning_IsNotApplicable()
    {
        var run = new EngineRun(Lookup);
        run.Start("""{ "iban": "NL91ABNA0417164300" }""");

        run.Apply(new RetryStimulus("operator")).Rejection.ShouldBe(Rejection.NotApplicable);
    }
}
