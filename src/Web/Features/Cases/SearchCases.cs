using Coordination.Domain.Audit;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Cases;

/// <summary>Searches the cases the caller may see, by case number, IBAN, phone number or summary text.</summary>
[Audited(AuditAction.Search, "FraudCase")]
public sealed record SearchCasesQuery(string? Text = null, CasePhase? Phase = null, FraudType? FraudType = null, int Page = 0, int PageSize = 25)
    : IQuery<PagedResult<CaseListItemDto>>, ISearchRequest
{
    /// <inheritdoc />
    /// <remarks>An IBAN or phone number in the form reports store it, so an auditor finds it however it was typed.</remarks>
    public string? SearchedFor => string.IsNullOrWhiteSpace(Text) ? null : Leads.Stored(Text.Trim()) ?? Text.Trim();
}

/// <summary>A case in a list.</summary>
public sealed record CaseListItemDto(Guid Id, string Number, FraudType FraudType, CasePhase Phase, string Summary, decimal ReportedDamage, int ReportCount, DateTimeOffset RegisteredAt);

internal sealed class SearchCasesHandler(IDbContextFactory<CoordinationDbContext> contexts) : IQueryHandler<SearchCasesQuery, PagedResult<CaseListItemDto>>
{
    public async ValueTask<PagedResult<CaseListItemDto>> Handle(SearchCasesQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var cases = db.Cases.AsNoTracking();
        if (query.Phase is { } phase)
        {
            cases = cases.Where(c => c.Phase == phase);
        }

        if (query.FraudType is { } type)
        {
            cases = cases.Where(c => c.FraudType == type);
        }

        if (!string.IsNullOrWhiteSpace(query.Text))
        {
            var text = query.Text.Trim();
            var lead = Leads.Stored(text);
            cases = cases.Where(c => c.Summary.Contains(text)
                || (lead != null && db.Reports.Any(r => r.CaseId == c.Id && r.Identifiers.Any(i => i.Value == lead))));
            if (TryCaseNumber(text) is { } number)
            {
                cases = db.Cases.AsNoTracking().Where(c => c.Number == number);
            }
        }

        var size = Paging.Clamp(query.PageSize);
        var total = await cases.CountAsync(cancellationToken);
        var items = await cases.OrderByDescending(c => c.RegisteredAt)
            .Skip(Math.Max(0, query.Page) * size).Take(size)
            .Select(c => new CaseListItemDto(c.Id.Value, c.Number.Value, c.FraudType, c.Phase, c.Summary, c.ReportedDamage.Amount, c.ReportCount, c.RegisteredAt))
            .ToListAsync(cancellationToken);
        return new PagedResult<CaseListItemDto>(items, total, query.Page, size);
    }

    // A search text that is an IBAN or a phone number is matched on the normalized leads of the reports.
    private static CaseNumber? TryCaseNumber(string text)
    {
        try
        {
            return CaseNumber.Parse(text);
        }
        catch (DomainException)
        {
            return null;
        }
    }
}
