using System.Text.Json.Nodes;
using Coordination.Domain.Parties;
using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>DP6: the suspect's age in whole years at the offence date (null when a date is unknown) and whether they
/// were a minor then. Read-only.</summary>
internal sealed class AgeAtOffenceStep(SystemDbContexts contexts) : IStepHandler
{
    public string StepKey => "age-at-offence";

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var suspectId = PartyId.From(StepValues.Id(context.Input, "suspectId"));
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var suspect = await db.Parties.AsNoTracking().FirstAsync(p => p.Id == suspectId, cancellationToken);
        return StepResult.Done(new JsonObject
        {
            ["age"] = suspect.AgeAtOffence,
            ["minor"] = suspect.IsMinorAtOffence,
        });
    }
}
