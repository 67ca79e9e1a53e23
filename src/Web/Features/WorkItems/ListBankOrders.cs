using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.WorkItems;

/// <summary>The bank portal: the production orders and signals addressed to my bank, open ones first. Only the task,
/// its case number and due time — nothing of the case.</summary>
[Audited(AuditAction.Search, "BankOrders")]
[RequiresRole(Role.BankFraudOfficer, Role.BankTeamLead)]
public sealed record ListBankOrdersQuery(bool IncludeClosed = false, int Page = 0, int PageSize = 50) : IQuery<PagedResult<BankOrderDto>>;

/// <summary>An order or signal addressed to the bank.</summary>
/// <remarks><see cref="Subject"/>: what the order is about (the account at this bank), when the workflow names it.</remarks>
public sealed record BankOrderDto(
    Guid Id, string CaseNumber, string Title, string? TitleEnglish, WorkItemStatus Status, string? Assignee, DateTimeOffset DueAt, SlaState Sla, bool Escalated,
    string? Subject = null);

internal sealed class ListBankOrdersHandler(IDbContextFactory<CoordinationDbContext> contexts, UserContext users, TimeProvider clock)
    : IQueryHandler<ListBankOrdersQuery, PagedResult<BankOrderDto>>
{
    public async ValueTask<PagedResult<BankOrderDto>> Handle(ListBankOrdersQuery query, CancellationToken cancellationToken)
    {
        var user = (await users.GetAsync())!;
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = db.WorkItems.AsNoTracking().Where(w => w.CandidateAgencyId == user.AgencyId);
        if (!query.IncludeClosed)
        {
            items = items.Where(w => w.Status == WorkItemStatus.Open || w.Status == WorkItemStatus.Claimed);
        }

        var size = Paging.Clamp(query.PageSize);
        var total = await items.CountAsync(cancellationToken);
        var page = await items
            .Join(db.CaseLabels, w => w.CaseId, c => c.Id, (w, c) => new { w, c.Number })
            .OrderBy(x => x.w.Status == WorkItemStatus.Completed || x.w.Status == WorkItemStatus.Cancelled).ThenBy(x => x.w.DueAt)
            .Skip(Math.Max(0, query.Page) * size).Take(size)
            .Select(x => new BankOrderDto(x.w.Id.Value, x.Number.Value, x.w.Title, x.w.TitleEnglish, x.w.Status, x.w.Assignee, x.w.DueAt, WorkItem.SlaAt(x.w.AtRiskAt, x.w.DueAt, now), x.w.EscalatedAt != null, x.w.Subject))
            .ToListAsync(cancellationToken);
        return new PagedResult<BankOrderDto>(page, total, query.Page, size);
    }
}
