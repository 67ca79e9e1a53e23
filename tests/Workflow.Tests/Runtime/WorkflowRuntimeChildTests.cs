using System.Text.Json.Nodes;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Runtime;

public sealed class WorkflowRuntimeChildTests
{
    private const string Parent = """
        {
          "variables": [ { "name": "answers", "type": "array" } ],
          "outputs": [ { "name": "answers", "type": "array" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "ask", "type": "SubWorkflow", "definitionId": "bank-request", "items": "input.banks", "itemVariable": "bank",
              "inputs": { "bank": "bank" }, "outputs": { "answers": "answer" } },
            { "id": "end", "type": "End", "outcome": "AllAnswered" }
          ],
          "connections": [ "start -> ask", "ask -> end" ]
        }
        """;

    private const string StepChild = """
        {
          "inputs": [ { "name": "bank", "type": "string" } ],
          "variables": [ { "name": "answer", "type": "string" } ],
          "outputs": [ { "name": "answer", "type": "string" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "send", "type": "Step", "step": "send-request", "inputs": { "bank": "input.bank" }, "outputs": { "answer": "reply" } },
            { "id": "end", "type": "End", "outcome": "Answered" }
          ],
          "connections": [ "start -> send", "send -> end" ]
        }
        """;

    private const string TaskChild = """
        {
          "variables": [ { "name": "answer", "type": "string" } ],
          "outputs": [ { "name": "answer", "type": "string" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "record", "type": "HumanTask", "title": "Record reply", "role": "Analyst", "agency": { "expression": "input.bank" },
              "outcomes": [ "Done" ], "outputs": { "answer": "reply" } },
            { "id": "end", "type": "End", "outcome": "Answered" }
          ],
          "connections": [ "start -> record", "record -> end" ]
        }
        """;

    [Fact]
    public async Task StartAsync_ChildrenWithOnlyAStep_CompleteWithParentInOneCall()
    {
        var harness = new RuntimeHarness().Publish(Parent, "parent").Publish(StepChild, "bank-request");
        harness.Step("send-request", c => StepResult.Done(new JsonObject { ["reply"] = "yes from " + c.Input["bank"] }));

        var result = await harness.StartAsync("parent", """{ "banks": [ "ING", "ABN" ] }""", correlationId: "case-3");

        result.Status.ShouldBe(WorkflowStatus.Completed);
        harness.Store.SavedInstanceCounts.ShouldBe([3]);
        var parent = harness.Store.Get(result.InstanceId);
        parent.Outcome.ShouldBe("AllAnswered");
        parent.Variables["answers"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["yes from ING", "yes from ABN"]);
        var children = harness.Store.InstanceIds.Where(id => id != result.InstanceId).Select(harness.Store.Get).ToList();
        children.Count.ShouldBe(2);
        children.ShouldAllBe(c => c.Status == WorkflowStatus.Completed && c.ParentInstanceId == result.InstanceId && c.CorrelationId == "case-3");
        result.Effects.OfType<StartChildEffect>().Select(c => c.ChildInstanceId).ShouldBe(children.Select(c => c.Id), ignoreOrder: true);
    }

    [Fact]
    public async Task CompleteTaskAsync_LastChildTask_CompletesChildAndResumesParent()
    {
        var harness = new RuntimeHarness().Publish(Parent, "parent").Publish(TaskChild, "bank-request");
        var started = await harness.StartAsync("parent", """{ "banks": [ "ING", "ABN" ] }""");
        started.Status.ShouldBe(WorkflowStatus.Running);
        var childIds = started.Effects.OfType<StartChildEffect>().Select(c => c.ChildInstanceId).ToList();
        var tasks = childIds.Select(id => harness.Store.EffectsOf(id).OfType<CreateTaskEffect>().Single()).ToList();
        tasks.Select(t => t.Agency).ShouldBe(["ING", "ABN"]);

        var first = await harness.CompleteTaskAsync(tasks[1].TaskId, "Done", """{ "reply": "abn-yes" }""");
        harness.Store.Get(started.InstanceId).Status.ShouldBe(WorkflowStatus.Running);
        var last = await harness.CompleteTaskAsync(tasks[0].TaskId, "Done", """{ "reply": "ing-no" }""");

        first.Status.ShouldBe(WorkflowStatus.Completed);
        last.InstanceId.ShouldBe(childIds[0]);
        harness.Store.SavedInstanceCounts.ShouldBe([3, 2, 2]);
        var parent = harness.Store.Get(started.InstanceId);
        parent.Status.ShouldBe(WorkflowStatus.Completed);
        parent.Variables["answers"]!.AsArray().Select(a => a!.GetValue<string>()).ShouldBe(["ing-no", "abn-yes"]);
        parent.Revision.ShouldBe(3);
    }

    [Fact]
    public async Task CancelAsync_ParentWaitingForChildren_CancelsChildrenAndTheirTasks()
    {
        var harness = new RuntimeHarness().Publish(Parent, "parent").Publish(TaskChild, "bank-request");
        var started = await harness.StartAsync("parent", """{ "banks": [ "ING", "ABN" ] }""");
        var childIds = started.Effects.OfType<StartChildEffect>().Select(c => c.ChildInstanceId).ToList();

        var result = await harness.CancelAsync(started.InstanceId, "case closed");

        result.Status.ShouldBe(WorkflowStatus.Cancelled);
        result.Effects.OfType<CancelChildEffect>().Select(c => c.ChildInstanceId).ShouldBe(childIds, ignoreOrder: true);
        harness.Store.SavedInstanceCounts.ShouldBe([3, 3]);
        foreach (var childId in childIds)
        {
            harness.Store.Get(childId).Status.ShouldBe(WorkflowStatus.Cancelled);
            harness.Store.Get(childId).Bookmarks.ShouldBeEmpty();
            harness.Store.EffectsOf(childId).OfType<CancelTaskEffect>().ShouldHaveSingleItem();
            var cancelled = harness.Store.JournalOf(childId).Single(j => j.Event == "Cancelled" && j.ActivityId == null);
            (cancelled.Payload, cancelled.Actor).ShouldBe(("case closed", "supervisor"), "a child stops for the parent's reason, by the parent's hand");
        }
    }

    [Fact]
    public async Task CompleteTaskAsync_TaskOfCancelledChild_IsBookmarkNotFound()
    {
        var harness = new RuntimeHarness().Publish(Parent, "parent").Publish(TaskChild, "bank-request");
        var started = await harness.StartAsync("parent", """{ "banks": [ "ING" ] }""");
        var childId = started.Effects.OfType<StartChildEffect>().Single().ChildInstanceId;
        var taskId = harness.Store.EffectsOf(childId).OfType<CreateTaskEffect>().Single().TaskId;
        await harness.CancelAsync(started.InstanceId);

        var result = await harness.CompleteTaskAsync(taskId, "Done");

        result.Rejection.ShouldBe(Rejection.BookmarkNotFound);
    }
}
