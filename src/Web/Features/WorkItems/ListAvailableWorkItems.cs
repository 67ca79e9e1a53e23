using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.WorkItems;

/// <summary>The open tasks offered to one of my roles at my agency, nobody's yet, soonest due first.</summary>
public sealed record ListAvailableWorkItemsQuery(int Page = 0, int PageSize = 50) : IQuery<PagedResult<WorkItemListItemDto>>;

/// <summary>A task in a queue.</summary>
public sealed record WorkItemListItemDto(Guid Id, Guid CaseId, string Title, string? TitleEnglish, string Role, WorkItemStatus Status, string? Assignee, DateTimeOffset CreatedAt, DateTimeOffset DueAt);

internal sealed class ListAvailableWorkItemsHandler(IDbContextFactory<CoordinationDbContext> contexts, UserContext users)
    : IQueryHandler<ListAvailableWorkItemsQuery, PagedResult<WorkItemListItemDto>>
{
    public async ValueTask<PagedResult<WorkItemListItemDto>> Handle(ListAvailableWorkItemsQuery query, CancellationToken cancellationToken)
    {
        var user = (await users.GetAsync())!;
        var roles = user.Roles.ToList();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = db.WorkItems.AsNoTracking()
            .Where(w => w.Status == WorkItemStatus.Open && w.CandidateAgencyId == user.AgencyId && roles.Contains(w.CandidateRole));
        var size = Paging.Clamp(query.PageSize);
        var total = await items.CountAsync(cancellationToken);
        var page = await items.OrderBy(w => w.DueAt).Skip(Math.Max(0, query.Page) * size).Take(size)
            .Select(w => new WorkItemListItemDto(w.Id.Value, w.CaseId.Value, w.Title, w.TitleEnglish, w.CandidateRole.ToString(), w.Status, w.Assignee, w.CreatedAt, w.DueAt))
            .ToListAsync(cancellationToken);
        return new PagedResult<WorkItemListItemDto>(page, total, query.Page, size);
    }
}
