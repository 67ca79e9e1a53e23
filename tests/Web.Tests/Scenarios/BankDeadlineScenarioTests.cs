using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.WorkflowHosting;
using Microsoft.EntityFrameworkCore;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Scenarios;

/// <summary>A bank that does not answer a production order in time (domain brief §5.5).</summary>
public sealed class BankDeadlineScenarioTests(PostgreSqlFixture postgres) : IAsyncLifetime
{
    private CaseScenario _s = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _s = await CaseScenario.StartAsync(DatabaseProvider.Sqlite, postgres);

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task BankAnswer_DeadlinePassed_EscalatedToTheBanksTeamLeadAndNoticeForTheInvestigator()
    {
        var iban = CaseScenario.Nl(_s.Tulp, 21);
        var caseId = await _s.RegisterReportAsync(iban);
        await _s.CompleteAsync(caseId, "civil-check", _s.Intake, "Criminal");
        await _s.CompleteAsync(caseId, "victim-info", _s.Intake, "Informed");
        await _s.CompleteAsync(caseId, "triage", _s.TeamLead, "Investigate");
        await _s.CompleteAsync(caseId, "identify-holder", _s.Investigator, "Unknown", iban: iban);
        await _s.IssueOrderAsync(caseId, iban);
        var order = await _s.OpenTaskAsync(caseId, "bank-answer", iban);
        (order.CandidateRole, order.CandidateAgencyId).ShouldBe((Role.BankFraudOfficer, _s.Tulp.Id));
        order.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 9, 9, 0, 0, TimeSpan.Zero), "A3: 5 working days");

        await _s.PassAsync(TimeSpan.FromDays(6));
        (await ItemAsync(order.Id)).EscalatedAt.ShouldBeNull("Sunday: the fifth working day has not passed");

        await _s.PassAsync(TimeSpan.FromDays(1));

        var late = await ItemAsync(order.Id);
        late.Status.ShouldBe(WorkItemStatus.Open, "the bank can still answer");
        (late.EscalatedToRole, late.EscalatedToAgencyId, late.EscalatedAt).ShouldBe((Role.BankTeamLead, _s.Tulp.Id, _s.Clock.GetUtcNow()));
        var notice = (await _s.OpenTasksAsync(caseId, CaseWorkflowEvents.BankDeadlineMissedActivity)).ShouldHaveSingleItem();
        (notice.CandidateRole, notice.CandidateAgencyId, notice.WorkflowInstanceId).ShouldBe((Role.PoliceInvestigator, _s.Police.Id, (Guid?)null));
        notice.Title.ShouldStartWith("Tulp Spaarbank heeft de termijn gemist");
        notice.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 10, 9, 0, 0, TimeSpan.Zero));

        await _s.CompleteAsync(caseId, "bank-answer", CaseScenario.BankOfficer(_s.Tulp), "Answered",
            new BankAnswer("Sam de Vries", CashOuts: [new CashOutLine(1_000m, "AtmWithdrawal")]).Form(_s.Clock.GetUtcNow()), iban);
        (await _s.SendAsync(new ClaimWorkItemCommand(notice.Id.Value), _s.Investigator)).Succeeded.ShouldBeTrue();
        (await _s.QueryAsync(new GetWorkItemQuery(notice.Id.Value), _s.Investigator))!.Outcomes.ShouldBe([WorkItem.NoticeOutcome], "a notice is closed by saying it was seen");
        var refused = await _s.SendAsync(new CompleteWorkItemCommand(notice.Id.Value, "Done", null), _s.Investigator);
        (refused.Succeeded, refused.ErrorCode).ShouldBe((false, "work-item.outcome"));
        (await ItemAsync(notice.Id)).Status.ShouldBe(WorkItemStatus.Claimed, "nothing was saved");
        (await _s.SendAsync(new CompleteWorkItemCommand(notice.Id.Value, WorkItem.NoticeOutcome, null), _s.Investigator)).Succeeded.ShouldBeTrue();

        (await _s.OpenTaskAsync(caseId, "identify-suspects")).CandidateRole.ShouldBe(Role.PoliceInvestigator);
        (await ItemAsync(notice.Id)).Status.ShouldBe(WorkItemStatus.Completed);
        (await _s.CaseAsync(caseId)).MuleChain().Nodes.ShouldHaveSingleItem().IsCashOutPoint.ShouldBeTrue();
    }

    private async Task<WorkItem> ItemAsync(WorkItemId id)
    {
        await using var db = await _s.DbAsync();
        return await db.WorkItems.AsNoTracking().SingleAsync(w => w.Id == id, Ct);
    }
}
