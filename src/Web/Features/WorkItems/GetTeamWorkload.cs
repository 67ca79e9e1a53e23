using Coordination.Domain.Agencies;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.WorkItems;

/// <summary>
/// A team lead's view of their team's work: per step how many tasks wait, are held, are at risk or past their SLA and
/// how old the oldest is; and per colleague how many they hold and how many of those are late — where to rebalance.
/// Counts and titles only: no case content.
/// </summary>
[RequiresRole(Role.PoliceTeamLead, Role.BankTeamLead, Role.Prosecutor)]
public sealed record GetTeamWorkloadQuery : IQuery<TeamWorkloadDto>;

/// <summary>The team's work by step and by colleague, most pressing first.</summary>
public sealed record TeamWorkloadDto(IReadOnlyList<StepLoadDto> Steps, IReadOnlyList<HolderLoadDto> Holders)
{
    /// <summary>All tasks of the team.</summary>
    public int Total => Steps.Sum(s => s.Open + s.Claimed);
}

/// <summary>One step (a workflow's task, or a notice) and its tasks.</summary>
/// <param name="ActivityId">The step; null for tasks outside a workflow.</param>
/// <param name="Title">The step's Dutch title.</param>
/// <param name="TitleEnglish">Its English title, when the workflow gives one.</param>
/// <param name="Open">Waiting for someone to take them.</param>
/// <param name="Claimed">Held by a colleague.</param>
/// <param name="AtRisk">Of all these, how many are at risk of missing their SLA.</param>
/// <param name="Breached">Of all these, how many are past it.</param>
/// <param name="OldestCreatedAt">When the oldest of them was created.</param>
public sealed record StepLoadDto(string? ActivityId, string Title, string? TitleEnglish, int Open, int Claimed, int AtRisk, int Breached, DateTimeOffset OldestCreatedAt);

/// <summary>A colleague and the team's tasks they hold.</summary>
public sealed record HolderLoadDto(string UserName, string DisplayName, int Holding, int Breached);

internal sealed class GetTeamWorkloadHandler(IDbContextFactory<CoordinationDbContext> contexts, UserContext users, TimeProvider clock)
    : IQueryHandler<GetTeamWorkloadQuery, TeamWorkloadDto>
{
    public async ValueTask<TeamWorkloadDto> Handle(GetTeamWorkloadQuery query, CancellationToken cancellationToken)
    {
        var user = (await users.GetAsync())!;
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);

        // A team's open work is bounded (thousands, not millions), and a narrow projection grouped here reads the same
        // on both providers, where SQL aggregates over the converted time columns would not.
        var tasks = await TeamTasks.Of(db.WorkItems.AsNoTracking(), user)
            .Select(w => new { w.ActivityId, w.Title, w.TitleEnglish, w.Status, w.Assignee, w.CreatedAt, w.DueAt, w.AtRiskAt })
            .ToListAsync(cancellationToken);

        var steps = tasks
            .GroupBy(t => (t.ActivityId, Title: t.ActivityId is null ? t.Title : null))
            .Select(g =>
            {
                var sla = g.Select(t => WorkItem.SlaAt(t.AtRiskAt, t.DueAt, now)).ToList();
                var first = g.First();
                return new StepLoadDto(
                    first.ActivityId, first.Title, g.Select(t => t.TitleEnglish).FirstOrDefault(t => t is not null),
                    g.Count(t => t.Status == WorkItemStatus.Open), g.Count(t => t.Status == WorkItemStatus.Claimed),
                    sla.Count(s => s == SlaState.AtRisk), sla.Count(s => s == SlaState.Breached), g.Min(t => t.CreatedAt));
            })
            .OrderByDescending(s => s.Breached).ThenByDescending(s => s.AtRisk).ThenBy(s => s.OldestCreatedAt)
            .ToList();

        var held = tasks.Where(t => t.Status == WorkItemStatus.Claimed && t.Assignee is not null).ToList();
        var holderNames = held.Select(t => t.Assignee!).Distinct().ToList();
        var names = await db.Users.AsNoTracking()
            .Where(u => holderNames.Contains(u.UserName))
            .Select(u => new { u.UserName, u.DisplayName })
            .ToDictionaryAsync(u => u.UserName, u => u.DisplayName, cancellationToken);
        var holders = held
            .GroupBy(t => t.Assignee!)
            .Select(g => new HolderLoadDto(g.Key, names.GetValueOrDefault(g.Key, g.Key), g.Count(), g.Count(t => t.DueAt < now)))
            .OrderByDescending(h => h.Breached).ThenByDescending(h => h.Holding).ThenBy(h => h.DisplayName, StringComparer.CurrentCulture)
            .ToList();
        return new TeamWorkloadDto(steps, holders);
    }
}
