using System.Reflection;
using Coordination.Workflow.Definitions;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Definitions;

public sealed class DefinitionFixtureTests
{
    private static readonly (string? ActivityId, string Fragment)[] _severalProblems =
    [
        (null, "the definition id 'Several_Problems' must be kebab-case"),
        ("check", "has no port 'Yes'"),
        ("orphan", "cannot be reached from 'start'"),
        ("check", "'condition' uses 'reportsCount'"),
        ("remember", "'variable' writes to 'verdict'"),
    ];

    [Fact]
    public void Validate_ValidFixtureWithEveryActivityType_HasNoProblems()
    {
        var definition = DefinitionFixtures.Parse("valid.json");

        DefinitionFixtures.NewValidator().Validate(definition).ShouldBeEmpty();
    }

    [Fact]
    public void Parse_ValidFixture_UsesEveryActivityType()
    {
        var definition = DefinitionFixtures.Parse("valid.json");
        var types = definition.Flowchart.Activities
            .Concat(definition.Flowchart.Activities.OfType<ParallelForEachActivity>().SelectMany(a => a.Body.Activities))
            .Select(a => a.Type)
            .ToHashSet(StringComparer.Ordinal);

        types.ShouldBe(
            ["Start", "End", "HumanTask", "Decision", "Switch", "Fork", "Join", "ParallelForEach", "SubWorkflow", "Timer", "WaitForSignal", "SetVariable", "Milestone", "Step"],
            ignoreOrder: true);
    }

    // The expectation lives here, not in the fixture, so a fixture cannot quietly agree with a wrong message.
    [Theory]
    [InlineData("unknown-activity-type.json", "mystery", "unknown activity type 'SendFax'")]
    [InlineData("dangling-connection-target.json", "start", "goes to 'nowhere', which is not an activity of this flowchart")]
    [InlineData("dangling-connection-source.json", "end", "comes from 'ghost', which is not an activity of this flowchart")]
    [InlineData("duplicate-connection.json", "start", "the connection from port 'Done' to 'end' is declared twice")]
    [InlineData("unknown-port.json", "check", "has no port 'Yes'; its ports are: True, False")]
    [InlineData("unreachable-activity.json", "orphan", "cannot be reached from 'start'")]
    [InlineData("no-path-to-end.json", "dead-end", "has no path to an End activity")]
    [InlineData("no-end.json", null, "the workflow has no End activity")]
    [InlineData("no-entry.json", null, "has no Start activity")]
    [InlineData("join-without-incoming.json", "join", "a Join needs incoming branches")]
    [InlineData("expression-syntax-error.json", "check", "'condition': Expression 'reportCount >= ) 3' has a syntax error at position 15")]
    [InlineData("unknown-variable.json", "check", "'condition' uses 'reportsCount', which is not a variable of this workflow")]
    [InlineData("item-variable-outside-body.json", "after-loop", "'condition' uses 'report', which is not a variable")]
    [InlineData("empty-loop-body.json", "per-report", "has no Start activity")]
    [InlineData("human-task-without-role.json", "review", "a human task needs a 'role'")]
    [InlineData("invalid-duration.json", "review", "'duration': 'P5X' is not an ISO-8601 duration")]
    [InlineData("working-sla-in-hours.json", "review", "'sla.duration' PT36H in working time must be whole days")]
    [InlineData("sla-time-unknown.json", "review", "'sla.time' must be 'working' or 'calendar', not 'office'")]
    [InlineData("zero-sla.json", "review", "'sla.duration' must be longer than zero")]
    [InlineData("duplicate-outcome.json", "review", "an outcome is listed twice")]
    [InlineData("escalation-percent-out-of-range.json", "review", "'escalation.atPercent' must be between 1 and 100, not 150")]
    [InlineData("escalation-without-threshold.json", "review", "an escalation needs exactly one of 'atPercent' (1–100) or 'after'")]
    [InlineData("escalation-percent-without-sla.json", "review", "'escalation.atPercent' needs an 'sla'")]
    [InlineData("escalation-percent-not-a-number.json", "review", "'escalation.atPercent' must be a whole number")]
    [InlineData("duplicate-activity-id.json", "check", "the activity id 'check' is used more than once")]
    [InlineData("duplicate-variable.json", null, "the variable 'reportCount' is declared more than once")]
    [InlineData("unknown-variable-type.json", null, "'reportCount' has the unknown type 'integer'")]
    [InlineData("output-without-variable.json", null, "the output 'verdict' has no variable of the same name")]
    [InlineData("task-output-unknown-variable.json", "review", "'outputs.verdict' writes to 'verdict', which is not a variable")]
    [InlineData("signal-output-unknown-variable.json", "wait", "'output' writes to 'bankReply', which is not a variable")]
    [InlineData("set-variable-unknown.json", "remember", "'variable' writes to 'verdict', which is not a variable")]
    [InlineData("timer-without-duration-or-until.json", "wait", "a timer needs exactly one of 'duration'")]
    [InlineData("timer-with-duration-and-until.json", "wait", "a timer needs exactly one of 'duration'")]
    [InlineData("timer-zero-duration.json", "wait", "'duration' must be longer than zero")]
    [InlineData("two-starts.json", "start-again", "a flowchart has at most one Start")]
    [InlineData("not-kebab-case-id.json", null, "the definition id 'Online_Fraud' must be kebab-case")]
    [InlineData("switch-without-cases.json", "route", "a Switch needs at least one case")]
    [InlineData("switch-duplicate-port.json", "route", "two cases use the same port")]
    [InlineData("join-mode-unknown.json", "join", "'mode' must be one of WaitAll, WaitAny, not 'WaitSome'")]
    [InlineData("missing-required-field.json", "check", "'condition' is required")]
    [InlineData("malformed-connection.json", null, "each connection needs")]
    public void ParseAndValidate_InvalidFixture_ReportsProblemAtActivity(string file, string? activityId, string fragment)
    {
        var problems = DefinitionFixtures.Problems(Path.Combine(DefinitionFixtures.InvalidFolder, file));

        problems.ShouldContain(
            p => p.ActivityId == activityId && p.Message.Contains(fragment, StringComparison.Ordinal),
            $"expected a problem at '{activityId ?? "(definition)"}' containing \"{fragment}\"; got:{Environment.NewLine}{string.Join(Environment.NewLine, problems)}");
    }

    [Fact]
    public void InvalidFolder_EveryFixture_IsCoveredByTheTheory()
    {
        var covered = typeof(DefinitionFixtureTests)
            .GetMethod(nameof(ParseAndValidate_InvalidFixture_ReportsProblemAtActivity))!
            .GetCustomAttributes<InlineDataAttribute>()
            .Select(a => (string)a.Data[0]!)
            .ToList();
        var files = Directory.GetFiles(DefinitionFixtures.InvalidFolder, "*.json").Select(Path.GetFileName).ToList();

        covered.ShouldBeUnique();
        files.ShouldBe(covered, ignoreOrder: true);
    }

    [Fact]
    public void Validate_DefinitionWithSeveralProblems_ReportsEveryOne()
    {
        var problems = DefinitionFixtures.NewValidator().Validate(DefinitionFixtures.Parse("several-problems.json"));

        problems.Count.ShouldBe(_severalProblems.Length, string.Join(Environment.NewLine, problems));
        foreach (var (activityId, fragment) in _severalProblems)
        {
            problems.ShouldContain(p => p.ActivityId == activityId && p.Message.StartsWith(fragment, StringComparison.Ordinal), $"{activityId}: {fragment}");
        }
    }

    [Fact]
    public void EnsureValid_DefinitionWithSeveralProblems_ThrowsWithEveryProblem()
    {
        var validator = DefinitionFixtures.NewValidator();
        var definition = DefinitionFixtures.Parse("several-problems.json");

        var exception = Should.Throw<WorkflowDefinitionException>(() => validator.EnsureValid(definition, "several-problems.json"));

        exception.Problems.Count.ShouldBe(5);
        exception.Problems.ShouldBe(validator.Validate(definition));
        exception.Message.ShouldStartWith("several-problems.json has 5 problem(s):");
        exception.Message.ShouldContain("- orphan: cannot be reached from 'start'");
    }

    [Fact]
    public void EnsureValid_ValidFixture_DoesNotThrow()
    {
        var definition = DefinitionFixtures.Parse("valid.json");

        Should.NotThrow(() => DefinitionFixtures.NewValidator().EnsureValid(definition, "valid.json"));
    }
}
