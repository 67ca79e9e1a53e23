using Coordination.Workflow.Definitions;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Definitions;

public sealed class FlowchartTests
{
    [Fact]
    public void AllActivities_NestedLoops_IncludesEveryBodyDepthFirst()
    {
        var inner = new Flowchart([new StartActivity("inner-start"), new MilestoneActivity("deepest", "deep")], []);
        var body = new Flowchart([new StartActivity("body-start"), new ParallelForEachActivity("inner-loop", "items", "item", inner)], []);
        var root = new Flowchart([new StartActivity("start"), new ParallelForEachActivity("loop", "reports", "report", body), new EndActivity("end", null)], []);

        root.AllActivities.Select(a => a.Id).ShouldBe(["start", "loop", "body-start", "inner-loop", "inner-start", "deepest", "end"]);
        root.Find("deepest").ShouldBeNull("Find stays within one flowchart");
    }
}
