using Coordination.Domain.Audit;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.WorkItems;

/// <summary>Opens a task with what is needed to work it: title, status, due time and its form data. A bank user sees
/// the order addressed to their bank and nothing of the case file.</summary>
[Audited(AuditAction.Read, "WorkItem")]
public sealed record GetWorkItemQuery(Guid WorkItemId) : IQuery<WorkItemDto?>, IWorkItemRequest;

/// <summary>A task as its worker sees it.</summary>
public sealed record WorkItemDto(
    Guid Id, string Title, string? TitleEnglish, string Role, Guid AgencyId, WorkItemStatus Status, string? Assignee, DateTimeOffset CreatedAt,
    DateTimeOffset DueAt, string? Outcome, string? FormData, int Version);

internal sealed class GetWorkItemHandler(IDbContextFactory<CoordinationDbContext> contexts) : IQueryHandler<GetWorkItemQuery, WorkItemDto?>
{
    public async ValueTask<WorkItemDto?> Handle(GetWorkItemQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WorkItems.AsNoTracking().Where(w => w.Id == WorkItemId.From(query.WorkItemId))
            .Select(w => new WorkItemDto(w.Id.Value, w.Title, w.TitleEnglish, w.CandidateRole.ToString(), w.CandidateAgencyId.Value, w.Status, w.Assignee, w.CreatedAt, w.DueAt, w.Outcome, w.FormData, w.Version))
            .FirstOrDefaultAsync(cancellationToken);
    }
}
