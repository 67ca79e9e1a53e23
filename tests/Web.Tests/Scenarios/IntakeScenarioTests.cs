using System.Text.Json.Nodes;
using Coordination.Domain.Accounts;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Parties;
using Coordination.Domain.Reports;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.Cases;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.WorkflowHosting.Steps;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Scenarios;

/// <summary>From report to triage: the civil-or-criminal check, linking across cases, the bank signal on the third
/// report, and parking.</summary>
public sealed class IntakeScenarioTests(PostgreSqlFixture postgres) : IAsyncLifetime
{
    private CaseScenario _s = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _s = await CaseScenario.StartAsync(DatabaseProvider.Sqlite, postgres);

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task CivilCheck_BreachOfContract_VictimAdvisedAndCaseClosedCivil()
    {
        var iban = CaseScenario.Nl(_s.Polder, 7);
        var caseId = await _s.RegisterReportAsync(iban);

        var check = await _s.CompleteAsync(caseId, "civil-check", _s.Intake, "Civil", new { reason = "Verkoper leverde te laat: wanprestatie." });

        check.CandidateAgencyId.ShouldBe(_s.Police.Id);
        check.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.Zero), "A4: 5 working days from Monday is the next Monday");
        (await _s.OpenTasksAsync(caseId, "triage")).ShouldBeEmpty();
        var advice = await _s.CompleteAsync(caseId, "civil-advice", _s.Intake, "Advised");
        advice.DueAt.ShouldBe(CaseScenario.Start.AddDays(14));
        var closed = await _s.CaseAsync(caseId);
        (closed.Phase, closed.EndState).ShouldBe((CasePhase.Closed, CaseEndState.ClosedCivil));
        var workflow = await _s.CaseWorkflowAsync(caseId);
        (workflow.Status, workflow.Outcome).ShouldBe((WorkflowStatus.Completed, "ClosedCivil"));
        workflow.Milestones.ShouldBeEmpty();
        workflow.Text("civilReason").ShouldBe("Verkoper leverde te laat: wanprestatie.");
        await using var db = await _s.DbAsync();
        (await db.BankAccounts.CountAsync(Ct)).ShouldBe(0, "a civil matter is not linked and its accounts are not registered");
    }

    [Fact]
    public async Task ThirdReportOnSameIban_ThreeCases_ExactlyOneSignalToTheBankHoldingIt()
    {
        var iban = CaseScenario.Nl(_s.Polder, 3);
        var cases = new List<Guid>();
        for (var i = 1; i <= 3; i++)
        {
            var caseId = await _s.RegisterReportAsync(iban, reporter: $"Slachtoffer {i}");
            await _s.CompleteAsync(caseId, "civil-check", _s.Intake, "Criminal");
            cases.Add(caseId);
            (await SignalTasksAsync()).Count.ShouldBe(i < 3 ? 0 : 1, $"after report {i}");
        }

        var signal = (await SignalTasksAsync()).Single();
        signal.CaseId.ShouldBe(CaseId.From(cases[2]));
        (signal.CandidateRole, signal.CandidateAgencyId).ShouldBe((Role.BankFraudOfficer, _s.Polder.Id));
        signal.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero), "A2: one working day");
        (await _s.AccountAsync(iban)).SignalledForCaseId.ShouldBe(CaseId.From(cases[2]));
        var third = await _s.CaseWorkflowAsync(cases[2]);
        third.Milestones.ShouldBe(["triage", "bank-signal-sent"]);
        third.Variables["ibans"]![0]!["reports"]!.GetValue<int>().ShouldBe(3);
        third.Variables["linkedReports"]!.GetValue<int>().ShouldBe(2);
        third.Variables["linkedCases"]!.AsArray().Count.ShouldBe(2);
        third.Text("advice").ShouldBe("Investigate", "DP3: three linked reports");
        (await _s.CaseWorkflowAsync(cases[0])).Text("advice").ShouldBe("Park", "one report of € 1,250 with leads");

        // A fourth report on the same IBAN: no second signal.
        var fourth = await _s.RegisterReportAsync(iban, reporter: "Slachtoffer 4");
        await _s.CompleteAsync(fourth, "civil-check", _s.Intake, "Criminal");

        (await SignalTasksAsync()).ShouldHaveSingleItem().Id.ShouldBe(signal.Id);
        (await _s.CaseWorkflowAsync(fourth)).Variables["ibans"]![0]!["reports"]!.GetValue<int>().ShouldBe(4);
        (await _s.CaseWorkflowAsync(fourth)).Milestones.ShouldNotContain("bank-signal-sent");
        (await _s.AccountAsync(iban)).SignalledForCaseId.ShouldBe(CaseId.From(cases[2]));

        await _s.CompleteAsync(cases[2], "bank-block", CaseScenario.BankOfficer(_s.Polder), "Blocked", new { recalledAmount = 300 });

        (await _s.AccountAsync(iban)).Status.ShouldBe(AccountStatus.Blocked);
    }

    [Fact]
    public async Task BankSignalStep_RunAgain_SameCaseStillSendsAndAnotherCaseSendsNothing()
    {
        var iban = CaseScenario.Nl(_s.Polder, 4);
        var first = CaseId.From(Guid.NewGuid());
        var other = CaseId.From(Guid.NewGuid());
        var step = _s.Get<IEnumerable<IStepHandler>>().Single(h => h.StepKey == "bank-signal");
        StepContext For(CaseId caseId) => new(Guid.NewGuid(), "bank-signal", new JsonObject { ["caseId"] = caseId.Value.ToString(), ["iban"] = iban.Value }, null);

        var once = await step.ExecuteAsync(For(first), Ct);
        var again = await step.ExecuteAsync(For(first), Ct);
        var late = await step.ExecuteAsync(For(other), Ct);

        (once.Outcome, again.Outcome, late.Outcome).ShouldBe((BankSignalStep.Send, BankSignalStep.Send, BankSignalStep.AlreadySent));
        (await _s.AccountAsync(iban)).SignalledForCaseId.ShouldBe(first);
    }

    [Fact]
    public async Task Triage_ParkedThenClosed_BackToTriageAfterParkPeriodAndClosedNoLeads()
    {
        var caseId = await _s.RegisterReportAsync(CaseScenario.Nl(_s.Tulp, 5), damage: 150m);
        await _s.CompleteAsync(caseId, "civil-check", _s.Intake, "Criminal");
        await _s.CompleteAsync(caseId, "victim-info", _s.Intake, "Informed");
        (await _s.CaseAsync(caseId)).Phase.ShouldBe(CasePhase.Triage);

        var triage = await _s.CompleteAsync(caseId, "triage", _s.TeamLead, "Park");

        triage.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.Zero));
        (await _s.CaseAsync(caseId)).Phase.ShouldBe(CasePhase.Parked);
        await _s.PassAsync(TimeSpan.FromDays(29));
        (await _s.OpenTasksAsync(caseId, "triage")).ShouldBeEmpty("parked for 30 days");

        await _s.PassAsync(TimeSpan.FromDays(1));

        (await _s.CaseAsync(caseId)).Phase.ShouldBe(CasePhase.Triage);
        await _s.CompleteAsync(caseId, "triage", _s.TeamLead, "Close");
        await _s.CompleteAsync(caseId, "victim-outcome", _s.Intake, "Informed");
        (await _s.CaseAsync(caseId)).EndState.ShouldBe(CaseEndState.ClosedNoLeads);
        (await _s.CaseWorkflowAsync(caseId)).Milestones.ShouldBe(["triage", "parked", "triage"]);
    }

    [Fact]
    public async Task RegisterReport_NoLeadAndInvalidVictimIban_RefusedPerFieldAndNothingSaved()
    {
        var result = await _s.SendAsync(
            new RegisterReportCommand(
                ReportChannel.OnlinePoliceReport, FraudType.FriendInNeed, "Vera Slachtoffer", null, "Betaald aan 'nieuw nummer' van dochter.",
                400m, new DateOnly(2026, 2, 27), "NL00NZBK0000000001", [], [], [], VulnerableVictim: false),
            _s.Intake);

        result.Succeeded.ShouldBeFalse();
        result.ErrorCode.ShouldBe("report.invalid");
        result.Errors.Keys.ShouldBe(["VictimIban", "Ibans"], ignoreOrder: true);
        result.Errors["VictimIban"].Code.ShouldBe("iban.checksum", "the page shows the message for the code in the user's language");
        result.Errors["Ibans"].Code.ShouldBe("report.lead-required");
        await using var db = await _s.DbAsync();
        (await db.Cases.CountAsync(Ct), await db.Reports.CountAsync(Ct), await db.WorkflowInstances.CountAsync(Ct)).ShouldBe((0, 0, 0));
    }

    [Theory]
    [InlineData(12.345, "money.cents")]
    [InlineData(2_000_000_000, "money.too-large")]
    public async Task RegisterReport_DamageNotInCentsOrImplausible_RefusedBesideTheDamageField(double damage, string code)
    {
        var result = await _s.SendAsync(
            new RegisterReportCommand(
                ReportChannel.OnlinePoliceReport, FraudType.FriendInNeed, "Vera Slachtoffer", null, "Betaald aan 'nieuw nummer' van dochter.",
                (decimal)damage, new DateOnly(2026, 2, 27), null, [CaseScenario.Nl(_s.Noordzee, 41).Value], [], [], VulnerableVictim: false),
            _s.Intake);

        result.ErrorCode.ShouldBe("report.invalid");
        result.Errors["Damage"].Code.ShouldBe(code);
    }

    [Fact]
    public async Task RegisterReport_IncidentAfterTheReport_RefusedWithBothDatesForTheTextAndNothingSaved()
    {
        var incident = DateOnly.FromDateTime(_s.Clock.GetUtcNow().UtcDateTime.AddDays(3));
        var result = await _s.SendAsync(
            new RegisterReportCommand(
                ReportChannel.OnlinePoliceReport, FraudType.FriendInNeed, "Vera Slachtoffer", null, "Betaald aan 'nieuw nummer' van dochter.",
                400m, incident, null, [CaseScenario.Nl(_s.Noordzee, 42).Value], [], [], VulnerableVictim: false),
            _s.Intake);

        (result.Succeeded, result.ErrorCode).ShouldBe((false, "report.incident-after-report"));
        result.Arguments.Count.ShouldBe(2);
        result.Arguments[0].ShouldBe(incident);
        await using var db = await _s.DbAsync();
        (await db.Cases.IgnoreQueryFilters().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task RegisterReport_TwoReports_CaseNumbersFollowEachOtherAndVictimRegistered()
    {
        var first = await _s.RegisterReportAsync(CaseScenario.Nl(_s.Tulp, 31));
        var second = await _s.RegisterReportAsync(CaseScenario.Nl(_s.Tulp, 32), vulnerable: true);

        (await _s.CaseAsync(first)).Number.Value.ShouldBe("OF-2026-000001");
        (await _s.CaseAsync(second)).Number.Value.ShouldBe("OF-2026-000002");
        (await _s.CaseAsync(second)).OwningUnitId.ShouldBe(_s.Police.Id);
        await using var db = await _s.DbAsync();
        var victim = await db.Parties.AsNoTracking().SingleAsync(p => p.CaseId == CaseId.From(second), Ct);
        (victim.Role, victim.IsVulnerable).ShouldBe((PartyRole.Victim, true));
    }

    private async Task<List<WorkItem>> SignalTasksAsync()
    {
        await using var db = await _s.DbAsync();
        return await db.WorkItems.AsNoTracking().Where(w => w.ActivityId == "bank-block").ToListAsync(Ct);
    }
}
