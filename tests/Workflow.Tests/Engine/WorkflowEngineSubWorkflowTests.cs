using System.Text.Json.Nodes;
using Coordination.Workflow.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Engine;

public sealed class WorkflowEngineSubWorkflowTests
{
    private const string PerBank = """
        {
          "variables": [ { "name": "answers", "type": "array" } ],
          "outputs": [ { "name": "answers", "type": "array" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "askBanks", "type": "SubWorkflow", "definitionId": "bank-request", "items": "input.banks", "itemVariable": "bank",
              "inputs": { "bankName": "bank.name", "caseId": "input.caseId" }, "outputs": { "answers": "answer" } },
            { "id": "end", "type": "End", "outcome": "Asked" }
          ],
          "connections": [ "start -> askBanks", "askBanks -> end" ]
        }
        """;

    [Fact]
    public void Execute_SubWorkflowPerItem_StartsOneChildPerItemWithEvaluatedInputs()
    {
        var run = new EngineRun(PerBank);

        var result = run.Start("""{ "caseId": "C-7", "banks": [ { "name": "ING" }, { "name": "ABN" } ] }""");

        var children = result.Effects.OfType<StartChildEffect>().ToList();
        children.Count.ShouldBe(2);
        children.ShouldAllBe(c => c.DefinitionId == "bank-request");
        children.Select(c => c.Input["bankName"]!.GetValue<string>()).ShouldBe(["ING", "ABN"]);
        children.ShouldAllBe(c => c.Input["caseId"]!.GetValue<string>() == "C-7");
        children.Select(c => c.ChildInstanceId).Distinct().Count().ShouldBe(2);
        result.State.Bookmarks.Where(b => b.Kind == BookmarkKind.Child).Select(b => b.Id).ShouldBe(children.Select(c => c.BookmarkId));
    }

    [Fact]
    public void Execute_AllChildrenCompleted_MapsOutputsAsArrayInItemOrder()
    {
        var run = new EngineRun(PerBank);
        run.Start("""{ "caseId": "C-7", "banks": [ { "name": "ING" }, { "name": "ABN" }, { "name": "Rabo" } ] }""");
        var children = run.All<StartChildEffect>();

        // Children finish in a different order than they were started.
        run.Apply(new ChildCompletedStimulus(children[2].BookmarkId, "Answered", EngineRun.Obj("""{ "answer": "rabo-yes" }"""))).State.Status.ShouldBe(WorkflowStatus.Running);
        run.Apply(new ChildCompletedStimulus(children[0].BookmarkId, "Answered", EngineRun.Obj("""{ "answer": "ing-no" }"""))).State.Status.ShouldBe(WorkflowStatus.Running);
        var last = run.Apply(new ChildCompletedStimulus(children[1].BookmarkId, "Answered", EngineRun.Obj("""{ "answer": "abn-yes" }""")));

        last.State.Outcome.ShouldBe("Asked");
        last.State.Variables["answers"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["ing-no", "abn-yes", "rabo-yes"]);
    }

    [Fact]
    public void Execute_ChildCompletedTwice_SecondIsBookmarkNotFound()
    {
        var run = new EngineRun(PerBank);
        run.Start("""{ "caseId": "C-7", "banks": [ { "name": "ING" }, { "name": "ABN" } ] }""");
        var child = run.All<StartChildEffect>()[0];
        run.Apply(new ChildCompletedStimulus(child.BookmarkId, null, EngineRun.Obj("""{ "answer": "x" }""")));

        run.Apply(new ChildCompletedStimulus(child.BookmarkId, null, EngineRun.Obj("""{ "answer": "y" }"""))).Rejection.ShouldBe(Rejection.BookmarkNotFound);
    }

    [Fact]
    public void Execute_SingleSubWorkflow_MapsOutputValue()
    {
        var run = new EngineRun("""
            {
              "variables": [ { "name": "verdict", "type": "string" } ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "assess", "type": "SubWorkflow", "definitionId": "assessment", "inputs": { "caseId": "input.caseId" }, "outputs": { "verdict": "result" } },
                { "id": "wait", "type": "WaitForSignal", "signal": "go" }
              ],
              "connections": [ "start -> assess", "assess -> wait" ]
            }
            """);
        run.Start("""{ "caseId": "C-9" }""");
        var child = run.All<StartChildEffect>().ShouldHaveSingleItem();
        child.Input["caseId"]!.GetValue<string>().ShouldBe("C-9");

        var result = run.Apply(new ChildCompletedStimulus(child.BookmarkId, "Done", EngineRun.Obj("""{ "result": "fraud" }""")));

        result.State.Variables["verdict"]!.GetValue<string>().ShouldBe("fraud");
        result.State.Bookmarks.ShouldHaveSingleItem().Kind.ShouldBe(BookmarkKind.Signal);
    }

    [Fact]
    public void Execute_SubWorkflowOverEmptyCollection_ContinuesWithEmptyArray()
    {
        var run = new EngineRun(PerBank);

        var result = run.Start("""{ "caseId": "C-7", "banks": [] }""");

        result.Effects.OfType<StartChildEffect>().ShouldBeEmpty();
        result.State.Outcome.ShouldBe("Asked");
        result.State.Variables["answers"]!.AsArray().ShouldBeEmpty();
    }

    [Fact]
    public void Execute_ChildInputFailsForOneItem_FaultsWithoutStartingAnyChildAndRetryStartsAll()
    {
        var run = new EngineRun("""
            {
              "variables": [ { "name": "banks", "type": "array" } ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "askBanks", "type": "SubWorkflow", "definitionId": "bank-request", "items": "banks", "itemVariable": "bank", "inputs": { "bankName": "bank.name" } }
              ],
              "connections": [ "start -> askBanks" ]
            }
            """);

        // No banks yet: "items" is not an array. Then the second bank is null: "bank.name" fails on it after the
        // first child's input was already computed.
        run.Start().State.Status.ShouldBe(WorkflowStatus.Faulted);
        run.State.Variables["banks"] = JsonNode.Parse("""[ { "name": "ING" }, null ]""");
        var result = run.Apply(new RetryStimulus("operator"));

        result.State.Status.ShouldBe(WorkflowStatus.Faulted);
        result.State.Incident!.ActivityId.ShouldBe("askBanks");
        result.Effects.OfType<StartChildEffect>().ShouldBeEmpty();
        result.State.Bookmarks.ShouldBeEmpty();

        run.State.Variables["banks"] = JsonNode.Parse("""[ { "name": "ING" }, { "name": "ABN" } ]""");
        var retried = run.Apply(new RetryStimulus("operator"));

        retried.State.Status.ShouldBe(WorkflowStatus.Running);
        retried.Effects.OfType<StartChildEffect>().Select(c => c.Input["bankName"]!.GetValue<string>()).ShouldBe(["ING", "ABN"]);
        retried.State.Bookmarks.Count(b => b.Kind == BookmarkKind.Child).ShouldBe(2);
    }
}
