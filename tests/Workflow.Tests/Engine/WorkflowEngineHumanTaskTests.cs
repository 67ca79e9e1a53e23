using Coordination.Workflow.Definitions;
using Coordination.Workflow.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Engine;

public sealed class WorkflowEngineHumanTaskTests
{
    private const string Review = """
        {
          "variables": [ { "name": "team", "type": "string", "default": "Fraude" }, { "name": "decision", "type": "string" }, { "name": "note", "type": "string" } ],
          "outputs": [ { "name": "decision", "type": "string" } ],
          "activities": [
            { "id": "start", "type": "Start" },
            { "id": "review", "type": "HumanTask", "title": { "nl": "Beoordeel melding", "en": "Review report" },
              "role": { "expression": "'Analyst' + team" }, "agency": { "expression": "input.agency" }, "subject": { "expression": "'Melding ' + input.reportNo" },
              "sla": { "duration": "P2D", "time": "working" },
              "escalation": { "atPercent": 50, "role": "TeamLead", "agency": { "expression": "input.agency" } },
              "outcomes": [ "Approve", "Reject" ],
              "outputs": { "decision": "decision", "note": "remark" } },
            { "id": "approved", "type": "End", "outcome": "Approved" },
            { "id": "rejected", "type": "End", "outcome": "Rejected" }
          ],
          "connections": [ "start -> review", "review:Approve -> approved", "review:Reject -> rejected" ]
        }
        """;

    [Fact]
    public void Start_HumanTask_CreatesTaskWithEvaluatedRoleAgencySubjectSlaAndOutcomes()
    {
        var run = new EngineRun(Review);

        var result = run.Start("""{ "agency": "Politie", "reportNo": 42 }""");

        result.State.Status.ShouldBe(WorkflowStatus.Running);
        var task = result.Effects.OfType<CreateTaskEffect>().ShouldHaveSingleItem();
        task.ActivityId.ShouldBe("review");
        task.Title.En.ShouldBe("Review report");
        task.Role.ShouldBe("AnalystFraude");
        task.Agency.ShouldBe("Politie");
        task.Subject.ShouldBe("Melding 42");
        task.Sla.ShouldBe(new SlaDefinition(IsoDuration.Parse("P2D"), TimeKind.Working));
        task.Outcomes.ShouldBe(["Approve", "Reject"]);
        run.TaskOf("review").ShouldBe(task.TaskId);
    }

    [Fact]
    public void Start_SubjectThatCannotBeWorkedOut_CreatesTheTaskWithoutSubject()
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "trace", "type": "HumanTask", "title": "Rekening", "role": "Analyst", "subject": { "expression": "input.account.iban" } },
                { "id": "end", "type": "End" }
              ],
              "connections": [ "start -> trace", "trace -> end" ]
            }
            """);

        var result = run.Start("""{ "agency": "Politie" }""");

        result.State.Status.ShouldBe(WorkflowStatus.Running, "a subject only describes the task");
        result.Effects.OfType<CreateTaskEffect>().ShouldHaveSingleItem().Subject.ShouldBeNull();
    }

    [Fact]
    public void CompleteTask_RefusedAndOfferedAgain_OnlyTheTaskThatNamesTheRefusalCarriesIt()
    {
        var run = new EngineRun("""
            {
              "variables": [ { "name": "refusal", "type": "string" }, { "name": "refusalCode", "type": "string" } ],
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "enter", "type": "HumanTask", "title": "Invoeren", "role": "Clerk",
                  "refusal": { "reason": "refusal", "code": "refusalCode" } },
                { "id": "refuse", "type": "SetVariable", "variable": "refusal", "value": "'Datum ligt na de melding'" },
                { "id": "refuse-code", "type": "SetVariable", "variable": "refusalCode", "value": "'date.after-report'" },
                { "id": "again", "type": "Fork" },
                { "id": "notify", "type": "HumanTask", "title": "Melden", "role": "Bank" },
                { "id": "end", "type": "End" }
              ],
              "connections": [ "start -> enter", "enter -> refuse", "refuse -> refuse-code", "refuse-code -> again",
                               "again -> enter", "again -> notify", "notify -> end" ]
            }
            """);
        var first = run.Start().Effects.OfType<CreateTaskEffect>().ShouldHaveSingleItem();
        first.Refusal.ShouldBeNull("nothing was refused yet");

        var result = run.CompleteTask(first.TaskId, "Done");

        var created = result.Effects.OfType<CreateTaskEffect>().ToDictionary(t => t.ActivityId);
        created["enter"].Refusal.ShouldBe(new TaskRefusal("Datum ligt na de melding", "date.after-report"));
        created["notify"].Refusal.ShouldBeNull("a task of another branch, created at the same moment, does not name the refusal");
    }

    [Fact]
    public void Start_RefusalThatCannotBeWorkedOut_CreatesTheTaskWithoutIt()
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "enter", "type": "HumanTask", "title": "Invoeren", "role": "Clerk",
                  "refusal": { "reason": "input.earlier.reason", "code": "input.code" } },
                { "id": "end", "type": "End" }
              ],
              "connections": [ "start -> enter", "enter -> end" ]
            }
            """);

        var result = run.Start("""{ "code": "x" }""");

        result.State.Status.ShouldBe(WorkflowStatus.Running, "a refusal only describes the task");
        result.Effects.OfType<CreateTaskEffect>().ShouldHaveSingleItem().Refusal.ShouldBeNull();
    }

    [Fact]
    public void Start_RefusalCodeThatCannotBeWorkedOut_KeepsTheReason()
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "enter", "type": "HumanTask", "title": "Invoeren", "role": "Clerk",
                  "refusal": { "reason": "input.reason", "code": "input.earlier.code" } },
                { "id": "end", "type": "End" }
              ],
              "connections": [ "start -> enter", "enter -> end" ]
            }
            """);

        var result = run.Start("""{ "reason": "Datum ligt na de melding" }""");

        result.Effects.OfType<CreateTaskEffect>().ShouldHaveSingleItem().Refusal.ShouldBe(new TaskRefusal("Datum ligt na de melding", null));
    }

    [Fact]
    public void Start_HumanTaskWithEscalation_SchedulesEscalationAtPercentOfSla()
    {
        var run = new EngineRun(Review);

        var result = run.Start("""{ "agency": "Politie" }""");

        var timer = result.Effects.OfType<ScheduleTimerEffect>().ShouldHaveSingleItem();
        timer.ActivityId.ShouldBe("review");
        timer.Due.ShouldBe(new TimerDue(null, new SlaDefinition(IsoDuration.Parse("P2D"), TimeKind.Working), 50, null, EngineRun.T0));
        var escalation = run.BookmarkOf("review", BookmarkKind.Escalation);
        escalation.Id.ShouldBe(timer.BookmarkId);
        escalation.TaskId.ShouldBe(run.TaskOf("review"));
    }

    [Fact]
    public void Execute_CompleteWithOutcome_MapsOutputsAndFollowsPort()
    {
        var run = new EngineRun(Review);
        run.Start("""{ "agency": "Politie" }""");

        var result = run.CompleteTask(run.TaskOf("review"), "Reject", """{ "decision": "insufficient", "remark": "no proof" }""", actor: "alice");

        result.Applied.ShouldBeTrue();
        result.State.Status.ShouldBe(WorkflowStatus.Completed);
        result.State.Outcome.ShouldBe("Rejected");
        result.State.Variables["decision"]!.GetValue<string>().ShouldBe("insufficient");
        result.State.Variables["note"]!.GetValue<string>().ShouldBe("no proof");
        result.Effects.OfType<WorkflowCompletedEffect>().Single().Outputs["decision"]!.GetValue<string>().ShouldBe("insufficient");
        result.Journal.ShouldContain(j => j.ActivityId == "review" && j.Event == "Resumed" && j.Payload == "Reject" && j.Actor == "alice");
    }

    [Fact]
    public void Execute_CompleteWithUnknownOutcome_IsInvalidInputAndStateUnchanged()
    {
        var run = new EngineRun(Review);
        run.Start("""{ "agency": "Politie" }""");
        var before = run.State;
        var taskId = run.TaskOf("review");

        var result = run.CompleteTask(taskId, "Maybe", """{ "decision": "x" }""");

        result.Rejection.ShouldBe(Rejection.InvalidInput);
        result.Message.ShouldNotBeNull().ShouldContain("Approve, Reject");
        result.State.ShouldBeSameAs(before);
        result.Effects.ShouldBeEmpty();
        before.Status.ShouldBe(WorkflowStatus.Running);
        before.Variables["decision"].ShouldBeNull();
        before.Bookmarks.ShouldContain(b => b.Id == taskId);
    }

    [Fact]
    public void Execute_CompleteTwice_SecondIsBookmarkNotFound()
    {
        var run = new EngineRun(Review);
        run.Start("""{ "agency": "Politie" }""");
        var taskId = run.TaskOf("review");
        run.CompleteTask(taskId, "Approve").Applied.ShouldBeTrue();

        var second = run.CompleteTask(taskId, "Approve");

        second.Rejection.ShouldBe(Rejection.BookmarkNotFound);
        run.State.Outcome.ShouldBe("Approved");
    }

    [Fact]
    public void Execute_CompleteWhileAnotherTaskStillWaits_SecondTaskCanStillBeCompleted()
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "first", "type": "HumanTask", "title": "One", "role": "A", "outcomes": [ "Done" ] },
                { "id": "second", "type": "HumanTask", "title": "Two", "role": "B", "outcomes": [ "Done" ] },
                { "id": "end", "type": "End", "outcome": "Both" }
              ],
              "connections": [ "start -> first", "first -> second", "second -> end" ]
            }
            """);
        run.Start();

        run.CompleteTask(run.TaskOf("first"), "Done").Applied.ShouldBeTrue();
        run.All<CreateTaskEffect>().Select(t => t.ActivityId).ShouldBe(["first", "second"]);
        run.CompleteTask(run.TaskOf("second"), "Done").Applied.ShouldBeTrue();

        run.State.Outcome.ShouldBe("Both");
    }

    [Fact]
    public void Execute_EscalationTimerFires_EscalatesWhileTaskStaysOpen()
    {
        var run = new EngineRun(Review);
        run.Start("""{ "agency": "Politie" }""");
        var taskId = run.TaskOf("review");
        var escalationId = run.BookmarkOf("review", BookmarkKind.Escalation).Id;

        var result = run.Apply(new TimerElapsedStimulus(escalationId));

        result.Applied.ShouldBeTrue();
        result.Effects.ShouldHaveSingleItem().ShouldBe(new EscalateTaskEffect(taskId, "review", "TeamLead", "Politie"));
        result.Journal.ShouldContain(j => j.Event == "Escalated" && j.Payload == "TeamLead");
        result.State.Status.ShouldBe(WorkflowStatus.Running);
        result.State.Bookmarks.ShouldHaveSingleItem().Id.ShouldBe(taskId);
        run.CompleteTask(taskId, "Approve").State.Outcome.ShouldBe("Approved");
    }

    [Fact]
    public void Execute_EscalationFiresTwice_SecondIsBookmarkNotFound()
    {
        var run = new EngineRun(Review);
        run.Start("""{ "agency": "Politie" }""");
        var escalationId = run.BookmarkOf("review", BookmarkKind.Escalation).Id;
        run.Apply(new TimerElapsedStimulus(escalationId));

        run.Apply(new TimerElapsedStimulus(escalationId)).Rejection.ShouldBe(Rejection.BookmarkNotFound);
    }

    [Fact]
    public void Execute_CompleteTaskBeforeEscalation_CancelsEscalationTimer()
    {
        var run = new EngineRun(Review);
        run.Start("""{ "agency": "Politie" }""");
        var escalationId = run.BookmarkOf("review", BookmarkKind.Escalation).Id;

        var result = run.CompleteTask(run.TaskOf("review"), "Approve");

        result.Effects.OfType<CancelTimerEffect>().ShouldHaveSingleItem().BookmarkId.ShouldBe(escalationId);
        result.State.Bookmarks.ShouldBeEmpty();
        run.Apply(new TimerElapsedStimulus(escalationId)).Rejection.ShouldBe(Rejection.BookmarkNotFound);
    }

    [Fact]
    public void Start_RoleExpressionGivesNothing_FaultsAtTheTask()
    {
        var run = new EngineRun("""
            {
              "activities": [
                { "id": "start", "type": "Start" },
                { "id": "review", "type": "HumanTask", "title": "Review", "role": { "expression": "input.role" }, "outcomes": [ "Done" ] }
              ],
              "connections": [ "start -> review" ]
            }
            """);

        var result = run.Start();

        result.State.Status.ShouldBe(WorkflowStatus.Faulted);
        result.State.Incident.ShouldNotBeNull().ActivityId.ShouldBe("review");
        result.State.Incident.Message.ShouldContain("role");
        result.Effects.OfType<CreateTaskEffect>().ShouldBeEmpty();
    }
}
