using System.Text.Json.Nodes;
using Coordination.Workflow.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Engine;

public sealed class WorkflowEngineFlowTests
{
    [Fact]
    public void Start_StartConnectedToEnd_CompletesWithOutcomeAndOutputs()
    {
        var run = new EngineRun("""
            {
              "variables": [ { "name": "verdict", "type": "string", "default": "no-fraud" } ],
              "outputs": [ { "name": "verdict", "type": "string" } ],
              "activities": [ { "id": "start", "type": "Start" }, { "id": "end", "type": "End", "outcome": "Closed" } ],
              "connections": [ "start -> end" ]
            }
            """);

        var result = run.Start();

        result.Applied.ShouldBeTrue();
        result.State.Status.ShouldBe(WorkflowStatus.Completed);
        result.State.Outcome.ShouldBe("Closed");
        var completed = result.Effects.OfType<WorkflowCompletedEffect>().ShouldHaveSingleItem();
        completed.Outcome.ShouldBe("Closed");
        completed.Outputs["verdict"]!.GetValue<string>().ShouldBe("no-fraud");
        result.State.Tokens.ShouldBeEmpty();
        result.Journal.Select(j => j.Event).ShouldBe(["Started", "Executed", "Executed", "Completed"]);
    }

    [Fact]
    public void Start_PathEndsWithoutEnd_CompletesWithoutOutcome()
    {
        var run = new EngineRun("""
            {
              "activities": [ { "id": "start", "type": "Start" }, { "id": "note", "type": "Milestone", "name": "Seen" } ],
              "connections": [ "start -> note" ]
            }
            """);

        var result = run.Start();

        result.State.Status.ShouldBe(WorkflowStatus.Completed);
        result.State.Outcome.ShouldBeNull();
    }

    [Fact]
    public void Start_InputsAndVariables_AreVisibleToExpressions()
    {
        var run = new EngineRun("""
            {
              "variables": [ { "name": "greeting", "type": "string" } ],
              "outputs": [ { "name": "greeting", "type": "string" } ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "set", "type": "SetVariable", "variable": "greeting", "value": "'case ' + input.caseId" },
                { "id": "end", "type": "End" }
              ],
              "connections": [ "start -> set", "set -> end" ]
            }
            """);

        var result = run.Start("""{ "caseId": "C-1" }""");

        result.Effects.OfType<WorkflowCompletedEffect>().Single().Outputs["greeting"]!.GetValue<string>().ShouldBe("case C-1");
    }

    [Theory]
    [InlineData(5000, "high")]
    [InlineData(50, "low")]
    public void Execute_Decision_LeavesThroughTrueOrFalse(int amount, string expectedOutcome)
    {
        var run = new EngineRun("""
            {
              "variables": [ { "name": "amount", "type": "number", "default": 0 } ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "big", "type": "Decision", "condition": "input.amount > 1000" },
                { "id": "high", "type": "End", "outcome": "high" },
                { "id": "low", "type": "End", "outcome": "low" }
              ],
              "connections": [ "start -> big", "big:True -> high", "big:False -> low" ]
            }
            """);

        var result = run.Start($$"""{ "amount": {{amount}} }""");

        result.State.Outcome.ShouldBe(expectedOutcome);
        result.Journal.ShouldContain(j => j.ActivityId == "big" && j.Event == "Executed" && j.Payload == (amount > 1000 ? "True" : "False"));
    }

    [Theory]
    [InlineData("bank", "bank")]
    [InlineData("shop", "shop")]
    [InlineData("other", "default")]
    public void Execute_Switch_TakesFirstMatchingCaseElseDefault(string channel, string expectedOutcome)
    {
        // Both the first and the second case hold for "bank"; the first one wins.
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "route", "type": "Switch", "cases": [
                    { "port": "Bank", "condition": "input.channel === 'bank'" },
                    { "port": "Shop", "condition": "input.channel === 'shop' || input.channel === 'bank'" } ] },
                { "id": "bank", "type": "End", "outcome": "bank" },
                { "id": "shop", "type": "End", "outcome": "shop" },
                { "id": "fallback", "type": "End", "outcome": "default" }
              ],
              "connections": [ "start -> route", "route:Bank -> bank", "route:Shop -> shop", "route:Default -> fallback" ]
            }
            """);

        var result = run.Start($$"""{ "channel": "{{channel}}" }""");

        result.State.Outcome.ShouldBe(expectedOutcome);
    }

    [Fact]
    public void Execute_SetVariable_StoresEvaluatedValue()
    {
        var run = new EngineRun("""
            {
              "variables": [ { "name": "total", "type": "number", "default": 0 }, { "name": "lines", "type": "array", "default": [ 10, 20, 12.5 ] } ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "sum", "type": "SetVariable", "variable": "total", "value": "lines.reduce((a, b) => a + b, 0)" },
                { "id": "wait", "type": "WaitForSignal", "signal": "go" }
              ],
              "connections": [ "start -> sum", "sum -> wait" ]
            }
            """);

        var result = run.Start();

        result.State.Variables["total"]!.GetValue<double>().ShouldBe(42.5);
    }

    [Fact]
    public void Execute_Milestone_RecordsNameAndTimeAndEmitsEffect()
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "reported", "type": "Milestone", "name": "ReportFiled" },
                { "id": "wait", "type": "WaitForSignal", "signal": "go" }
              ],
              "connections": [ "start -> reported", "reported -> wait" ]
            }
            """);

        var result = run.Start();

        result.State.Milestones.ShouldHaveSingleItem().ShouldBe(new MilestoneRecord("ReportFiled", "reported", EngineRun.T0));
        result.Effects.OfType<MilestoneReachedEffect>().ShouldHaveSingleItem().ShouldBe(new MilestoneReachedEffect("ReportFiled", "reported", EngineRun.T0));
    }

    [Fact]
    public void Execute_WaitForSignal_StoresPayloadAndContinues()
    {
        var run = new EngineRun("""
            {
              "variables": [ { "name": "reply", "type": "object" } ],
              "outputs": [ { "name": "reply", "type": "object" } ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "wait", "type": "WaitForSignal", "signal": "BankReplied", "output": "reply" },
                { "id": "end", "type": "End", "outcome": "Replied" }
              ],
              "connections": [ "start -> wait", "wait -> end" ]
            }
            """);
        run.Start();
        run.State.Status.ShouldBe(WorkflowStatus.Running);
        run.BookmarkOf("wait", BookmarkKind.Signal).Name.ShouldBe("BankReplied");

        var result = run.Apply(new SignalStimulus("BankReplied", JsonNode.Parse("""{ "frozen": true }"""), "bank-gateway"));

        result.Applied.ShouldBeTrue();
        result.State.Status.ShouldBe(WorkflowStatus.Completed);
        result.State.Variables["reply"]!["frozen"]!.GetValue<bool>().ShouldBeTrue();
        result.Journal.ShouldContain(j => j.Event == "Resumed" && j.Actor == "bank-gateway");
    }

    [Fact]
    public void Execute_SignalNobodyWaitsFor_IsNotApplicableAndStateUnchanged()
    {
        var run = new EngineRun("""
            {
              "activities": [ { "id": "start", "type": "Start" }, { "id": "wait", "type": "WaitForSignal", "signal": "BankReplied" } ],
              "connections": [ "start -> wait" ]
            }
            """);
        run.Start();
        var before = run.State;

        var result = run.Apply(new SignalStimulus("SomethingElse", null, "bank-gateway"));

        result.Rejection.ShouldBe(Rejection.NotApplicable);
        result.Message.ShouldNotBeNull().ShouldContain("SomethingElse");
        result.State.ShouldBeSameAs(before);
        result.Effects.ShouldBeEmpty();
        result.Journal.ShouldBeEmpty();
        before.Bookmarks.ShouldHaveSingleItem().Kind.ShouldBe(BookmarkKind.Signal);
    }

    [Fact]
    public void Execute_StimulusAfterCompletion_IsRejected()
    {
        var run = new EngineRun("""
            {
              "activities": [ { "id": "start", "type": "Start" }, { "id": "end", "type": "End" } ],
              "connections": [ "start -> end" ]
            }
            """);
        run.Start();

        run.Apply(new SignalStimulus("go", null, "bob")).Rejection.ShouldBe(Rejection.NotApplicable);
        run.Apply(new TimerElapsedStimulus(Guid.NewGuid())).Rejection.ShouldBe(Rejection.BookmarkNotFound);
        run.Apply(new RetryStimulus("bob")).Rejection.ShouldBe(Rejection.NotApplicable);
    }
}
