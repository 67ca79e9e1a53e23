using System.Text.Json.Nodes;
using Coordination.Workflow.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Engine;

public sealed class WorkflowEngineIncidentTests
{
    private const string Triage = """
        {
          "variables": [ { "name": "order", "type": "object" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "large", "type": "Decision", "condition": "order.total > 1000" },
            { "id": "high", "type": "End", "outcome": "High" },
            { "id": "low", "type": "End", "outcome": "Low" }
          ],
          "connections": [ "start -> large", "large:True -> high", "large:False -> low" ]
        }
        """;

    [Fact]
    public void Start_ExpressionFails_FaultsWithIncidentAtTheActivity()
    {
        var run = new EngineRun(Triage);

        var result = run.Start();

        result.Applied.ShouldBeTrue();
        result.State.Status.ShouldBe(WorkflowStatus.Faulted);
        var incident = result.State.Incident.ShouldNotBeNull();
        incident.ActivityId.ShouldBe("large");
        incident.Message.ShouldContain("condition");
        incident.At.ShouldBe(EngineRun.T0);
        result.Effects.OfType<WorkflowFaultedEffect>().ShouldHaveSingleItem().Incident.ShouldBe(incident);
        result.Journal.ShouldContain(j => j.Event == "Faulted" && j.ActivityId == "large");
    }

    [Fact]
    public void Start_MissingVariable_FaultsAtTheActivity()
    {
        var run = new EngineRun("""
            {
              "activities": [ { "id": "start", "type": "Start" }, { "id": "set", "type": "SetVariable", "variable": "x", "value": "notDeclared * 2" } ],
              "connections": [ "start -> set" ]
            }
            """);

        var result = run.Start();

        result.State.Status.ShouldBe(WorkflowStatus.Faulted);
        result.State.Incident!.ActivityId.ShouldBe("set");
        result.State.Incident.Message.ShouldContain("notDeclared");
    }

    [Fact]
    public void Execute_RetryAfterFixingVariables_ReExecutesTheFaultedActivity()
    {
        var run = new EngineRun(Triage);
        run.Start();
        run.State.Variables["order"] = JsonNode.Parse("""{ "total": 2500 }""");

        var result = run.Apply(new RetryStimulus("operator"));

        result.Applied.ShouldBeTrue();
        result.State.Incident.ShouldBeNull();
        result.State.Outcome.ShouldBe("High");
    }

    [Fact]
    public void Execute_RetryWithoutFixing_FaultsAgain()
    {
        var run = new EngineRun(Triage);
        run.Start();

        var result = run.Apply(new RetryStimulus("operator"));

        result.Applied.ShouldBeTrue();
        result.State.Status.ShouldBe(WorkflowStatus.Faulted);
        result.State.Incident!.ActivityId.ShouldBe("large");
    }

    [Fact]
    public void Start_EndlessLoopWithoutWait_FaultsAfterActivityLimit()
    {
        var run = new EngineRun("""
            {
              "variables": [ { "name": "round", "type": "number", "default": 0 } ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "again", "type": "Fork" },
                { "id": "count", "type": "Milestone", "name": "Round" }
              ],
              "connections": [ "start -> again", "again -> count", "count -> again" ]
            }
            """);

        var result = run.Start();

        result.State.Status.ShouldBe(WorkflowStatus.Faulted);
        result.State.Incident!.Message.ShouldContain("endless loop");
        result.State.Incident.ActivityId.ShouldBeOneOf("again", "count");
        result.Effects.OfType<MilestoneReachedEffect>().Count().ShouldBeLessThanOrEqualTo(WorkflowEngine.MaxActivitiesPerStimulus);
    }

    [Fact]
    public void Execute_EscalationRoleExpressionFails_FaultsAtTheTask()
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "review", "type": "HumanTask", "title": "Review", "role": "Analyst", "outcomes": [ "Done" ],
                  "escalation": { "after": "PT4H", "role": { "expression": "lead.role" } } }
              ],
              "connections": [ "start -> review" ]
            }
            """);
        run.Start();

        var result = run.Apply(new TimerElapsedStimulus(run.BookmarkOf("review", BookmarkKind.Escalation).Id));

        result.State.Status.ShouldBe(WorkflowStatus.Faulted);
        result.State.Incident!.ActivityId.ShouldBe("review");
        result.Effects.OfType<EscalateTaskEffect>().ShouldBeEmpty();
    }
}
