using System.Text.Json.Nodes;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Parties;
using Coordination.Web.Persistence;
using Coordination.Workflow.Runtime;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.WorkflowHosting.Steps;

/// <summary>
/// S14: registers the suspects the investigator identified, each with the date of the offence (by default the case's
/// offence date), so that the age at the offence can decide the youth route. A suspect already registered on the case
/// with the same name and date of birth is reused, so running the step again registers nobody twice.
/// </summary>
/// <remarks>Input <c>suspects</c>: <c>[{ name, dateOfBirth, role, offenceDate }]</c> (role: Suspect, MoneyMule,
/// Recruiter). Output <c>suspects</c>: <c>[{ partyId, name }]</c>; outcome <c>None</c> when the list is empty.
/// What a person typed that a domain rule refuses (a date of birth after the offence, a name too long) registers
/// nobody and leaves through <c>Refused</c> with <c>refusal</c> and <c>refusalCode</c>, so the workflow can give the task
/// back with the reason instead of stopping at an incident; both are null otherwise.</remarks>
internal sealed class RegisterSuspectsStep(SystemDbContexts contexts, TimeProvider clock) : IStepHandler
{
    public string StepKey => "register-suspects";

    public async Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var caseId = CaseId.From(StepValues.Id(context.Input, "caseId"));
        var wanted = StepValues.Objects(context.Input, "suspects").ToList();
        if (wanted.Count == 0)
        {
            return new StepResult("None", new JsonObject { ["suspects"] = new JsonArray() });
        }

        List<Party> registered;
        try
        {
            registered = await RegisterAsync(caseId, wanted, cancellationToken);
        }
        catch (DomainException refused)
        {
            return StepValues.Refused(refused, new JsonObject { ["suspects"] = new JsonArray() });
        }

        return new StepResult("Registered", new JsonObject
        {
            ["suspects"] = new JsonArray([.. registered.Select(p => (JsonNode)new JsonObject { ["partyId"] = p.Id.Value.ToString(), ["name"] = p.FullName })]),
            ["refusal"] = null,
            ["refusalCode"] = null,
        });
    }

    private Task<List<Party>> RegisterAsync(CaseId caseId, List<JsonObject> wanted, CancellationToken cancellationToken) =>
        StepValues.SaveAsync(contexts, async db =>
        {
            var fraudCase = await db.Cases.AsNoTracking().FirstAsync(c => c.Id == caseId, cancellationToken);
            var known = await db.Parties.Where(p => p.CaseId == caseId && p.Role != PartyRole.Victim).ToListAsync(cancellationToken);
            var result = new List<Party>();
            foreach (var suspect in wanted)
            {
                var name = StepValues.Text(suspect, "name");
                var born = StepValues.Date(suspect["dateOfBirth"]);
                var party = known.FirstOrDefault(p => string.Equals(p.FullName, name, StringComparison.OrdinalIgnoreCase) && p.DateOfBirth == born);
                if (party is null)
                {
                    var role = Enum.TryParse<PartyRole>(StepValues.OptionalText(suspect, "role"), out var parsed) && Enum.IsDefined(parsed) ? parsed : PartyRole.Suspect;
                    var offence = StepValues.Date(suspect["offenceDate"]) ?? fraudCase.OffenceDate ?? DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
                    party = Party.Suspect(caseId, role, name, born, offence, clock);
                    db.Parties.Add(party);
                    known.Add(party);
                }

                result.Add(party);
            }

            return result;
        }, cancellationToken);
}
