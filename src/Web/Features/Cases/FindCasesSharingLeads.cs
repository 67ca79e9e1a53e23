using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Cases;

/// <summary>
/// While a report is being entered: which existing cases already name one of its IBANs or phone numbers. Linking
/// reports across units is the point of the national intake (LMIO), so this looks at all cases — but it answers only
/// the case number, owning unit and the shared lead, never the case's content. Being a look across every unit, each
/// one is in the audit trail like any other search.
/// </summary>
[RequiresRole(Role.PoliceIntakeOfficer, Role.PoliceInvestigator, Role.PoliceTeamLead)]
[Audited(AuditAction.Search, "SharedLeads")]
public sealed record FindCasesSharingLeadsQuery(IReadOnlyList<string> Ibans, IReadOnlyList<string> PhoneNumbers) : IQuery<IReadOnlyList<SharedLeadDto>>, ISearchRequest
{
    /// <inheritdoc />
    /// <remarks>In the form reports store them, so an auditor finds a lead however it was typed.</remarks>
    public string? SearchedFor =>
        string.Join(", ", [.. (Ibans ?? []).Select(t => Leads.StoredIban(t) ?? t.Trim()), .. (PhoneNumbers ?? []).Select(t => Leads.StoredPhone(t) ?? t.Trim())])
            is { Length: > 0 } leads ? leads : null;
}

/// <summary>An existing case that shares a lead.</summary>
public sealed record SharedLeadDto(string CaseNumber, string UnitName, string Lead);

internal sealed class FindCasesSharingLeadsHandler(SystemDbContexts contexts) : IQueryHandler<FindCasesSharingLeadsQuery, IReadOnlyList<SharedLeadDto>>
{
    public async ValueTask<IReadOnlyList<SharedLeadDto>> Handle(FindCasesSharingLeadsQuery query, CancellationToken cancellationToken)
    {
        // What is not an IBAN or phone number (yet) has nothing to match on.
        List<string> leads = [.. (query.Ibans ?? []).Select(Leads.StoredIban).OfType<string>(), .. (query.PhoneNumbers ?? []).Select(Leads.StoredPhone).OfType<string>()];

        if (leads.Count == 0)
        {
            return [];
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // Two plain steps the providers translate alike: the reports naming a lead, then their cases' numbers and units.
        var hits = await db.Reports.AsNoTracking()
            .Where(r => r.CaseId != null && r.Identifiers.Any(i => leads.Contains(i.Value)))
            .Select(r => new { r.CaseId, Leads = r.Identifiers.Where(i => leads.Contains(i.Value)).Select(i => i.Value).ToList() })
            .Take(200)
            .ToListAsync(cancellationToken);
        var caseIds = hits.Select(h => h.CaseId!.Value).Distinct().ToList();
        if (caseIds.Count == 0)
        {
            return [];
        }

        var cases = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id))
            .Join(db.Agencies.AsNoTracking(), c => c.OwningUnitId, a => a.Id, (c, a) => new { c.Id, c.Number, a.Name })
            .ToListAsync(cancellationToken);
        return [.. hits
            .SelectMany(h => h.Leads.Select(lead => (h.CaseId!.Value, lead)))
            .Join(cases, x => x.Value, c => c.Id, (x, c) => new SharedLeadDto(c.Number.Value, c.Name, x.lead))
            .Distinct()
            .OrderBy(m => m.CaseNumber, StringComparer.Ordinal)
            .Take(50)];
    }
}
