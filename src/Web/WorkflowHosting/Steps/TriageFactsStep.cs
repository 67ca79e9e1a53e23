using System.Text.Json.Nodes;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Parties;
using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>
/// S7 (DP3): the facts the team lead triages on, fresh each time (a parked case may have gained linked reports):
/// <c>linkedReports</c> (reports of other cases sharing a lead), <c>totalDamage</c> (this case's and the linked
/// reports' damage in euro), <c>leads</c> (distinct IBANs, phone numbers and URLs), <c>vulnerableVictim</c>.
/// </summary>
internal sealed class TriageFactsStep(SystemDbContexts contexts) : IStepHandler
{
    public string StepKey => "triage-facts";

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caseId = CaseId.From(StepValues.Id(context.Input, "caseId"));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var fraudCase = await db.Cases.AsNoTracking().FirstAsync(c => c.Id == caseId, cancellationToken);
        var leads = (await db.Reports.AsNoTracking().Where(r => r.CaseId == caseId).ToListAsync(cancellationToken))
            .SelectMany(r => r.Identifiers).Distinct().ToList();
        var linked = (await ReportLinks.FindAsync(db, leads, cancellationToken)).Where(r => r.CaseId != caseId).ToList();
        var vulnerable = await db.Parties.AsNoTracking().AnyAsync(p => p.CaseId == caseId && p.Role == PartyRole.Victim && p.IsVulnerable, cancellationToken);
        var damage = fraudCase.ReportedDamage + Money.Sum(linked.Select(r => r.Damage));
        return StepResult.Done(new JsonObject
        {
            ["linkedReports"] = linked.Count,
            ["totalDamage"] = damage.Amount,
            ["leads"] = leads.Count,
            ["vulnerableVictim"] = vulnerable,
        });
    }
}
