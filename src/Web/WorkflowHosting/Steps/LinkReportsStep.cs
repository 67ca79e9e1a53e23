using System.Text.Json.Nodes;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Reports;
using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>
/// S3: links a new report to earlier reports by IBAN, phone number and URL across cases, and counts the reports per
/// IBAN (for the bank signal, DP2). It also records the victim's payment to the account the report names, which puts
/// that account on line 1 of the case's mule chain, and registers the accounts the report mentions.
/// </summary>
/// <remarks>Outputs: <c>linkedReports</c> (reports of other cases sharing a lead), <c>linkedCases</c> (their case
/// numbers), <c>ibans</c> (each IBAN of the report with <c>reports</c>, the number of reports naming it).</remarks>
internal sealed class LinkReportsStep(SystemDbContexts contexts, TimeProvider clock) : IStepHandler
{
    public string StepKey => "link-reports";

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caseId = CaseId.From(StepValues.Id(context.Input, "caseId"));
        var reportId = ReportId.From(StepValues.Id(context.Input, "reportId"));

        await StepValues.SaveAsync(contexts, async db =>
        {
            var report = await db.Reports.FirstAsync(r => r.Id == reportId, cancellationToken);
            var fraudCase = await db.Cases.FirstAsync(c => c.Id == caseId, cancellationToken);
            var banks = await StepValues.BanksAsync(db, cancellationToken);
            var ibans = report.Ibans.Distinct().ToList();
            foreach (var iban in ibans)
            {
                await StepValues.AccountAsync(db, iban, banks, clock, cancellationToken);
            }

            // With one beneficiary the damage is what the victim paid into it; with more, the report does not say how
            // the damage was split, so the bank's answers will have to show it.
            if (ibans.Count == 1 && report.VictimIban is { } victim && victim != ibans[0] && report.Damage > Money.Zero)
            {
                var paidAt = new DateTimeOffset(report.IncidentDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
                fraudCase.RecordTransfer(new Transfer(TransferKind.VictimPayment, victim, ibans[0], report.Damage, paidAt));
            }

            return true;
        }, cancellationToken);

        await using var read = await contexts.CreateDbContextAsync(cancellationToken);
        var own = await read.Reports.AsNoTracking().FirstAsync(r => r.Id == reportId, cancellationToken);
        var sharing = await ReportLinks.FindAsync(read, own.Identifiers, cancellationToken);
        var linked = sharing.Where(r => r.CaseId != caseId).ToList();
        var linkedCaseIds = linked.Where(r => r.CaseId is not null).Select(r => r.CaseId!.Value).Distinct().ToList();
        var linkedCases = linkedCaseIds.Count == 0
            ? []
            : await read.Cases.AsNoTracking().Where(c => linkedCaseIds.Contains(c.Id)).Select(c => c.Number).ToListAsync(cancellationToken);
        var banks = await StepValues.BanksAsync(read, cancellationToken);

        var ibans = new JsonArray();
        foreach (var iban in own.Ibans.Distinct())
        {
            var account = StepValues.Describe(iban, banks);
            account["reports"] = sharing.Count(r => r.Mentions(IdentifierKind.Iban, iban.Value));
            ibans.Add(account);
        }

        return StepResult.Done(new JsonObject
        {
            ["linkedReports"] = linked.Count,
            ["linkedCases"] = new JsonArray([.. linkedCases.Select(n => n.Value).Order(StringComparer.Ordinal).Select(n => (JsonNode)n)]),
            ["ibans"] = ibans,
        });
    }
}
