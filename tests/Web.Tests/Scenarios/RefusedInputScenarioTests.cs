using System.Text.Json.Nodes;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Workflow.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Scenarios;

/// <summary>
/// What a person typed on a task that a domain rule refuses (a bank naming the ordered account as its own
/// counter-account, a suspect born after the offence) gives the task back with the reason: nothing is recorded, and
/// the workflow does not stop at an incident that retrying could never fix.
/// </summary>
public sealed class RefusedInputScenarioTests(PostgreSqlFixture postgres) : IAsyncLifetime
{
    private CaseScenario _s = null!;

    public async ValueTask InitializeAsync() => _s = await CaseScenario.StartAsync(DatabaseProvider.Sqlite, postgres);

    public async ValueTask DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task BankAnswer_OrderedAccountAsItsOwnCounterAccount_BackToTheBankWithTheReasonThenAnsweredRightItGoesOn()
    {
        var iban = CaseScenario.Nl(_s.Noordzee, 31);
        var caseId = await _s.RegisterReportAsync(iban);
        await _s.CompleteAsync(caseId, "civil-check", _s.Intake, "Criminal");
        await _s.CompleteAsync(caseId, "victim-info", _s.Intake, "Informed");
        await _s.CompleteAsync(caseId, "triage", _s.TeamLead, "Investigate");
        await _s.CompleteAsync(caseId, "identify-holder", _s.Investigator, "Unknown", iban: iban);
        await _s.IssueOrderAsync(caseId, iban);
        var bank = CaseScenario.BankOfficer(_s.Noordzee);

        await _s.CompleteAsync(caseId, "bank-answer", bank, "Answered", new BankAnswer("Sam de Vries", Transfers: [new TransferLine(iban, 500m)]).Form(_s.Clock.GetUtcNow()), iban);

        await _s.ShouldHaveNoIncidentAsync(caseId);
        var again = await _s.OpenTaskAsync(caseId, "bank-answer", iban);
        var task = (await _s.QueryAsync(new GetWorkItemQuery(again.Id.Value), bank)).ShouldNotBeNull();
        (task.RefusalCode, task.Refusal).ShouldBe(("transfer.same-account", $"A transfer needs two different accounts; both are {iban}."));
        (await _s.CaseAsync(caseId)).Transfers.Where(t => t.FromIban == iban).ShouldBeEmpty("nothing of the refused answer was recorded");

        await _s.CompleteAsync(caseId, "bank-answer", bank, "Answered", new BankAnswer("Sam de Vries", CashOuts: [new CashOutLine(500m, "AtmWithdrawal")]).Form(_s.Clock.GetUtcNow()), iban);

        await _s.ShouldHaveNoIncidentAsync(caseId);
        (await _s.OpenTasksAsync(caseId, "bank-answer", iban)).ShouldBeEmpty();
        (await _s.OpenTaskAsync(caseId, "identify-suspects")).Status.ShouldBe(WorkItemStatus.Open);
        var identify = await _s.OpenTaskAsync(caseId, "identify-suspects");
        (await _s.QueryAsync(new GetWorkItemQuery(identify.Id.Value), _s.Investigator))!.Refusal.ShouldBeNull("the refusal was cleared by the answer that went through");
    }

    [Fact]
    public async Task ProductionOrder_ProsecutorReadsItThenRejects_TheRedraftSaysWhy()
    {
        var iban = CaseScenario.Nl(_s.Noordzee, 33);
        var caseId = await _s.RegisterReportAsync(iban);
        await _s.CompleteAsync(caseId, "civil-check", _s.Intake, "Criminal");
        await _s.CompleteAsync(caseId, "victim-info", _s.Intake, "Informed");
        await _s.CompleteAsync(caseId, "triage", _s.TeamLead, "Investigate");
        await _s.CompleteAsync(caseId, "identify-holder", _s.Investigator, "Unknown", iban: iban);
        await _s.CompleteAsync(caseId, "draft-order", _s.Investigator, "Submit", new
        {
            person = "Rekeninghouder", data = "Saldo- en transactiegegevens", period = "1 januari 2026 – heden", legalBasis = "art. 126nd Sv", urgent = false,
        }, iban);

        var approval = await _s.OpenTaskAsync(caseId, "approve-order", iban);
        var order = JsonNode.Parse((await _s.QueryAsync(new GetWorkItemQuery(approval.Id.Value), _s.Prosecutor))!.OrderDetails!)!.AsObject();
        (order["iban"]!.GetValue<string>(), order["person"]!.GetValue<string>(), order["data"]!.GetValue<string>(), order["legalBasis"]!.GetValue<string>())
            .ShouldBe((iban.Value, "Rekeninghouder", "Saldo- en transactiegegevens", "art. 126nd Sv"), "the prosecutor reads what the order asks");
        order["deadline"].ShouldBeNull("the bank's deadline is set when the order is issued");

        await _s.CompleteAsync(caseId, "approve-order", _s.Prosecutor, "Reject", new { reason = "Periode te ruim; beperk tot februari 2026." }, iban);

        var redraft = await _s.OpenTaskAsync(caseId, "draft-order", iban);
        var task = (await _s.QueryAsync(new GetWorkItemQuery(redraft.Id.Value), _s.Investigator))!;
        (task.RefusalCode, task.Refusal).ShouldBe(("order.rejected", "Periode te ruim; beperk tot februari 2026."));
        var queue = (await _s.QueryAsync(new GetTaskQueueQuery(TaskList.Available, new TaskFilter(Step: "draft-order")), _s.Investigator))!;
        queue.Items.ShouldHaveSingleItem().SentBack.ShouldBeTrue("the investigator's queue shows the order came back");
    }

    [Fact]
    public async Task IdentifySuspects_BornAfterTheOffence_BackToTheInvestigatorWithTheReasonThenRegistered()
    {
        var iban = CaseScenario.Nl(_s.Noordzee, 32);
        var caseId = await _s.RegisterReportAsync(iban, incidentDate: new DateOnly(2026, 2, 20));
        await _s.CompleteAsync(caseId, "civil-check", _s.Intake, "Criminal");
        await _s.CompleteAsync(caseId, "victim-info", _s.Intake, "Informed");
        await _s.CompleteAsync(caseId, "triage", _s.TeamLead, "Investigate");
        await _s.TraceAsync(caseId, iban, CaseScenario.BankOfficer(_s.Noordzee), new BankAnswer("Sam de Vries", CashOuts: [new CashOutLine(500m, "AtmWithdrawal")]));

        await _s.CompleteAsync(caseId, "identify-suspects", _s.Investigator, "Identified",
            new { suspects = new[] { new { name = "Sam de Vries", dateOfBirth = "2026-02-25", role = "MoneyMule" } } });

        await _s.ShouldHaveNoIncidentAsync(caseId);
        (await _s.CaseWorkflowAsync(caseId)).Status.ShouldBe(WorkflowStatus.Running);
        var again = await _s.OpenTaskAsync(caseId, "identify-suspects");
        (await _s.QueryAsync(new GetWorkItemQuery(again.Id.Value), _s.Investigator))!.RefusalCode.ShouldBe("party.born-after-offence");
        (await _s.CaseWorkflowAsync(caseId)).Text("refusalCode").ShouldBe("party.born-after-offence");

        await _s.CompleteAsync(caseId, "identify-suspects", _s.Investigator, "Identified",
            new { suspects = new[] { new { name = "Sam de Vries", dateOfBirth = "2001-04-05", role = "MoneyMule" } } });

        await _s.ShouldHaveNoIncidentAsync(caseId);
        (await _s.OpenTaskAsync(caseId, "hearing")).CandidateRole.ShouldBe(Coordination.Domain.Agencies.Role.PoliceInvestigator);
        (await _s.CaseWorkflowAsync(caseId)).Text("refusal").ShouldBeNull();
    }

    [Fact]
    public async Task IdentifySuspects_RefusedWhileTheBankBlocksTheAccount_OnlyTheInvestigatorsTaskSaysWhy()
    {
        // The third report on an account asks its bank to block it (a parallel branch of the same workflow). A refusal
        // about a suspect is police information: the bank's task, open at the same time, must not show it.
        var iban = CaseScenario.Nl(_s.Polder, 34);
        for (var i = 1; i <= 2; i++)
        {
            await _s.CompleteAsync(await _s.RegisterReportAsync(iban, reporter: $"Slachtoffer {i}"), "civil-check", _s.Intake, "Criminal");
        }

        var caseId = await _s.RegisterReportAsync(iban, incidentDate: new DateOnly(2026, 2, 20), reporter: "Slachtoffer 3");
        await _s.CompleteAsync(caseId, "civil-check", _s.Intake, "Criminal");
        var block = await _s.OpenTaskAsync(caseId, "bank-block");
        await _s.CompleteAsync(caseId, "victim-info", _s.Intake, "Informed");
        await _s.CompleteAsync(caseId, "triage", _s.TeamLead, "Investigate");
        await _s.TraceAsync(caseId, iban, CaseScenario.BankOfficer(_s.Polder), new BankAnswer("Sam de Vries", CashOuts: [new CashOutLine(500m, "AtmWithdrawal")]));

        await _s.CompleteAsync(caseId, "identify-suspects", _s.Investigator, "Identified",
            new { suspects = new[] { new { name = "Sam de Vries", dateOfBirth = "2026-02-25", role = "MoneyMule" } } });

        var again = await _s.OpenTaskAsync(caseId, "identify-suspects");
        (await _s.QueryAsync(new GetWorkItemQuery(again.Id.Value), _s.Investigator))!.RefusalCode.ShouldBe("party.born-after-offence");
        var banksTask = (await _s.QueryAsync(new GetWorkItemQuery(block.Id.Value), CaseScenario.BankOfficer(_s.Polder)))!;
        banksTask.Status.ShouldBe(WorkItemStatus.Open);
        (banksTask.Refusal, banksTask.RefusalCode).ShouldBe((null, null));
        var banksQueue = (await _s.QueryAsync(new GetTaskQueueQuery(TaskList.Available), CaseScenario.BankOfficer(_s.Polder)))!;
        banksQueue.Items.Single(r => r.Id == block.Id.Value).SentBack.ShouldBeFalse();
    }
}
