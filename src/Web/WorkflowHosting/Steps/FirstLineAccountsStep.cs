using System.Text.Json.Nodes;
using Coordination.Domain.Cases;
using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>S8: the accounts the victims paid into (the IBANs of the case's reports): line 1 of the mule chain.</summary>
/// <remarks>Output <c>accounts</c>: <c>{ iban, bankCode, bankKnown, abroad }</c> per distinct IBAN.</remarks>
internal sealed class FirstLineAccountsStep(SystemDbContexts contexts) : IStepHandler
{
    public string StepKey => "first-line-accounts";

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caseId = CaseId.From(StepValues.Id(context.Input, "caseId"));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var reports = await db.Reports.AsNoTracking().Where(r => r.CaseId == caseId).ToListAsync(cancellationToken);
        var banks = await StepValues.BanksAsync(db, cancellationToken);
        var accounts = reports.SelectMany(r => r.Ibans).Distinct().OrderBy(i => i.Value, StringComparer.Ordinal).Select(i => (JsonNode)StepValues.Describe(i, banks));
        return StepResult.Done(new JsonObject { ["accounts"] = new JsonArray([.. accounts]) });
    }
}
