using Coordination.Workflow.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Runtime;

public sealed class WorkflowRuntimeVersionTests
{
    private static string Version(string outcome) => $$"""
        {
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "review", "type": "HumanTask", "title": "Review", "role": "Analyst", "outcomes": [ "Done" ] },
            { "id": "end", "type": "End", "outcome": "{{outcome}}" }
          ],
          "connections": [ "start -> review", "review -> end" ]
        }
        """;

    [Fact]
    public async Task CompleteTaskAsync_NewerVersionPublishedMeanwhile_RunningInstanceKeepsItsVersion()
    {
        var harness = new RuntimeHarness().Publish(Version("closed-by-v1"), "review", version: 1);
        var old = await harness.StartAsync("review");
        var oldTask = old.Effects.OfType<CreateTaskEffect>().Single().TaskId;

        harness.Publish(Version("closed-by-v2"), "review", version: 2);
        var fresh = await harness.StartAsync("review");
        await harness.CompleteTaskAsync(oldTask, "Done");

        harness.Store.Get(old.InstanceId).DefinitionVersion.ShouldBe(1);
        harness.Store.Get(old.InstanceId).Outcome.ShouldBe("closed-by-v1");
        harness.Store.Get(fresh.InstanceId).DefinitionVersion.ShouldBe(2);
        harness.Definitions.Requests.ShouldBe([("review", null), ("review", null), ("review", 1)]);

        await harness.CompleteTaskAsync(fresh.Effects.OfType<CreateTaskEffect>().Single().TaskId, "Done");
        harness.Store.Get(fresh.InstanceId).Outcome.ShouldBe("closed-by-v2");
    }
}
