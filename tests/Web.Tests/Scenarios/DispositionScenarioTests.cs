using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Dispositions;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Workflow.Engine;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Scenarios;

/// <summary>
/// Each road from the prosecutor's decision to a closed case, end to end through online-fraud-case, account-trace
/// and suspect-disposition on SQLite: the tasks offered (role, agency, due time), the milestones, the dispositions
/// and the case's end state.
/// </summary>
public sealed class DispositionScenarioTests(PostgreSqlFixture postgres) : IAsyncLifetime
{
    private static readonly Suspect _adult = new("Sam de Vries", new DateOnly(1995, 5, 1));
    private static readonly Proposal _firstTimeMule = new("MoneyMule", 1_250m, FirstOffence: true, CyberOffence: false, Evidence: "Sufficient");

    private CaseScenario _s = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _s = await CaseScenario.StartAsync(DatabaseProvider.Sqlite, postgres);

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task PenaltyOrder_FineOnly_RecordedWithTheFineAndNoDefaultCommunityService()
    {
        var caseId = await _s.RunToDecisionAsync(_adult, _firstTimeMule);
        var task = await _s.QueryAsync(new GetWorkItemQuery((await _s.OpenTaskAsync(caseId, "decide")).Id.Value), _s.Prosecutor);
        task.ShouldNotBeNull().Advice.ShouldBe("PenaltyOrder", "the decision rules' advice is shown on the prosecutor's task");
        task.FormKey.ShouldBe("disposition");
        task.Subject.ShouldBe(_adult.Name, "with several suspects, each decision says whom it is about");

        await _s.CompleteAsync(caseId, "decide", _s.Prosecutor, "PenaltyOrder", new { hours = (int?)null, fine = 350m });

        var order = (await _s.DispositionsAsync(caseId)).ShouldHaveSingleItem();
        order.Kind.ShouldBe(DispositionKind.PenaltyOrder);
        order.Fine.ShouldBe(Money.Eur(350m));
        order.Hours.ShouldBeNull("the prosecutor chose a fine only; the workflow's default hours are for a decision without either");
        (await _s.CaseAsync(caseId)).Phase.ShouldBe(CasePhase.Execution);
    }

    [Theory]
    [InlineData(350.555, null, "money.cents")]
    [InlineData(null, 12.5, "disposition.hours")]
    public async Task PenaltyOrder_FineNotInCentsOrHoursNotWhole_BackToTheProsecutorWithTheReasonNotAnIncident(double? fine, double? hours, string code)
    {
        var caseId = await _s.RunToDecisionAsync(_adult, _firstTimeMule);

        await _s.CompleteAsync(caseId, "decide", _s.Prosecutor, "PenaltyOrder", new { hours = (decimal?)hours, fine = (decimal?)fine });

        await _s.ShouldHaveNoIncidentAsync(caseId);
        (await _s.DispositionsAsync(caseId)).ShouldBeEmpty();
        var again = await _s.OpenTaskAsync(caseId, "decide");
        var task = (await _s.QueryAsync(new GetWorkItemQuery(again.Id.Value), _s.Prosecutor)).ShouldNotBeNull();
        task.Refusal.ShouldNotBeNullOrWhiteSpace();
        task.RefusalCode.ShouldBe(code);
    }

    [Fact]
    public async Task AdultMoneyMule_NoObjectionWithinWindow_PenaltyOrderFinalAndCaseClosed()
    {
        var caseId = await _s.RunToDecisionAsync(_adult, _firstTimeMule);
        (await _s.DispositionWorkflowAsync(caseId)).Text("advice").ShouldBe("PenaltyOrder");
        (await _s.CaseAsync(caseId)).Phase.ShouldBe(CasePhase.Prosecution);
        (await _s.CaseAsync(caseId)).ProsecutionOfficeId.ShouldBe(_s.Om.Id);

        var decide = await _s.CompleteAsync(caseId, "decide", _s.Prosecutor, "PenaltyOrder", new { hours = 50 });

        decide.CandidateAgencyId.ShouldBe(_s.Om.Id);
        decide.DueAt.ShouldBe(CaseScenario.Start.AddDays(30), "A5: 30 days");
        var order = (await _s.DispositionsAsync(caseId)).ShouldHaveSingleItem();
        order.Kind.ShouldBe(DispositionKind.PenaltyOrder);
        order.Hours.ShouldBe(50);
        order.DecidedBy.ShouldBe(_s.Prosecutor.UserName);
        (await _s.CaseAsync(caseId)).Phase.ShouldBe(CasePhase.Execution);
        var objection = await _s.OpenTaskAsync(caseId, "objection");
        objection.CandidateRole.ShouldBe(Role.ProsecutionClerk);
        objection.DueAt.ShouldBe(CaseScenario.Start.AddDays(14), "D10: 14 days to object");

        await _s.PassAsync(TimeSpan.FromDays(14));
        (await _s.DispositionsAsync(caseId)).Single().Status.ShouldBe(DispositionStatus.Decided, "an objection on the 14th day still counts");

        await _s.PassAsync(TimeSpan.FromDays(1));

        (await _s.DispositionsAsync(caseId)).Single().Status.ShouldBe(DispositionStatus.Final);
        await using (var db = await _s.DbAsync())
        {
            (await db.WorkItems.AsNoTracking().SingleAsync(w => w.Id == objection.Id, Ct)).Status.ShouldBe(WorkItemStatus.Cancelled);
        }

        var told = await _s.CompleteAsync(caseId, "victim-outcome", _s.Intake, "Informed");
        told.DueAt.ShouldBe(_s.Clock.GetUtcNow().AddDays(14), "D2: the victim hears the outcome within 14 days");
        var closed = await _s.CaseAsync(caseId);
        closed.EndState.ShouldBe(CaseEndState.PenaltyOrderFinal);
        closed.Phase.ShouldBe(CasePhase.Closed);
        var workflow = await _s.CaseWorkflowAsync(caseId);
        workflow.Status.ShouldBe(WorkflowStatus.Completed);
        workflow.Outcome.ShouldBe("PenaltyOrderFinal");
        workflow.Milestones.ShouldBe(["triage", "investigation", "mule-chain-traced"]);
        (await _s.DispositionWorkflowAsync(caseId)).Milestones.ShouldBe(["prosecution", "execution"]);
    }

    [Fact]
    public async Task PenaltyOrder_ObjectionFiledInTime_SummonsAndJudgmentFinal()
    {
        var caseId = await _s.RunToDecisionAsync(_adult, _firstTimeMule);
        await _s.CompleteAsync(caseId, "decide", _s.Prosecutor, "PenaltyOrder", new { hours = 40 });
        await _s.PassAsync(TimeSpan.FromDays(3));

        await _s.CompleteAsync(caseId, "objection", _s.Clerk, "ObjectionFiled");

        var dispositions = await _s.DispositionsAsync(caseId);
        dispositions.Select(d => (d.Kind, d.Status)).ShouldBe([(DispositionKind.PenaltyOrder, DispositionStatus.ObjectionFiled), (DispositionKind.Summons, DispositionStatus.Decided)]);
        dispositions[1].DecidedBy.ShouldBe(_s.Prosecutor.UserName);
        var disposition = await _s.DispositionWorkflowAsync(caseId);
        disposition.Milestones.ShouldBe(["prosecution", "execution", "objection-filed", "prosecution", "summons-issued"]);
        (await _s.CaseAsync(caseId)).Phase.ShouldBe(CasePhase.Prosecution);
        await using (var db = await _s.DbAsync())
        {
            (await db.WorkflowTimers.CountAsync(t => t.InstanceId == disposition.Id, Ct)).ShouldBe(0, "the objection window's timer is withdrawn");
        }

        var court = await _s.CompleteAsync(caseId, "court-judgment", _s.Clerk, "Final");
        court.CandidateAgencyId.ShouldBe(_s.Om.Id);
        await _s.CompleteAsync(caseId, "victim-outcome", _s.Intake, "Informed");

        (await _s.CaseAsync(caseId)).EndState.ShouldBe(CaseEndState.JudgmentFinal);
    }

    [Fact]
    public async Task Minor_HaltCompleted_ChildProtectionBoardToldAndCaseClosedHaltCompleted()
    {
        var caseId = await _s.RunToDecisionAsync(new Suspect("Jesse Bakker", new DateOnly(2009, 6, 1)), _firstTimeMule with { LaunderedAmount = 400m });
        var disposition = await _s.DispositionWorkflowAsync(caseId);
        disposition.Variables["age"]!.GetValue<int>().ShouldBe(16);
        disposition.Milestones.ShouldBe(["child-protection-board-notified", "prosecution"]);
        disposition.Text("advice").ShouldBe("Halt");

        await _s.CompleteAsync(caseId, "decide", _s.Prosecutor, "Halt", new { hours = 12 });
        var intake = await _s.CompleteAsync(caseId, "halt-intake", _s.HaltOfficer, "Met");
        var result = await _s.CompleteAsync(caseId, "halt-result", _s.HaltOfficer, "Completed");

        intake.CandidateAgencyId.ShouldBe(_s.Halt.Id);
        (intake.Subject, result.Subject).ShouldBe(("Jesse Bakker", "Jesse Bakker"), "Halt reads which youngster its referral is about");
        intake.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 16, 9, 0, 0, TimeSpan.Zero), "A6: first contact within 10 working days");
        result.DueAt.ShouldBe(CaseScenario.Start.AddDays(90), "A6: completed within 90 days");
        var halt = (await _s.DispositionsAsync(caseId)).ShouldHaveSingleItem();
        (halt.Kind, halt.Status, halt.Hours).ShouldBe((DispositionKind.HaltReferral, DispositionStatus.Final, 12));
        await _s.CompleteAsync(caseId, "victim-outcome", _s.Intake, "Informed");
        (await _s.CaseAsync(caseId)).EndState.ShouldBe(CaseEndState.HaltCompleted);
    }

    [Fact]
    public async Task Minor_HaltFailed_BackToProsecutorWhoDecidesAgain()
    {
        var caseId = await _s.RunToDecisionAsync(new Suspect("Jesse Bakker", new DateOnly(2009, 6, 1)), _firstTimeMule with { LaunderedAmount = 400m });
        await _s.CompleteAsync(caseId, "decide", _s.Prosecutor, "Halt", new { hours = 12 });
        await _s.CompleteAsync(caseId, "halt-intake", _s.HaltOfficer, "Met");
        (await _s.CaseAsync(caseId)).Phase.ShouldBe(CasePhase.Execution);

        await _s.CompleteAsync(caseId, "halt-result", _s.HaltOfficer, "Failed");

        (await _s.DispositionsAsync(caseId)).Single().Status.ShouldBe(DispositionStatus.Failed);
        (await _s.CaseAsync(caseId)).Phase.ShouldBe(CasePhase.Prosecution);
        var again = await _s.OpenTaskAsync(caseId, "decide");
        again.CandidateRole.ShouldBe(Role.Prosecutor);
        var disposition = await _s.DispositionWorkflowAsync(caseId);
        disposition.Text("advice").ShouldBe("PenaltyOrder", "Halt failed once; the next advice is the adult route");
        disposition.Milestones.ShouldBe(["child-protection-board-notified", "prosecution", "execution", "prosecution"]);

        await _s.CompleteAsync(caseId, "decide", _s.Prosecutor, "PenaltyOrder", new { hours = 20 });

        (await _s.DispositionsAsync(caseId)).Select(d => (d.Kind, d.Status)).ShouldBe(
            [(DispositionKind.HaltReferral, DispositionStatus.Failed), (DispositionKind.PenaltyOrder, DispositionStatus.Decided)]);
        (await _s.CaseAsync(caseId)).Phase.ShouldBe(CasePhase.Execution);
    }

    [Fact]
    public async Task NineteenYearOldWithHackingOffence_HackRightAdvisedAndCompleted()
    {
        var caseId = await _s.RunToDecisionAsync(
            new Suspect("Noah Visser", new DateOnly(2006, 7, 1)), new Proposal("Suspect", 2_000m, FirstOffence: true, CyberOffence: true, Evidence: "Sufficient"));
        var disposition = await _s.DispositionWorkflowAsync(caseId);
        disposition.Variables["age"]!.GetValue<int>().ShouldBe(19);
        disposition.Milestones.ShouldNotContain("child-protection-board-notified");
        disposition.Text("advice").ShouldBe("HackRight");

        await _s.CompleteAsync(caseId, "decide", _s.Prosecutor, "HackRight");
        var result = await _s.CompleteAsync(caseId, "hack-right-result", _s.Clerk, "Completed");
        await _s.CompleteAsync(caseId, "victim-outcome", _s.Intake, "Informed");

        result.CandidateAgencyId.ShouldBe(_s.Om.Id);
        var referral = (await _s.DispositionsAsync(caseId)).ShouldHaveSingleItem();
        (referral.Kind, referral.Status).ShouldBe((DispositionKind.HackRightReferral, DispositionStatus.Final));
        (await _s.CaseAsync(caseId)).EndState.ShouldBe(CaseEndState.HackRightCompleted);
    }

    [Fact]
    public async Task InsufficientEvidence_Dismissal02_CaseClosedDismissed()
    {
        var caseId = await _s.RunToDecisionAsync(_adult, _firstTimeMule with { Evidence = "Insufficient" });
        (await _s.DispositionWorkflowAsync(caseId)).Text("advice").ShouldBe("DismissInsufficientEvidence");

        await _s.CompleteAsync(caseId, "decide", _s.Prosecutor, "DismissInsufficientEvidence");
        await _s.CompleteAsync(caseId, "victim-outcome", _s.Intake, "Informed");

        var dismissal = (await _s.DispositionsAsync(caseId)).ShouldHaveSingleItem();
        (dismissal.Kind, dismissal.DismissalCode, dismissal.Status).ShouldBe((DispositionKind.Dismissal, "02", DispositionStatus.Final));
        (await _s.CaseAsync(caseId)).EndState.ShouldBe(CaseEndState.DismissedInsufficientEvidence);
        (await _s.CaseWorkflowAsync(caseId)).Outcome.ShouldBe("DismissedInsufficientEvidence");
    }

    [Fact]
    public async Task Decide_HaltForAnAdult_RefusedByTheLawAndOfferedToTheProsecutorAgain()
    {
        var caseId = await _s.RunToDecisionAsync(_adult, _firstTimeMule);

        await _s.CompleteAsync(caseId, "decide", _s.Prosecutor, "Halt", new { hours = 10 });

        (await _s.DispositionsAsync(caseId)).ShouldBeEmpty();
        (await _s.OpenTaskAsync(caseId, "decide")).CandidateRole.ShouldBe(Role.Prosecutor);
        (await _s.DispositionWorkflowAsync(caseId)).Text("refusal")!.ShouldContain("Halt is for suspects aged 12–17");
    }
}
