using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Web.Features.Cases;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Audit;

/// <summary>
/// The audit trail for an auditor: per case (object), per person (subject) or per user (actor), or by what its purpose
/// says — a search records what was searched for there, so "who looked up this IBAN" is a purpose filter. Newest first.
/// </summary>
[Audited(AuditAction.Read, "AuditTrail")]
[RequiresRole(Role.Auditor)]
public sealed record GetAuditTrailQuery(string? ObjectId = null, string? SubjectId = null, string? Actor = null, int Page = 0, int PageSize = 50, string? Purpose = null)
    : IQuery<PagedResult<AuditEntryDto>>, ISearchRequest
{
    /// <inheritdoc />
    /// <remarks>An auditor's own look for a lead or a name is on record like anyone's.</remarks>
    public string? SearchedFor =>
        string.Join("; ", new[] { ObjectId, SubjectId, Actor, Purpose }.Where(f => !string.IsNullOrWhiteSpace(f)).Select(f => f!.Trim())) is { Length: > 0 } terms ? terms : null;
}

/// <summary>One audit record.</summary>
public sealed record AuditEntryDto(
    long Sequence, DateTimeOffset At, string Actor, Guid? OnBehalfOfAgencyId, AuditAction Action, string ObjectType, string? ObjectId, string? SubjectId,
    AuditResult Result, string? Origin, string? Purpose);

internal sealed class GetAuditTrailHandler(IDbContextFactory<CoordinationDbContext> contexts) : IQueryHandler<GetAuditTrailQuery, PagedResult<AuditEntryDto>>
{
    public async ValueTask<PagedResult<AuditEntryDto>> Handle(GetAuditTrailQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var entries = db.AuditEntries.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(query.ObjectId))
        {
            entries = entries.Where(a => a.ObjectId == query.ObjectId);
        }

        if (!string.IsNullOrWhiteSpace(query.SubjectId))
        {
            entries = entries.Where(a => a.SubjectId == query.SubjectId);
        }

        if (!string.IsNullOrWhiteSpace(query.Actor))
        {
            var actor = query.Actor.Trim().ToLowerInvariant();
            entries = entries.Where(a => a.Actor == actor);
        }

        if (!string.IsNullOrWhiteSpace(query.Purpose))
        {
            // Searches record an IBAN or phone number in the form reports store it, so the term matches as typed or in
            // that form: "nl91 abna 0417 1643 00" finds NL91ABNA0417164300. Other text matches as written (case and all,
            // the same on both databases). A term longer than any purpose matches nothing.
            var raw = query.Purpose.Trim();
            if (raw.Length > AuditEntry.PurposeMaxLength)
            {
                return new PagedResult<AuditEntryDto>([], 0, query.Page, Paging.Clamp(query.PageSize));
            }

            var stored = Leads.Stored(raw) ?? raw;
            entries = entries.Where(a => a.Purpose != null && (a.Purpose.Contains(raw) || a.Purpose.Contains(stored)));
        }

        var size = Paging.Clamp(query.PageSize);
        var total = await entries.CountAsync(cancellationToken);
        var items = await entries.OrderByDescending(a => a.Sequence).Skip(Math.Max(0, query.Page) * size).Take(size)
            .Select(a => new AuditEntryDto(a.Sequence, a.At, a.Actor, a.OnBehalfOfAgencyId, a.Action, a.ObjectType, a.ObjectId, a.SubjectId, a.Result, a.Origin, a.Purpose))
            .ToListAsync(cancellationToken);
        return new PagedResult<AuditEntryDto>(items, total, query.Page, size);
    }
}
