using Coordination.Domain.Audit;
using Coordination.Domain.Dispositions;
using Coordination.Domain.Parties;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Parties;

/// <summary>Views a person's details. The caller states why (recorded in the audit trail); without a purpose the
/// request is refused.</summary>
[Audited(AuditAction.Read, "Party")]
public sealed record GetPersonQuery(Guid PartyId, string Purpose) : IQuery<PersonDto?>, IPersonRequest;

/// <summary>A person's details with the dispositions about them.</summary>
public sealed record PersonDto(
    Guid Id, Guid CaseId, PartyRole Role, string FullName, DateOnly? DateOfBirth, DateOnly? OffenceDate, int? AgeAtOffence, bool IsMinor,
    IReadOnlyList<PersonDispositionDto> Dispositions);

/// <summary>A disposition about the person.</summary>
public sealed record PersonDispositionDto(Guid Id, DispositionKind Kind, DispositionStatus Status, DateTimeOffset DecidedAt, int? Hours, string? DismissalCode);

internal sealed class GetPersonHandler(IDbContextFactory<CoordinationDbContext> contexts) : IQueryHandler<GetPersonQuery, PersonDto?>
{
    public async ValueTask<PersonDto?> Handle(GetPersonQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = PartyId.From(query.PartyId);
        var party = await db.Parties.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (party is null)
        {
            return null;
        }

        var dispositions = await db.Dispositions.AsNoTracking().Where(d => d.SuspectId == id).OrderBy(d => d.DecidedAt)
            .Select(d => new PersonDispositionDto(d.Id.Value, d.Kind, d.Status, d.DecidedAt, d.Hours, d.DismissalCode))
            .ToListAsync(cancellationToken);
        return new PersonDto(
            party.Id.Value, party.CaseId.Value, party.Role, party.FullName, party.DateOfBirth, party.OffenceDate, party.AgeAtOffence, party.IsMinorAtOffence, dispositions);
    }
}
