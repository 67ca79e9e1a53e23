using System.Text.Json.Nodes;
using Coordination.Workflow.Definitions;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Definitions;

public sealed class DefinitionJsonRoundTripTests
{
    [Fact]
    public void Write_ParsedValidFixture_IsStableOverASecondRoundTrip()
    {
        var first = DefinitionJson.Write(DefinitionFixtures.Parse("valid.json"));

        var second = DefinitionJson.Write(DefinitionJson.Parse(first, "first write"));

        second.ShouldBe(first);
    }

    [Fact]
    public void Parse_WrittenValidFixture_KeepsMetadataAndVariables()
    {
        var (original, copy) = RoundTrip();

        copy.Key.ShouldBe("every-activity@3");
        copy.Name.ShouldBe(new LocalizedText("Elke activiteit", "Every activity"));
        copy.Description.ShouldBe(original.Description);
        copy.Variables.Select(v => (v.Name, v.Type)).ShouldBe(original.Variables.Select(v => (v.Name, v.Type)));
        copy.Variables.Single(v => v.Name == "reportCount").Default!.GetValue<int>().ShouldBe(0);
        copy.Variables.Single(v => v.Name == "riskScore").Default.ShouldBeNull();
        JsonNode.DeepEquals(copy.Variables.Single(v => v.Name == "reports").Default, new JsonArray()).ShouldBeTrue();
        copy.Inputs.ShouldBe(original.Inputs);
        copy.Outputs.ShouldBe([new ParameterDefinition("approved", VariableType.Boolean, true)]);
    }

    [Fact]
    public void Parse_WrittenValidFixture_KeepsActivitiesAndConnections()
    {
        var (original, copy) = RoundTrip();

        copy.Flowchart.Activities.Count.ShouldBe(19);
        copy.Flowchart.Activities.Select(a => (a.Id, a.Type)).ShouldBe(original.Flowchart.Activities.Select(a => (a.Id, a.Type)));
        copy.Flowchart.Connections.ShouldBe(original.Flowchart.Connections);
        copy.Flowchart.Connections.ShouldContain(new Connection("start", "Done", "count-reports"));
        copy.Flowchart.Connections.ShouldContain(new Connection("route-by-count", "Default", "end-approved"));
    }

    [Fact]
    public void Parse_WrittenValidFixture_KeepsHumanTask()
    {
        var (_, copy) = RoundTrip();

        var task = copy.Flowchart.Find("assess").ShouldBeOfType<HumanTaskActivity>();
        task.Title.ShouldBe(new LocalizedText("Beoordeel de zaak", "Assess the case"));
        task.Role.ShouldBe(Binding.Of("analyst"));
        task.Agency.ShouldBe(Binding.Expr("input.agency"));
        task.Sla.ShouldBe(new SlaDefinition(new IsoDuration(days: 5), TimeKind.Working));
        task.Escalation.ShouldBe(new EscalationDefinition(75, null, Binding.Of("supervisor"), Binding.Expr("input.agency")));
        task.Outcomes.ShouldBe(["Approve", "Reject"]);
        task.Outputs.ShouldBe(new Dictionary<string, string> { ["approved"] = "decision", ["notes"] = "remarks" }, ignoreOrder: true);
        task.Form.ShouldNotBeNull();
        task.Form.FormKey.ShouldBeNull();
        task.Form.Fields.Count.ShouldBe(2);
        var decision = task.Form.Fields[0];
        (decision.Name, decision.Label, decision.FieldType, decision.Required).ShouldBe(("decision", new LocalizedText("Besluit", "Decision"), "choice", true));
        decision.AllowedValues.ShouldBe(["approve", "reject"]);
        var remarks = task.Form.Fields[1];
        (remarks.Name, remarks.Label, remarks.FieldType, remarks.Required).ShouldBe(("remarks", new LocalizedText("Opmerkingen"), "text", false));
    }

    [Fact]
    public void Parse_WrittenValidFixture_KeepsNestedBody()
    {
        var (original, copy) = RoundTrip();

        var loop = copy.Flowchart.Find("per-report").ShouldBeOfType<ParallelForEachActivity>();
        var originalLoop = original.Flowchart.Find("per-report").ShouldBeOfType<ParallelForEachActivity>();
        (loop.Items, loop.ItemVariable).ShouldBe(("reports", "report"));
        loop.Body.Activities.Select(a => (a.Id, a.Type)).ShouldBe(
            [("report-start", "Start"), ("report-fork", "Fork"), ("check-iban", "Step"), ("report-checked", "Milestone"), ("report-join", "Join"), ("report-end", "End")]);
        loop.Body.Connections.ShouldBe(originalLoop.Body.Connections);
        loop.Body.Connections.ShouldContain(new Connection("report-fork", "Iban", "check-iban"));
        loop.Body.Find("report-end").ShouldBe(new EndActivity("report-end", "checked"));
        loop.Body.Find("check-iban").ShouldBeOfType<StepActivity>().Inputs["iban"].ShouldBe("report.iban");
    }

    [Fact]
    public void Parse_WrittenValidFixture_KeepsOtherActivities()
    {
        var (_, copy) = RoundTrip();
        var find = copy.Flowchart.Find;

        find("is-approved").ShouldBe(new DecisionActivity("is-approved", "approved === true && riskScore < 80"));
        find("route-by-count").ShouldBeOfType<SwitchActivity>().Cases.ShouldBe([new SwitchCase("Many", "reportCount >= 3"), new SwitchCase("Some", "reportCount > 0")]);
        find("both-done").ShouldBe(new JoinActivity("both-done", JoinMode.WaitAll));
        find("first-done").ShouldBe(new JoinActivity("first-done", JoinMode.WaitAny));
        find("cooling-off").ShouldBe(new TimerActivity("cooling-off", new IsoDuration(days: 2), null));
        find("until-deadline").ShouldBe(new TimerActivity("until-deadline", null, "deadline"));
        find("bank-reply").ShouldBe(new WaitForSignalActivity("bank-reply", "bank-replied", "bankReply"));
        find("withdrawn").ShouldBe(new WaitForSignalActivity("withdrawn", "withdrawn", null));
        find("count-reports").ShouldBe(new SetVariableActivity("count-reports", "reportCount", "reports.length"));
        find("intake-done").ShouldBe(new MilestoneActivity("intake-done", "intake"));
        find("end-approved").ShouldBe(new EndActivity("end-approved", "approved"));

        var step = find("score-risk").ShouldBeOfType<StepActivity>();
        (step.StepKey, step.Inputs["caseId"], step.Outputs["riskScore"]).ShouldBe(("score-risk", "input.caseId", "score"));
        step.Outcomes.ShouldBe(["Scored", "Failed"]);

        var child = find("child-per-report").ShouldBeOfType<SubWorkflowActivity>();
        (child.DefinitionId, child.Items, child.ItemVariable).ShouldBe(("report-check", "reports", "report"));
        child.Inputs.ShouldBe(new Dictionary<string, string> { ["reportId"] = "report.id", ["caseId"] = "input.caseId" }, ignoreOrder: true);
        child.Outputs.ShouldBe(new Dictionary<string, string> { ["childResults"] = "result" }, ignoreOrder: true);
    }

    [Fact]
    public void Parse_WrittenFieldRequiredForOneOutcome_KeepsWhichOutcome()
    {
        var definition = DefinitionJson.Parse("""
            {
              "definitionId": "order", "version": 1, "name": { "nl": "Vordering" },
              "activities": [
                { "id": "start", "type": "Start" },
                {
                  "id": "draft", "type": "HumanTask", "title": { "nl": "Opstellen" }, "role": "PoliceInvestigator",
                  "form": { "fields": [ { "name": "person", "type": "text", "required": true, "requiredFor": [ "Submit" ] }, { "name": "note", "type": "text" } ] },
                  "outcomes": [ "Submit", "Drop" ]
                },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "source": { "activity": "start" }, "target": { "activity": "draft" } },
                { "source": { "activity": "draft", "port": "Submit" }, "target": { "activity": "end" } },
                { "source": { "activity": "draft", "port": "Drop" }, "target": { "activity": "end" } }
              ]
            }
            """);

        var fields = DefinitionJson.Parse(DefinitionJson.Write(definition)).Flowchart.AllActivities.OfType<HumanTaskActivity>().Single().Form!.Fields;

        fields[0].RequiredFor.ShouldBe(["Submit"]);
        (fields[0].IsRequiredFor("Submit"), fields[0].IsRequiredFor("Drop")).ShouldBe((true, false));
        fields[1].RequiredFor.ShouldBeNull();
    }

    [Fact]
    public void Validate_WrittenValidFixture_HasNoProblems()
    {
        var (_, copy) = RoundTrip();

        DefinitionFixtures.NewValidator().Validate(copy).ShouldBeEmpty();
    }

    private static (WorkflowDefinition Original, WorkflowDefinition Copy) RoundTrip()
    {
        var original = DefinitionFixtures.Parse("valid.json");
        return (original, DefinitionJson.Parse(DefinitionJson.Write(original), "written"));
    }
}
