using Coordination.Domain.Audit;
using Coordination.Domain.Common;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.WorkItems;

/// <summary>Takes an open work item; when two people claim at once, one gets it and the other is told who did.</summary>
[Audited(AuditAction.Claim, "WorkItem")]
public sealed record ClaimWorkItemCommand(Guid WorkItemId) : ICommand<Result>, IWorkItemRequest;

internal sealed class ClaimWorkItemHandler(IDbContextFactory<CoordinationDbContext> contexts, UserContext users, TimeProvider clock) : ICommandHandler<ClaimWorkItemCommand, Result>
{
    public async ValueTask<Result> Handle(ClaimWorkItemCommand command, CancellationToken cancellationToken)
    {
        var user = (await users.GetAsync())!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = WorkItemId.From(command.WorkItemId);
        var item = await db.WorkItems.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (item is null)
        {
            return Result.Fail("work-item.not-found", "This task does not exist or you have no access to it.");
        }

        // Seeing a task (e.g. the bank's order on my own case) is not being the one to work it.
        if (item.CandidateAgencyId != user.AgencyId || !user.Holds(item.CandidateRole))
        {
            return Result.Fail("work-item.not-yours", "This task is offered to another role or agency; you cannot take it.");
        }

        try
        {
            item.Claim(user.UserName, clock);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok;
        }
        catch (DomainException ex)
        {
            return Result.Fail(ex.Code, ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            await using var fresh = await contexts.CreateDbContextAsync(cancellationToken);
            var holder = await fresh.WorkItems.AsNoTracking().Where(w => w.Id == id).Select(w => w.Assignee).FirstOrDefaultAsync(cancellationToken);
            return Result.Fail("work-item.claimed-by-other", $"Someone else took this task at the same moment{(holder is null ? string.Empty : $": {holder}")}.");
        }
    }
}
