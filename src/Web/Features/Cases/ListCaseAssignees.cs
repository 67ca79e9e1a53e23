using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Web.Features.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Cases;

/// <summary>
/// Whom a team lead of the unit that owns a case can give it to: the unit's active investigators and team leads. Null
/// for a lead of another unit (who may see the case because it was given to them, but cannot pass it on).
/// </summary>
[RequiresRole(Role.PoliceTeamLead)]
public sealed record ListCaseAssigneesQuery(Guid CaseId) : IQuery<CaseAssigneesDto?>, ICaseRequest;

/// <summary>Who holds the case now, and who could.</summary>
public sealed record CaseAssigneesDto(string? AssignedTo, IReadOnlyList<AssigneeDto> Candidates);

internal sealed class ListCaseAssigneesHandler(IDbContextFactory<CoordinationDbContext> contexts, UserContext users)
    : IQueryHandler<ListCaseAssigneesQuery, CaseAssigneesDto?>
{
    public async ValueTask<CaseAssigneesDto?> Handle(ListCaseAssigneesQuery query, CancellationToken cancellationToken)
    {
        var lead = (await users.GetAsync())!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var fraudCase = await db.Cases.AsNoTracking().Where(c => c.Id == CaseId.From(query.CaseId))
            .Select(c => new { c.OwningUnitId, c.AssignedTo }).FirstOrDefaultAsync(cancellationToken);
        if (fraudCase is null || fraudCase.OwningUnitId != lead.AgencyId)
        {
            return null;
        }

        var candidates = await CaseAssignees.Fit(db).Where(u => u.AgencyId == lead.AgencyId)
            .Select(u => new AssigneeDto(u.UserName, u.DisplayName)).ToListAsync(cancellationToken);
        return new CaseAssigneesDto(fraudCase.AssignedTo, [.. candidates.OrderBy(c => c.DisplayName, StringComparer.CurrentCulture)]);
    }
}

/// <summary>Who may be given a case personally: an active police investigator or team lead (of any unit; the list
/// offers the own unit's).</summary>
internal static class CaseAssignees
{
    public static IQueryable<AgencyUser> Fit(CoordinationDbContext db) =>
        db.Users.AsNoTracking().Where(u => u.IsActive && u.Roles.Any(r => r.Role == Role.PoliceInvestigator || r.Role == Role.PoliceTeamLead));
}
