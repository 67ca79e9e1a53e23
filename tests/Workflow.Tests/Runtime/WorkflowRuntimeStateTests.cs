using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Coordination.Workflow.Tests.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Runtime;

public sealed class WorkflowRuntimeStateTests
{
    [Fact]
    public async Task CompleteTaskAsync_LoopStateRestoredFromJson_KeepsItemsScopesAndJoins()
    {
        // Every call below loads the instance from its state JSON, so loop items, scopes and join tokens must survive it.
        var harness = new RuntimeHarness().Publish("""
            {
              "variables": [ { "name": "handled", "type": "array", "default": [] } ],
              "outputs": [ { "name": "handled", "type": "array" } ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "each", "type": "ParallelForEach", "items": "input.banks", "itemVariable": "bank",
                  "activities": [
                    { "id": "bodyStart", "type": "Start" },
                    { "id": "fork", "type": "Fork" },
                    { "id": "freeze", "type": "HumanTask", "title": "Freeze", "role": "Analyst", "agency": { "expression": "bank.name" }, "outcomes": [ "Done" ] },
                    { "id": "inform", "type": "HumanTask", "title": "Inform", "role": "Analyst", "agency": { "expression": "bank.name" }, "outcomes": [ "Done" ] },
                    { "id": "join", "type": "Join" },
                    { "id": "note", "type": "SetVariable", "variable": "handled", "value": "[...handled, bank.name]" }
                  ],
                  "connections": [ "bodyStart -> fork", "fork -> freeze", "fork -> inform", "freeze -> join", "inform -> join", "join -> note" ] },
                { "id": "end", "type": "End", "outcome": "Done" }
              ],
              "connections": [ "start -> each", "each -> end" ]
            }
            """, "banks");
        var started = await harness.StartAsync("banks", """{ "banks": [ { "name": "ING" }, { "name": "ABN" } ] }""");
        var tasks = started.Effects.OfType<CreateTaskEffect>().ToDictionary(t => (t.ActivityId, t.Agency!), t => t.TaskId);

        await harness.CompleteTaskAsync(tasks[("freeze", "ABN")], "Done");
        await harness.CompleteTaskAsync(tasks[("freeze", "ING")], "Done");
        await harness.CompleteTaskAsync(tasks[("inform", "ABN")], "Done");
        harness.Store.Get(started.InstanceId).Variables["handled"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["ABN"]);
        var last = await harness.CompleteTaskAsync(tasks[("inform", "ING")], "Done");

        last.Status.ShouldBe(WorkflowStatus.Completed);
        var stored = harness.Store.Get(started.InstanceId);
        stored.Variables["handled"]!.AsArray().Select(n => n!.GetValue<string>()).ShouldBe(["ABN", "ING"]);
        stored.Revision.ShouldBe(5);
    }

    [Fact]
    public void Restore_StateJsonOfRunningInstance_GivesEqualState()
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "each", "type": "ParallelForEach", "items": "input.banks",
                  "activities": [ { "id": "ask", "type": "HumanTask", "title": "Ask", "role": "Analyst", "outcomes": [ "Done" ],
                                    "escalation": { "after": "PT1H", "role": "Lead" } } ],
                  "connections": [] }
              ],
              "connections": [ "start -> each" ]
            }
            """);
        run.Start("""{ "banks": [ "ING", { "name": "ABN" } ] }""");
        var json = WorkflowInstance.New(run.State, "case-9", null, null, EngineRun.T0).StateJson;

        var restored = WorkflowInstance.Restore(json, 7, "case-9", null, null, EngineRun.T0, EngineRun.T0);

        restored.StateJson.ShouldBe(json);
        restored.Revision.ShouldBe(7);
        restored.Bookmarks.ShouldBe(run.State.Bookmarks);
        restored.State.Tokens.ShouldBe(run.State.Tokens);
        restored.State.Scopes.Select(s => s.Item?.ToJsonString()).ShouldBe(run.State.Scopes.Select(s => s.Item?.ToJsonString()));
    }
}
