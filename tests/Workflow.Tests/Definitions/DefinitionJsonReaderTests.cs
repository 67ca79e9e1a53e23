using Coordination.Workflow.Definitions;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Definitions;

public sealed class DefinitionJsonReaderTests
{
    private const string Flow = """
        "activities": [ { "id": "start", "type": "Start" }, { "id": "end", "type": "End" } ],
        "connections": [ { "source": { "activity": "start" }, "target": { "activity": "end" } } ]
        """;

    [Theory]
    [InlineData("this is not JSON")]
    [InlineData("{ \"definitionId\": \"a\", ")]
    [InlineData("")]
    public void Parse_NotJson_ThrowsWithOneProblem(string text)
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(text, "broken.json"));

        exception.Source.ShouldBe("broken.json");
        var problem = exception.Problems.ShouldHaveSingleItem();
        problem.ActivityId.ShouldBeNull();
        problem.Message.ShouldStartWith("not valid JSON: ");
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("42")]
    [InlineData("null")]
    public void Parse_JsonThatIsNotAnObject_ReportsIt(string text)
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(text));

        exception.Problems.Select(p => (p.ActivityId, p.Message)).ShouldBe([(null, "the definition must be a JSON object")]);
    }

    [Fact]
    public void Read_ActivitiesThatCannotBeRead_StandInSoTheValidatorStillChecksTheFlowchartAroundThem()
    {
        // A task without a role and an activity of an unknown type (reading problems), a connection to nowhere and an
        // activity nothing reaches (the validator's): all four are listed, and nothing about what connects to the two.
        const string json = """
            {
              "definitionId": "mixed", "version": 1, "name": { "nl": "Gemengd" },
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "review", "type": "HumanTask", "title": { "nl": "Beoordelen" }, "outcomes": [ "Ok", "Redo" ] },
                { "id": "fax", "type": "SendFax" },
                { "id": "island", "type": "Milestone", "name": "nooit" },
                { "id": "end", "type": "End" }
              ],
              "connections": [
                { "source": { "activity": "start" }, "target": { "activity": "review" } },
                { "source": { "activity": "review", "port": "Ok" }, "target": { "activity": "fax" } },
                { "source": { "activity": "review", "port": "Redo" }, "target": { "activity": "nowhere" } },
                { "source": { "activity": "fax" }, "target": { "activity": "end" } },
                { "source": { "activity": "island" }, "target": { "activity": "end" } }
              ]
            }
            """;

        var reading = DefinitionJson.Read(json);
        var validated = DefinitionFixtures.NewValidator().Validate(reading.Definition.ShouldNotBeNull());

        reading.Problems.Select(p => p.ActivityId).ShouldBe(["review", "fax"], ignoreOrder: true);
        validated.Select(p => (p.ActivityId, p.Message)).ShouldBe(
            [("review", "a connection from port 'Redo' goes to 'nowhere', which is not an activity of this flowchart"), ("island", "cannot be reached from 'start'")],
            ignoreOrder: true);
        Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(json)).Problems.ShouldBe(reading.Problems);
    }

    [Fact]
    public void Read_NotJson_NoDefinitionAndOneProblem()
    {
        var reading = DefinitionJson.Read("{ nope");

        reading.Definition.ShouldBeNull();
        reading.Problems.ShouldHaveSingleItem().Message.ShouldStartWith("not valid JSON: ");
    }

    [Fact]
    public void Parse_MissingDefinitionIdVersionAndName_ReportsAllThree()
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse("{" + Flow + "}"));

        exception.Problems.Select(p => (p.ActivityId, p.Message)).ShouldBe(
            [
                (null, "'definitionId' is required"),
                (null, "'version' must be a whole number of at least 1"),
                (null, "'name' needs a Dutch text: { \"nl\": \"…\", \"en\": \"…\" }"),
            ],
            ignoreOrder: true);
    }

    [Theory]
    [InlineData("\"1\"")]
    [InlineData("0")]
    [InlineData("1.5")]
    [InlineData("-2")]
    public void Parse_VersionNotAPositiveWholeNumber_ReportsVersion(string version)
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(
            $$"""{ "definitionId": "a", "version": {{version}}, "name": { "nl": "A" }, {{Flow}} }"""));

        exception.Problems.Select(p => (p.ActivityId, p.Message)).ShouldBe([(null, "'version' must be a whole number of at least 1")]);
    }

    [Fact]
    public void Parse_NameAsPlainText_IsDutch()
    {
        var definition = DefinitionJson.Parse($$"""{ "definitionId": "a", "version": 2, "name": "Zaak", {{Flow}} }""");

        definition.Name.ShouldBe(new LocalizedText("Zaak"));
        definition.Key.ShouldBe("a@2");
    }

    [Fact]
    public void Parse_ActivitiesNotAnArray_ReportsIt()
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(
            """{ "definitionId": "a", "version": 1, "name": "A", "activities": { "id": "start", "type": "Start" } }"""));

        exception.Problems.Select(p => (p.ActivityId, p.Message)).ShouldBe([(null, "'activities' must be a JSON array")]);
    }

    [Fact]
    public void Parse_OutcomesWithANumber_ReportsItAtTheTask()
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(Wrap(
            """{ "id": "review", "type": "HumanTask", "title": "Beoordeel", "role": "analyst", "outcomes": ["Approve", 2] }""")));

        exception.Problems.Select(p => (p.ActivityId, p.Message)).ShouldBe([("review", "'outcomes' must contain only text")]);
    }

    [Fact]
    public void Parse_InputsMapWithANumber_ReportsTheEntry()
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(Wrap(
            """{ "id": "score", "type": "Step", "step": "score", "inputs": { "caseId": 42 } }""")));

        exception.Problems.Select(p => (p.ActivityId, p.Message)).ShouldBe([("score", "'inputs.caseId' must be text")]);
    }

    [Fact]
    public void Parse_ActivityThatIsNotAnObject_ReportsIt()
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(Wrap("\"Start\"")));

        exception.Problems.Select(p => (p.ActivityId, p.Message)).ShouldBe([(null, "each activity must be a JSON object")]);
    }

    [Theory]
    [InlineData("variables", "42")]
    [InlineData("variables", "\"count\"")]
    [InlineData("inputs", "42")]
    public void Parse_ListEntryThatIsNotAnObject_ReportsIt(string list, string entry)
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(
            $$"""{ "definitionId": "a", "version": 1, "name": "A", "{{list}}": [ {{entry}} ], {{Flow}} }"""));

        exception.Problems.ShouldHaveSingleItem().ActivityId.ShouldBeNull();
        exception.Problems[0].Message.ShouldContain($"'{list}'");
    }

    [Fact]
    public void Parse_SwitchCaseThatIsNotAnObject_ReportsIt()
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(Wrap(
            """{ "id": "route", "type": "Switch", "cases": [ "Many" ] }""")));

        exception.Problems.ShouldHaveSingleItem().ActivityId.ShouldBe("route");
        exception.Problems[0].Message.ShouldContain("'cases'");
    }

    [Fact]
    public void Parse_FormFieldThatIsNotAnObject_ReportsIt()
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(Wrap(
            """{ "id": "review", "type": "HumanTask", "title": "Beoordeel", "role": "analyst", "form": { "fields": [ "remarks" ] } }""")));

        exception.Problems.ShouldHaveSingleItem().ActivityId.ShouldBe("review");
        exception.Problems[0].Message.ShouldContain("'fields'");
    }

    [Fact]
    public void Parse_ConnectionPortThatIsNotText_ReportsIt()
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(
            """
            {
              "definitionId": "a", "version": 1, "name": "A",
              "activities": [ { "id": "start", "type": "Start" }, { "id": "end", "type": "End" } ],
              "connections": [ { "source": { "activity": "start", "port": 1 }, "target": { "activity": "end" } } ]
            }
            """));

        exception.Problems.Select(p => (p.ActivityId, p.Message)).ShouldBe([("start", "'port' must be non-empty text")]);
    }

    [Fact]
    public void Parse_BindingAsLiteral_IsLiteral()
    {
        var task = ParseTask("""{ "id": "review", "type": "HumanTask", "title": "Beoordeel", "role": "analyst", "agency": "fiod" }""");

        task.Role.ShouldBe(Binding.Of("analyst"));
        task.Role.IsExpression.ShouldBeFalse();
        task.Agency.ShouldBe(Binding.Of("fiod"));
    }

    [Fact]
    public void Parse_BindingAsExpression_IsExpression()
    {
        var task = ParseTask("""{ "id": "review", "type": "HumanTask", "title": "Beoordeel", "role": { "expression": "input.role" } }""");

        task.Role.ShouldBe(Binding.Expr("input.role"));
        task.Role.IsExpression.ShouldBeTrue();
        task.Role.ToString().ShouldBe("${input.role}");
        task.Agency.ShouldBeNull();
    }

    [Theory]
    [InlineData("42")]
    [InlineData("{ \"expr\": \"input.role\" }")]
    [InlineData("{ \"expression\": 42 }")]
    public void Parse_BindingOfWrongShape_ReportsIt(string role)
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(Wrap(
            $$"""{ "id": "review", "type": "HumanTask", "title": "Beoordeel", "role": {{role}} }""")));

        exception.Problems.Select(p => (p.ActivityId, p.Message)).ShouldContain(("review", "'role' must be text or { \"expression\": \"…\" }"));
    }

    [Fact]
    public void Parse_HumanTaskWithoutOutcomes_LeavesThroughDone()
    {
        var task = ParseTask("""{ "id": "review", "type": "HumanTask", "title": "Beoordeel", "role": "analyst" }""");

        task.Outcomes.ShouldBe([ActivityDefinition.DonePort]);
        task.Ports.ShouldBe([ActivityDefinition.DonePort]);
        task.Sla.ShouldBeNull();
    }

    [Fact]
    public void Parse_SlaWithoutTime_CountsWorkingDays()
    {
        var task = ParseTask("""{ "id": "review", "type": "HumanTask", "title": "Beoordeel", "role": "analyst", "sla": { "duration": "P2W" } }""");

        task.Sla.ShouldBe(new SlaDefinition(new IsoDuration(weeks: 2), TimeKind.Working));
    }

    [Fact]
    public void Parse_ConnectionWithoutPort_UsesDone()
    {
        var definition = DefinitionJson.Parse($$"""{ "definitionId": "a", "version": 1, "name": "A", {{Flow}} }""");

        definition.Flowchart.Connections.ShouldBe([new Connection("start", "Done", "end")]);
    }

    [Fact]
    public void Parse_CommentsAndTrailingCommas_AreAccepted()
    {
        var definition = DefinitionJson.Parse(
            """
            // a line comment before the object
            {
              /* a block comment */
              "definitionId": "commented", // after a value
              "version": 1,
              "name": { "nl": "Met commentaar", },
              "activities": [
                { "id": "start", "type": "Start", },
                { "id": "end", "type": "End", "outcome": "done", },
              ],
              "connections": [
                { "source": { "activity": "start", }, "target": { "activity": "end", }, },
              ],
            }
            """);

        definition.DefinitionId.ShouldBe("commented");
        definition.Flowchart.Activities.Select(a => a.Id).ShouldBe(["start", "end"]);
        definition.Flowchart.Find("end").ShouldBe(new EndActivity("end", "done"));
        definition.Flowchart.Connections.ShouldHaveSingleItem();
    }

    [Fact]
    public void Parse_StepWithoutOutcomesAndSubWorkflowWithoutItems_UseDefaults()
    {
        var definition = DefinitionJson.Parse(Wrap(
            """{ "id": "score", "type": "Step", "step": "score" }""",
            """{ "id": "child", "type": "SubWorkflow", "definitionId": "report-check" }""",
            """{ "id": "loop", "type": "ParallelForEach", "items": "reports" }""",
            """{ "id": "join", "type": "Join" }"""));

        var step = definition.Flowchart.Find("score").ShouldBeOfType<StepActivity>();
        step.Outcomes.ShouldBe([ActivityDefinition.DonePort]);
        step.Inputs.ShouldBeEmpty();
        var child = definition.Flowchart.Find("child").ShouldBeOfType<SubWorkflowActivity>();
        (child.Items, child.ItemVariable).ShouldBe((null, "item"));
        definition.Flowchart.Find("loop").ShouldBeOfType<ParallelForEachActivity>().ItemVariable.ShouldBe("item");
        definition.Flowchart.Find("join").ShouldBe(new JoinActivity("join", JoinMode.WaitAll));
    }

    [Fact]
    public void Parse_SeveralStructuralProblems_ReportsEveryOne()
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(
            """
            {
              "definitionId": "a", "version": 1, "name": "A",
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "mystery", "type": "SendFax" },
                { "id": "check", "type": "Decision" },
                { "id": "wait", "type": "Timer", "duration": "P5X" },
                { "id": "start", "type": "End" }
              ]
            }
            """,
            "several.json"));

        exception.Problems.Select(p => p.ActivityId).ShouldBe(["mystery", "check", "wait", "start"], ignoreOrder: true);
        exception.Message.ShouldStartWith("several.json has 4 problem(s):");
    }

    private static HumanTaskActivity ParseTask(string activity) =>
        DefinitionJson.Parse(Wrap(activity)).Flowchart.Find("review").ShouldBeOfType<HumanTaskActivity>();

    // A definition around the given activities; the reader does not check the graph, so no connections are needed.
    [Fact]
    public void Parse_AllowedValuesWithLabels_KeepsTheCodesAndTheirLabelsAndWritesThemBack()
    {
        var definition = DefinitionJson.Parse(Wrap(
            """
            { "id": "propose", "type": "HumanTask", "title": "Voorstel", "role": "investigator", "form": { "fields": [
              { "name": "role", "allowedValues": [ { "value": "MoneyMule", "label": { "nl": "Geldezel", "en": "Money mule" } }, "Other" ] } ] } }
            """));

        var field = definition.Flowchart.Activities.OfType<HumanTaskActivity>().Single().Form!.Fields.ShouldHaveSingleItem();
        field.AllowedValues.ShouldBe(["MoneyMule", "Other"]);
        field.ValueLabels.ShouldNotBeNull()["MoneyMule"].ShouldBe(new LocalizedText("Geldezel", "Money mule"));
        field.ValueLabels.ContainsKey("Other").ShouldBeFalse("a plain text is its own label");
        var again = DefinitionJson.Parse(DefinitionJson.Write(definition));
        again.Flowchart.Activities.OfType<HumanTaskActivity>().Single().Form!.Fields[0].ValueLabels!["MoneyMule"].En.ShouldBe("Money mule");
    }

    [Fact]
    public void Parse_AllowedValueThatIsANumber_ReportsItAtTheTask()
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(Wrap(
            """{ "id": "review", "type": "HumanTask", "title": "Beoordeel", "role": "analyst", "form": { "fields": [ { "name": "score", "allowedValues": [ 1 ] } ] } }""")));

        exception.Problems.Select(p => (p.ActivityId, p.Message)).ShouldBe([("review", "'allowedValues' of field 'score' must contain texts or objects with a 'value' and a 'label'")]);
    }

    [Fact]
    public void Parse_TaskSubject_KeepsTheBindingAndWritesItBack()
    {
        var definition = DefinitionJson.Parse(Wrap(
            """{ "id": "trace", "type": "HumanTask", "title": "Rekening", "role": "investigator", "subject": { "expression": "input.iban" } }"""));

        var task = definition.Flowchart.Activities.OfType<HumanTaskActivity>().Single();
        task.Subject.ShouldNotBeNull().Expression.ShouldBe("input.iban");
        DefinitionJson.Parse(DefinitionJson.Write(definition)).Flowchart.Activities.OfType<HumanTaskActivity>().Single().Subject.ShouldBe(task.Subject);
    }

    [Fact]
    public void Parse_TaskRefusal_KeepsBothExpressionsAndWritesThemBack()
    {
        var definition = DefinitionJson.Parse(Wrap(
            """{ "id": "redraft", "type": "HumanTask", "title": "Vordering", "role": "investigator", "refusal": { "reason": "refusal", "code": "refusalCode" } }"""));

        var task = definition.Flowchart.Activities.OfType<HumanTaskActivity>().Single();
        task.Refusal.ShouldBe(new RefusalBinding("refusal", "refusalCode"));
        DefinitionJson.Parse(DefinitionJson.Write(definition)).Flowchart.Activities.OfType<HumanTaskActivity>().Single().Refusal.ShouldBe(task.Refusal);
    }

    [Fact]
    public void Parse_TaskRefusalAsTextOrWithoutReason_ReportsEachAtItsTask()
    {
        var exception = Should.Throw<WorkflowDefinitionException>(() => DefinitionJson.Parse(Wrap(
            """{ "id": "a", "type": "HumanTask", "title": "A", "role": "investigator", "refusal": "refusal" }""",
            """{ "id": "b", "type": "HumanTask", "title": "B", "role": "investigator", "refusal": { "code": "refusalCode" } }""")));

        exception.Problems.Select(p => (p.ActivityId, p.Text.Code)).ShouldBe([("a", "refusal-shape"), ("b", "required")]);
        exception.Problems[1].Message.ShouldContain("'reason'");
    }

    private static string Wrap(params string[] activities) =>
        $$"""{ "definitionId": "a", "version": 1, "name": "A", "activities": [ {{string.Join(", ", activities)}} ] }""";
}
