using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Common;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.WorkItems;

/// <summary>A team lead hands a task of their team to a colleague who holds the task's role (re-balancing work), also
/// when someone else holds it now. Only team leads: the OM has no lead role, and one prosecutor taking a decision away
/// from another is not re-balancing.</summary>
[Audited(AuditAction.Update, "WorkItem")]
[RequiresRole(Role.PoliceTeamLead, Role.BankTeamLead)]
public sealed record AssignWorkItemCommand(Guid WorkItemId, string Assignee) : ICommand<Result>, IWorkItemRequest;

/// <summary>The colleagues a team lead can hand a task to: active users of the task's agency who hold its role; null
/// for a task of another team.</summary>
[RequiresRole(Role.PoliceTeamLead, Role.BankTeamLead)]
public sealed record ListAssigneesQuery(Guid WorkItemId) : IQuery<IReadOnlyList<AssigneeDto>?>, IWorkItemRequest;

/// <summary>A colleague who can take a task.</summary>
public sealed record AssigneeDto(string UserName, string DisplayName);

internal sealed class AssignWorkItemHandler(IDbContextFactory<CoordinationDbContext> contexts, UserContext users, TimeProvider clock)
    : ICommandHandler<AssignWorkItemCommand, Result>
{
    public async ValueTask<Result> Handle(AssignWorkItemCommand command, CancellationToken cancellationToken)
    {
        var lead = (await users.GetAsync())!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.WorkItems.FirstOrDefaultAsync(w => w.Id == WorkItemId.From(command.WorkItemId), cancellationToken);

        // A lead re-balances their own team's work only; another team's task looks like any task one may not touch.
        if (item is null || item.CandidateAgencyId != lead.AgencyId)
        {
            return Result.NotFound;
        }

        var assignee = (command.Assignee ?? string.Empty).Trim();
        var fits = await TeamMembers.Of(db, item).AnyAsync(u => u.UserName == assignee, cancellationToken);
        if (!fits)
        {
            return Result.Fail("work-item.assignee-unfit", $"{assignee} cannot take this task: they are not an active colleague with the role {item.CandidateRole}.", assignee);
        }

        try
        {
            item.AssignTo(assignee, lead.UserName, clock);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok;
        }
        catch (DomainException ex)
        {
            return Result.Fail(ex.Code, ex.Message, [.. ex.Arguments]);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Fail("work-item.conflict", "Someone else changed this task at the same moment; nothing was saved. Open it again.");
        }
    }
}

internal sealed class ListAssigneesHandler(IDbContextFactory<CoordinationDbContext> contexts, UserContext users)
    : IQueryHandler<ListAssigneesQuery, IReadOnlyList<AssigneeDto>?>
{
    public async ValueTask<IReadOnlyList<AssigneeDto>?> Handle(ListAssigneesQuery query, CancellationToken cancellationToken)
    {
        var lead = (await users.GetAsync())!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.WorkItems.AsNoTracking().FirstOrDefaultAsync(w => w.Id == WorkItemId.From(query.WorkItemId), cancellationToken);
        if (item is null || item.CandidateAgencyId != lead.AgencyId)
        {
            return null;
        }

        var members = await TeamMembers.Of(db, item).ToListAsync(cancellationToken);
        return [.. members.OrderBy(u => u.DisplayName, StringComparer.CurrentCulture).Select(u => new AssigneeDto(u.UserName, u.DisplayName))];
    }
}

/// <summary>Who may hold a task: an active user of its agency with its role.</summary>
internal static class TeamMembers
{
    public static IQueryable<AgencyUser> Of(CoordinationDbContext db, WorkItem item) =>
        db.Users.AsNoTracking().Where(u => u.IsActive && u.AgencyId == item.CandidateAgencyId && u.Roles.Any(r => r.Role == item.CandidateRole));
}
