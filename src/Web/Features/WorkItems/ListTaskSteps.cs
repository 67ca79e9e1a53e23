using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Domain.WorkItems;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.WorkItems;

/// <summary>The kinds of task (workflow steps) now open at the user's agency or held by them, for the queue's step
/// filter: users pick a task title, not a step id.</summary>
public sealed record ListTaskStepsQuery : IQuery<IReadOnlyList<TaskStepDto>>;

/// <summary>A step and the title its tasks carry.</summary>
public sealed record TaskStepDto(string ActivityId, string Title, string? TitleEnglish);

internal sealed class ListTaskStepsHandler(IDbContextFactory<CoordinationDbContext> contexts, UserContext users)
    : IQueryHandler<ListTaskStepsQuery, IReadOnlyList<TaskStepDto>>
{
    public async ValueTask<IReadOnlyList<TaskStepDto>> Handle(ListTaskStepsQuery query, CancellationToken cancellationToken)
    {
        var user = (await users.GetAsync())!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var steps = await db.WorkItems.AsNoTracking()
            .Where(w => (w.Status == WorkItemStatus.Open || w.Status == WorkItemStatus.Claimed)
                && w.ActivityId != null && (w.CandidateAgencyId == user.AgencyId || w.Assignee == user.UserName))
            .Select(w => new { w.ActivityId, w.Title, w.TitleEnglish })
            .Distinct()
            .ToListAsync(cancellationToken);

        // One entry per step; a step's tasks share their title (it comes from the definition).
        return [.. steps.GroupBy(s => s.ActivityId!, StringComparer.Ordinal)
            .Select(g => new TaskStepDto(g.Key, g.First().Title, g.First().TitleEnglish))
            .OrderBy(s => s.Title, StringComparer.CurrentCulture)];
    }
}
