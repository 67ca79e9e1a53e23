using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Runtime;

public sealed class WorkflowRuntimeConcurrencyTests
{
    private const string Review = """
        {
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "review", "type": "HumanTask", "title": "Review", "role": "Analyst", "outcomes": [ "Done" ] },
            { "id": "milestone", "type": "Milestone", "name": "Reviewed" },
            { "id": "confirm", "type": "HumanTask", "title": "Confirm", "role": "Lead", "outcomes": [ "Done" ] }
          ],
          "connections": [ "start -> review", "review -> milestone", "milestone -> confirm" ]
        }
        """;

    [Fact]
    public async Task CompleteTaskAsync_FiftyParallelCallsOnOneTask_ExactlyOneSucceeds()
    {
        var (harness, instanceId, outcomes) = await CompleteInParallelAsync(holdSaves: false);

        outcomes.Count(o => o == "Succeeded").ShouldBe(1);
        outcomes.ShouldAllBe(o => o == "Succeeded" || o == nameof(Rejection.BookmarkNotFound) || o == "Concurrency");
        ShouldHaveAdvancedOnce(harness, instanceId);
    }

    [Fact]
    public async Task CompleteTaskAsync_FiftyCallsAllLoadingBeforeAnySave_OneSucceedsAndTheRestConflict()
    {
        var (harness, instanceId, outcomes) = await CompleteInParallelAsync(holdSaves: true);

        outcomes.Count(o => o == "Succeeded").ShouldBe(1);
        outcomes.Count(o => o == "Concurrency").ShouldBe(49);
        ShouldHaveAdvancedOnce(harness, instanceId);
    }

    private static async Task<(RuntimeHarness Harness, Guid InstanceId, string[] Outcomes)> CompleteInParallelAsync(bool holdSaves)
    {
        const int callers = 50;
        var harness = new RuntimeHarness().Publish(Review, "review");
        var started = await harness.StartAsync("review");
        var taskId = started.Effects.OfType<CreateTaskEffect>().Single().TaskId;
        harness.Store.HoldSavesUntilLoads = holdSaves ? callers : 0;
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var calls = Enumerable.Range(0, callers).Select(i => Task.Run(async () =>
        {
            await go.Task;
            try
            {
                var result = await harness.CompleteTaskAsync(taskId, "Done", actor: $"user-{i}");
                return result.Succeeded ? "Succeeded" : result.Rejection.ToString();
            }
            catch (WorkflowConcurrencyException)
            {
                return "Concurrency";
            }
        }, TestContext.Current.CancellationToken)).ToList();
        go.SetResult();
        return (harness, started.InstanceId, await Task.WhenAll(calls));
    }

    private static void ShouldHaveAdvancedOnce(RuntimeHarness harness, Guid instanceId)
    {
        harness.Store.SaveCount.ShouldBe(2);
        var stored = harness.Store.Get(instanceId);
        stored.Revision.ShouldBe(2);
        stored.Milestones.ShouldHaveSingleItem();
        stored.Bookmarks.ShouldHaveSingleItem().ActivityId.ShouldBe("confirm");
        var journal = harness.Store.JournalOf(instanceId);
        journal.Select(j => j.Sequence).ShouldBeUnique();
        journal.Select(j => j.Sequence).ShouldBe(Enumerable.Range(1, journal.Count).Select(i => (long)i));
        journal.Count(j => j.ActivityId == "review" && j.Event == "Resumed").ShouldBe(1);
        harness.Store.EffectsOf(instanceId).OfType<MilestoneReachedEffect>().ShouldHaveSingleItem();
    }
}
