using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.WorkItems;

/// <summary>Which queue.</summary>
public enum TaskList
{
    /// <summary>Tasks I hold.</summary>
    Mine,

    /// <summary>Open tasks offered to one of my roles at my agency that nobody holds.</summary>
    Available,

    /// <summary>All open and claimed tasks of my agency (team leads).</summary>
    Team,
}

/// <summary>How a queue is sorted.</summary>
public enum TaskSort
{
    /// <summary>Soonest due first.</summary>
    DueAt,

    /// <summary>Oldest first.</summary>
    Age,

    /// <summary>By case number.</summary>
    CaseNumber,
}

/// <summary>Filters of a task queue; every one optional.</summary>
public sealed record TaskFilter(string? Step = null, FraudType? FraudType = null, SlaState? Sla = null, DateTimeOffset? DueBefore = null);

/// <summary>One page of a task queue, filtered and sorted on the server.</summary>
public sealed record GetTaskQueueQuery(TaskList Queue, TaskFilter? Filter = null, TaskSort Sort = TaskSort.DueAt, bool Descending = false, int Page = 0, int PageSize = 25)
    : IQuery<PagedResult<TaskRowDto>>;

/// <summary>A row of a task queue. <c>SentBack</c>: the task came back because what was entered on it before was refused
/// (the reason itself is on the task).</summary>
public sealed record TaskRowDto(
    Guid Id, Guid CaseId, string CaseNumber, string Title, string? TitleEnglish, string? ActivityId, FraudType? FraudType, string AgencyName, string Role,
    WorkItemStatus Status, string? Assignee, DateTimeOffset CreatedAt, DateTimeOffset DueAt, SlaState Sla, bool Escalated, string? Subject = null,
    bool SentBack = false);

internal sealed class GetTaskQueueHandler(IDbContextFactory<CoordinationDbContext> contexts, UserContext users, TimeProvider clock)
    : IQueryHandler<GetTaskQueueQuery, PagedResult<TaskRowDto>>
{
    public async ValueTask<PagedResult<TaskRowDto>> Handle(GetTaskQueueQuery query, CancellationToken cancellationToken)
    {
        var user = (await users.GetAsync())!;
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = db.WorkItems.AsNoTracking();
        items = query.Queue switch
        {
            TaskList.Mine => QueueTasks.Mine(items, user),
            TaskList.Available => QueueTasks.Available(items, user),
            _ => TeamTasks.Of(items, user),
        };

        var filter = query.Filter ?? new TaskFilter();
        if (!string.IsNullOrWhiteSpace(filter.Step))
        {
            items = items.Where(w => w.ActivityId == filter.Step);
        }

        if (filter.DueBefore is { } before)
        {
            items = items.Where(w => w.DueAt < before);
        }

        items = filter.Sla switch
        {
            SlaState.Breached => items.Where(w => w.DueAt < now),
            SlaState.AtRisk => items.Where(w => w.DueAt >= now && w.AtRiskAt <= now),
            SlaState.OnTrack => items.Where(w => w.AtRiskAt > now),
            _ => items,
        };

        // The case number and fraud type come with the task; the task's visibility was decided above (its need-to-know
        // filter stays on), and a task of a case the user may not open still shows its number (e.g. a bank's order).
        var rows = items.Join(db.CaseLabels, w => w.CaseId, c => c.Id, (w, c) => new { w, c.Number, c.FraudType })
            .Join(db.Agencies.AsNoTracking(), x => x.w.CandidateAgencyId, a => a.Id, (x, a) => new { x.w, x.Number, x.FraudType, AgencyName = a.Name });
        // Outside police and OM the case's content is not theirs to see — not even what kind of fraud it is, so they
        // cannot filter on it either (the rows that stayed would tell).
        var showCaseFacts = user.SeesCaseFacts;
        var byCase = filter.FraudType is not null && showCaseFacts;
        if (byCase)
        {
            rows = rows.Where(x => x.FraudType == filter.FraudType);
        }

        rows = (query.Sort, query.Descending) switch
        {
            (TaskSort.Age, false) => rows.OrderBy(x => x.w.CreatedAt),
            (TaskSort.Age, true) => rows.OrderByDescending(x => x.w.CreatedAt),
            (TaskSort.CaseNumber, false) => rows.OrderBy(x => x.Number),
            (TaskSort.CaseNumber, true) => rows.OrderByDescending(x => x.Number),
            (_, true) => rows.OrderByDescending(x => x.w.DueAt),
            _ => rows.OrderBy(x => x.w.DueAt),
        };

        var size = Paging.Clamp(query.PageSize);
        // Every task has its case (and one may see the label of a case whose task one sees), so unless the case's kind
        // filters them the tasks count alone, without the join and its filter.
        var total = byCase ? await rows.CountAsync(cancellationToken) : await items.CountAsync(cancellationToken);
        var page = await rows.Skip(Math.Max(0, query.Page) * size).Take(size)
            .Select(x => new TaskRowDto(
                x.w.Id.Value, x.w.CaseId.Value, x.Number.Value, x.w.Title, x.w.TitleEnglish, x.w.ActivityId, showCaseFacts ? x.FraudType : null, x.AgencyName, x.w.CandidateRole.ToString(),
                x.w.Status, x.w.Assignee, x.w.CreatedAt, x.w.DueAt, WorkItem.SlaAt(x.w.AtRiskAt, x.w.DueAt, now), x.w.EscalatedAt != null, x.w.Subject, x.w.Refusal != null))
            .ToListAsync(cancellationToken);
        return new PagedResult<TaskRowDto>(page, total, query.Page, size);
    }
}

/// <summary>
/// A team's work: the open and claimed tasks offered to the lead's agency. Police and bank team leads and prosecutors
/// lead a team (the prosecutor for the OM office); anyone else has none.
/// </summary>
internal static class TeamTasks
{
    public static bool Leads(CurrentUser user) => user.Holds(Role.PoliceTeamLead) || user.Holds(Role.BankTeamLead) || user.Holds(Role.Prosecutor);

    public static IQueryable<WorkItem> Of(IQueryable<WorkItem> items, CurrentUser user) => Leads(user)
        ? items.Where(w => (w.Status == WorkItemStatus.Open || w.Status == WorkItemStatus.Claimed) && w.CandidateAgencyId == user.AgencyId)
        : items.Where(_ => false);
}

/// <summary>The tasks a user holds, and those offered to one of their roles at their agency that nobody holds.</summary>
internal static class QueueTasks
{
    public static IQueryable<WorkItem> Mine(IQueryable<WorkItem> items, CurrentUser user) =>
        items.Where(w => w.Status == WorkItemStatus.Claimed && w.Assignee == user.UserName);

    public static IQueryable<WorkItem> Available(IQueryable<WorkItem> items, CurrentUser user)
    {
        var roles = user.Roles.ToList();
        return items.Where(w => w.Status == WorkItemStatus.Open && w.CandidateAgencyId == user.AgencyId && roles.Contains(w.CandidateRole));
    }
}
