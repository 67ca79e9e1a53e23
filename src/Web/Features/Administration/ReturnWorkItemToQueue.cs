using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Common;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Administration;

/// <summary>
/// An administrator puts a task someone holds back in its queue: its holder is away, and the prosecution service and
/// Halt have no team lead who could reassign it, so the case would wait for them. Only who holds it changes; the task
/// keeps its role, agency, due time and history (the release is recorded with the administrator's name). Audited.
/// </summary>
/// <param name="WorkItemId">The held task.</param>
[Audited(AuditAction.Update, "WorkItemHolder")]
[RequiresRole(Role.Administrator)]
public sealed record ReturnWorkItemToQueueCommand(Guid WorkItemId) : ICommand<Result>, IAdministeredWorkItemRequest;

internal sealed class ReturnWorkItemToQueueHandler(SystemDbContexts contexts, UserContext users, TimeProvider clock)
    : ICommandHandler<ReturnWorkItemToQueueCommand, Result>
{
    public async ValueTask<Result> Handle(ReturnWorkItemToQueueCommand command, CancellationToken cancellationToken)
    {
        var actor = (await users.GetAsync())!.UserName;

        // Who holds a task is workflow bookkeeping, not case content: read past the need-to-know filters.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = WorkItemId.From(command.WorkItemId);
        var item = await db.WorkItems.FirstOrDefaultAsync(w => w.Id == id, cancellationToken);
        if (item is null)
        {
            return Result.Fail("work-item.not-found", "This task does not exist.");
        }

        try
        {
            item.ReturnToQueue(actor, clock);
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
