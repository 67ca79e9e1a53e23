using System.Text.Json.Nodes;
using Coordination.Domain.Accounts;
using Coordination.Domain.Agencies;
using Coordination.Domain.Common;
using Coordination.Domain.WorkItems;
using Coordination.Web.Features.Cases;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Tests.Infrastructure;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Definitions;
using Coordination.Workflow.Engine;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Scenarios;

/// <summary>
/// Money-mule tracing (domain brief §5.3): one trace per account at the bank that holds it, each starting the traces of
/// the accounts the money reached first from it, until cash-out or the depth limit. Run on both providers.
/// </summary>
public abstract class MuleChainScenarioTests(DatabaseProvider provider, PostgreSqlFixture postgres) : IAsyncLifetime
{
    private CaseScenario _s = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _s = await CaseScenario.StartAsync(provider, postgres);

    public async ValueTask DisposeAsync()
    {
        await _s.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Trace_ThreeLineChainOverThreeBanks_FansOutJoinsOnceStopsAtCashOutAndDepthLimit()
    {
        // An administrator lowers the depth limit to three lines by publishing a new version of the definition.
        var published = await PublishDepthLimitAsync(3);
        var a = CaseScenario.Nl(_s.Noordzee, 11);
        var b = CaseScenario.Nl(_s.Polder, 12);
        var c = CaseScenario.Nl(_s.Tulp, 13);
        var d = CaseScenario.Nl(_s.Noordzee, 14);
        var e = CaseScenario.Nl(_s.Polder, 15);
        var caseId = await _s.RegisterReportAsync(a, damage: 5_000m);
        await _s.CompleteAsync(caseId, "civil-check", _s.Intake, "Criminal");
        await _s.CompleteAsync(caseId, "victim-info", _s.Intake, "Informed");
        (await _s.CaseWorkflowAsync(caseId)).Text("advice").ShouldBe("Investigate", "DP3: damage of € 5,000");
        await _s.CompleteAsync(caseId, "triage", _s.TeamLead, "Investigate");

        // Line 1 fans out to two banks.
        var holder = await _s.OpenTaskAsync(caseId, "identify-holder", a);
        (holder.CandidateRole, holder.CandidateAgencyId).ShouldBe((Role.PoliceInvestigator, _s.Police.Id));
        holder.DueAt.ShouldBe(new DateTimeOffset(2026, 3, 3, 9, 0, 0, TimeSpan.Zero), "S8: one working day");
        await _s.TraceAsync(caseId, a, CaseScenario.BankOfficer(_s.Noordzee), new BankAnswer("Mo Ezel", Transfers: [new TransferLine(b, 2_000m), new TransferLine(c, 2_500m)]));
        (await _s.OpenTaskAsync(caseId, "identify-holder", b)).CandidateAgencyId.ShouldBe(_s.Police.Id);
        (await _s.OpenTaskAsync(caseId, "identify-holder", c)).CandidateAgencyId.ShouldBe(_s.Police.Id);

        // Line 2: both accounts pay into D; only the trace whose answer reached D first follows it. C cashes out.
        await _s.TraceAsync(caseId, b, CaseScenario.BankOfficer(_s.Polder), new BankAnswer("Bo Ezel", Transfers: [new TransferLine(d, 1_500m)]));
        await _s.TraceAsync(caseId, c, CaseScenario.BankOfficer(_s.Tulp), new BankAnswer("Cas Ezel", Transfers: [new TransferLine(d, 1_000m)], CashOuts: [new CashOutLine(1_400m, "AtmWithdrawal")]));
        (await _s.OpenTasksAsync(caseId, "identify-holder", d)).Count.ShouldBe(1, "D is traced once");
        (await _s.OpenTasksAsync(caseId, "identify-suspects")).ShouldBeEmpty("the case waits for every trace");

        // Line 3 is the limit: D's onward transfer to E is recorded but not traced.
        await _s.TraceAsync(caseId, d, CaseScenario.BankOfficer(_s.Noordzee), new BankAnswer("Do Ezel", Transfers: [new TransferLine(e, 2_400m)]));

        var chain = (await _s.CaseAsync(caseId)).MuleChain();
        chain.Nodes.Select(n => (n.Iban, n.Line)).ShouldBe([(a, 1), (b, 2), (c, 2), (d, 3), (e, 4)], ignoreOrder: true);
        chain.Nodes.Where(n => n.IsCashOutPoint).ShouldHaveSingleItem().Iban.ShouldBe(c);
        chain.Find(c)!.CashedOut.ShouldBe(Money.Eur(1_400m));
        chain.Find(d)!.Received.ShouldBe(Money.Eur(2_500m));
        chain.Edges.Select(x => (x.From, x.To, x.Amount.Amount)).ShouldBe([(a, b, 2_000m), (a, c, 2_500m), (b, d, 1_500m), (c, d, 1_000m), (d, e, 2_400m)], ignoreOrder: true);
        chain.Depth.ShouldBe(4);

        var traces = (await _s.InstancesAsync(caseId)).Where(i => i.DefinitionId == "account-trace").ToList();
        traces.Select(t => (t.Input!["iban"]!.GetValue<string>(), t.Input["line"]!.GetValue<int>(), t.Outcome)).ShouldBe(
            [(a.Value, 1, "Traced"), (b.Value, 2, "Traced"), (c.Value, 2, "CashOut"), (d.Value, 3, "DepthLimit")], ignoreOrder: true);
        traces.ShouldAllBe(t => t.DefinitionVersion == published && t.Status == WorkflowStatus.Completed, "the administrator published a version after the file's");
        traces.Single(t => t.Input!["iban"]!.GetValue<string>() == d.Value).Milestones.ShouldBe(["production-order-issued", "depth-limit-reached"]);
        var byIban = traces.ToDictionary(t => t.Input!["iban"]!.GetValue<string>());
        byIban[b.Value].ParentId.ShouldBe(byIban[a.Value].Id);
        byIban[c.Value].ParentId.ShouldBe(byIban[a.Value].Id);
        byIban[d.Value].ParentId.ShouldBe(byIban[b.Value].Id);

        await using (var db = await _s.DbAsync())
        {
            var answers = db.WorkItems.Where(w => w.ActivityId == "bank-answer").ToList();
            answers.Select(w => w.CandidateAgencyId).ShouldBe([_s.Noordzee.Id, _s.Polder.Id, _s.Tulp.Id, _s.Noordzee.Id], ignoreOrder: true);
        }

        (await _s.AccountAsync(d)).Status.ShouldBe(AccountStatus.Frozen);
        (await _s.AccountAsync(e)).Status.ShouldBe(AccountStatus.Unknown);
        (await _s.CaseWorkflowAsync(caseId)).Milestones.ShouldContain("mule-chain-traced");
        (await _s.OpenTaskAsync(caseId, "identify-suspects")).CandidateRole.ShouldBe(Role.PoliceInvestigator);
    }

    [Fact]
    public async Task CaseFile_ReportNamesTwoAccountsAtTwoBanks_ChainStartsWithBothAndGrowsFromTheAnswers()
    {
        var a = CaseScenario.Nl(_s.Noordzee, 21);
        var b = CaseScenario.Nl(_s.Polder, 22);
        var c = CaseScenario.Nl(_s.Tulp, 23);
        var caseId = await _s.RegisterReportAsync(a, damage: 2_500m, moreIbans: [b]);

        var before = (await _s.QueryAsync(new GetCaseFileQuery(caseId), _s.Investigator)).ShouldNotBeNull();
        before.Sla.ShouldBe(SlaState.OnTrack, "the civil check was just created");
        before.ChainNodes.Select(n => (n.Iban, n.Line, n.Received)).ShouldBe([(a.Value, 1, 0m), (b.Value, 1, 0m)], ignoreOrder: true,
            customMessage: "the report says the victim paid into both, not how much into which");

        await _s.CompleteAsync(caseId, "civil-check", _s.Intake, "Criminal");
        var linked = (await _s.QueryAsync(new GetCaseFileQuery(caseId), _s.Investigator)).ShouldNotBeNull();
        linked.Accounts.Select(x => (x.Iban, x.BankName)).ShouldBe([(a.Value, _s.Noordzee.Name), (b.Value, _s.Polder.Name)], ignoreOrder: true,
            customMessage: "once the report is linked its accounts are registered, and the police see them though no payment is recorded");
        await _s.CompleteAsync(caseId, "victim-info", _s.Intake, "Informed");
        await _s.CompleteAsync(caseId, "triage", _s.TeamLead, "Investigate");
        await _s.TraceAsync(caseId, a, CaseScenario.BankOfficer(_s.Noordzee), new BankAnswer("Mo Ezel", Transfers: [new TransferLine(c, 2_000m)]));
        (await _s.OpenTaskAsync(caseId, "identify-holder", c)).Subject.ShouldBe(c.Value, "the next line is traced from a first-line account without a recorded victim payment, and its task names the account");
        var queue = (await _s.QueryAsync(new GetTaskQueueQuery(TaskList.Available, new TaskFilter(Step: "identify-holder")), _s.Investigator)).ShouldNotBeNull();
        queue.Items.Select(r => r.Subject).ShouldBe([b.Value, c.Value], ignoreOrder: true, customMessage: "two look-ups of one case tell apart by their account");

        var after = (await _s.QueryAsync(new GetCaseFileQuery(caseId), _s.Investigator)).ShouldNotBeNull();
        after.ChainNodes.Select(n => (n.Iban, n.Line)).ShouldBe([(a.Value, 1), (b.Value, 1), (c.Value, 2)], ignoreOrder: true);
        after.Accounts.Single(x => x.Iban == a.Value).HolderName.ShouldBe("Mo Ezel", "the case traced a itself (look-up and order), so it sees what is known");
        after.Accounts.Single(x => x.Iban == b.Value).Status.ShouldBe("Unknown", "b is not traced yet");
        after.ChainEdges.ShouldHaveSingleItem().ShouldBe(new ChainEdgeDto(a.Value, c.Value, 2_000m, 1));

        // The timeline names workflows and tasks as users know them, from each instance's own definition version.
        var civilCheck = after.Timeline.First(e => e.ActivityId == "civil-check");
        civilCheck.WorkflowName.ShouldNotBeNull().Nl.ShouldBe("Online-fraudezaak");
        civilCheck.ActivityTitle.ShouldNotBeNull().En.ShouldBe("Check: criminal or civil (breach of contract)?");
        after.Timeline.First(e => e.ActivityId == "identify-holder").ActivityTitle.ShouldNotBeNull().Nl.ShouldStartWith("Rekeninghouder opvragen");

        // A month on, the open tasks are late, and so is the case; closed tasks have no SLA state any more.
        await _s.PassAsync(TimeSpan.FromDays(30));
        var late = (await _s.QueryAsync(new GetCaseFileQuery(caseId), _s.Investigator)).ShouldNotBeNull();
        late.Sla.ShouldBe(SlaState.Breached);
        late.Tasks.Where(t => t.Status == WorkItemStatus.Completed).ShouldAllBe(t => t.Sla == null);
        late.Tasks.Where(t => t.Status == WorkItemStatus.Open).ShouldAllBe(t => t.Sla == SlaState.Breached);
    }

    private async Task<int> PublishDepthLimitAsync(int depthLimit)
    {
        var file = await File.ReadAllTextAsync(Path.Combine(CaseScenario.WorkflowsFolder, "account-trace.json"), Ct);
        var v1 = DefinitionJson.Parse(file);
        var v2 = v1 with
        {
            Version = v1.Version + 1,
            Variables = [.. v1.Variables.Select(v => v.Name == "depthLimit" ? v with { Default = JsonValue.Create(depthLimit) } : v)],
        };
        (await _s.Get<DatabaseDefinitionSource>().PublishAsync(DefinitionJson.Write(v2), "administrator", Ct)).ShouldBeTrue();
        return v2.Version;
    }
}

public sealed class SqliteMuleChainScenarioTests(PostgreSqlFixture postgres) : MuleChainScenarioTests(DatabaseProvider.Sqlite, postgres);

public sealed class PostgreSqlMuleChainScenarioTests(PostgreSqlFixture postgres) : MuleChainScenarioTests(DatabaseProvider.PostgreSql, postgres);
