using Coordination.Workflow.Definitions;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Definitions;

// Rules the JSON reader already enforces can only reach the validator through definitions built in code
// (the host, or a future designer), so they are tested here on such definitions.
public sealed class DefinitionValidatorTests
{
    private readonly DefinitionValidator _validator = DefinitionFixtures.NewValidator();

    [Fact]
    public void Validate_SameIdInRootAndLoopBody_ReportsDuplicateId()
    {
        var body = new Flowchart([new StartActivity("check")], []);
        var definition = Define(
            [new StartActivity("start"), new MilestoneActivity("check", "checked"), new ParallelForEachActivity("loop", "reports", "report", body), new EndActivity("end", null)],
            [Connect("start", "check"), Connect("check", "loop"), Connect("loop", "end")]);

        var problems = _validator.Validate(definition);

        problems.ShouldContain(p => p.ActivityId == "check" && p.Message == "the activity id 'check' is used more than once");
    }

    [Fact]
    public void Validate_HumanTaskWithEmptyRole_ReportsMissingRole()
    {
        var task = new HumanTaskActivity("review", new LocalizedText("Beoordeel"), Binding.Of(string.Empty), null, null, null, null, ["Done"], new Dictionary<string, string>());
        var definition = Define([new StartActivity("start"), task, new EndActivity("end", null)], [Connect("start", "review"), Connect("review", "end")]);

        var problems = _validator.Validate(definition);

        problems.Select(p => (p.ActivityId, p.Message)).ShouldBe([("review", "a human task needs a role")]);
    }

    [Fact]
    public void Validate_FieldRequiredForAnOutcomeTheTaskHasNot_ReportsBothMistakes()
    {
        var form = new FormDefinition(null,
        [
            new FormField("person", new LocalizedText("Persoon"), "text", Required: true, [], RequiredFor: ["Sumbit"]),
            new FormField("data", new LocalizedText("Gegevens"), "text", Required: false, [], RequiredFor: ["Submit"]),
        ]);
        var task = new HumanTaskActivity("draft", new LocalizedText("Opstellen"), Binding.Of("PoliceInvestigator"), null, form, null, null, ["Submit", "Drop"], new Dictionary<string, string>());
        var definition = Define([new StartActivity("start"), task, new EndActivity("end", null)], [Connect("start", "draft"), new Connection("draft", "Submit", "end"), new Connection("draft", "Drop", "end")]);

        var problems = _validator.Validate(definition);

        problems.Select(p => (p.ActivityId, p.Message)).ShouldBe(
        [
            ("draft", "field 'person' is required for 'Sumbit', which is not an outcome of this task"),
            ("draft", "field 'data' has 'requiredFor' but not \"required\": true"),
        ]);
    }

    [Fact]
    public void Validate_HumanTaskSubjectWithSyntaxErrorOrUnknownVariable_ReportsItAtTheTask()
    {
        var broken = new HumanTaskActivity("trace", new LocalizedText("Rekening"), Binding.Of("investigator"), null, null, null, null, ["Done"], new Dictionary<string, string>(), Binding.Expr("input.iban +"));
        var unknown = broken with { Id = "trace2", Subject = Binding.Expr("accountNumber") };
        var definition = Define(
            [new StartActivity("start"), broken, unknown, new EndActivity("end", null)],
            [Connect("start", "trace"), Connect("trace", "trace2"), Connect("trace2", "end")]);

        var problems = _validator.Validate(definition);

        problems.Select(p => p.ActivityId).ShouldBe(["trace", "trace2"]);
        problems.ShouldAllBe(p => p.Message.Contains("'subject'"));
    }

    [Fact]
    public void Validate_TaskRefusalWithSyntaxErrorOrUnknownVariable_ReportsWhichPartAtTheTask()
    {
        var broken = new HumanTaskActivity("redraft", new LocalizedText("Vordering"), Binding.Of("investigator"), null, null, null, null, ["Done"],
            new Dictionary<string, string>(), Refusal: new RefusalBinding("refusal +", null));
        var unknown = broken with { Id = "redraft2", Refusal = new RefusalBinding("'te ruim'", "rejectionCode") };
        var definition = Define(
            [new StartActivity("start"), broken, unknown, new EndActivity("end", null)],
            [Connect("start", "redraft"), Connect("redraft", "redraft2"), Connect("redraft2", "end")]);

        var problems = _validator.Validate(definition);

        problems.Select(p => p.ActivityId).ShouldBe(["redraft", "redraft2"]);
        problems[0].Message.ShouldContain("'refusal.reason'");
        problems[1].Message.ShouldContain("'refusal.code'");
    }

    [Fact]
    public void Validate_SubWorkflowInputUsesItemWithoutItems_ReportsUnknownVariable()
    {
        var sub = new SubWorkflowActivity("child", "report-check", new Dictionary<string, string> { ["reportId"] = "item.id" }, new Dictionary<string, string>(), null, "item");
        var definition = Define([new StartActivity("start"), sub, new EndActivity("end", null)], [Connect("start", "child"), Connect("child", "end")]);

        var problems = _validator.Validate(definition);

        problems.Select(p => (p.ActivityId, p.Message)).ShouldBe([("child", "'inputs.reportId' uses 'item', which is not a variable of this workflow")]);
    }

    [Fact]
    public void Validate_ExpressionsUsingInputNowAndBuiltIns_HaveNoProblems()
    {
        var decision = new DecisionActivity("check", "new Date(input.deadline) < now && Math.max(1, 2) > 0");
        var definition = Define(
            [new StartActivity("start"), decision, new EndActivity("end", null)],
            [Connect("start", "check"), new Connection("check", DecisionActivity.TruePort, "end"), new Connection("check", DecisionActivity.FalsePort, "end")]);

        _validator.Validate(definition).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_ForkPortNames_AreFree()
    {
        var definition = Define(
            [new StartActivity("start"), new ForkActivity("fork"), new JoinActivity("join", JoinMode.WaitAny), new EndActivity("end", null)],
            [Connect("start", "fork"), new Connection("fork", "Anything", "join"), new Connection("fork", "Else", "join"), Connect("join", "end")]);

        _validator.Validate(definition).ShouldBeEmpty();
    }

    [Fact]
    public void Validate_ConnectionFromEnd_ReportsEndHasNoPorts()
    {
        var definition = Define(
            [new StartActivity("start"), new EndActivity("end", null), new MilestoneActivity("after", "after")],
            [Connect("start", "end"), Connect("end", "after")]);

        var problems = _validator.Validate(definition);

        problems.Select(p => (p.ActivityId, p.Message)).ShouldContain(("end", "has no port 'Done'; its ports are: none"));
    }

    [Fact]
    public void Validate_NullDefinition_Throws()
    {
        Should.Throw<ArgumentNullException>(() => _validator.Validate(null!));
    }

    private static Connection Connect(string source, string target) => new(source, ActivityDefinition.DonePort, target);

    private static WorkflowDefinition Define(IReadOnlyList<ActivityDefinition> activities, IReadOnlyList<Connection> connections) =>
        new("built-in-code", 1, new LocalizedText("In code"), null, [], [], [], new Flowchart(activities, connections));
}
