using Coordination.Domain.Audit;
using Coordination.Domain.Common;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.WorkItems;

/// <summary>Gives a task I hold back to the queue.</summary>
[Audited(AuditAction.Update, "WorkItem")]
public sealed record ReleaseWorkItemCommand(Guid WorkItemId) : ICommand<Result>, IWorkItemRequest;

internal sealed class ReleaseWorkItemHandler(IDbContextFactory<CoordinationDbContext> contexts, UserContext users, TimeProvider clock)
    : ICommandHandler<ReleaseWorkItemCommand, Result>
{
    public async ValueTask<Result> Handle(ReleaseWorkItemCommand command, CancellationToken cancellationToken)
    {
        var user = (await users.GetAsync())!;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var item = await db.WorkItems.FirstOrDefaultAsync(w => w.Id == WorkItemId.From(command.WorkItemId), cancellationToken);
        if (item is null)
        {
            return Result.NotFound;
        }

        try
        {
            item.Release(user.UserName, clock);
            await db.SaveChangesAsync(cancellationToken);
            return Result.Ok;
        }
        catch (DomainException ex)
        {
            return Result.Fail(ex.Code, ex.Message);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Result.Fail("work-item.conflict", "Someone else changed this task at the same moment; nothing was saved. Open it again.");
        }
    }
}
