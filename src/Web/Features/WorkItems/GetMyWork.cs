using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.WorkItems;

/// <summary>What waits for the signed-in user: the tasks they hold (and how many of those are late) and the tasks
/// offered to their roles that nobody holds yet. Counts only, by the queues' own rules.</summary>
public sealed record GetMyWorkQuery : IQuery<MyWorkDto>;

/// <summary>The user's work in numbers.</summary>
public sealed record MyWorkDto(int Holding, int HoldingLate, int Available);

internal sealed class GetMyWorkHandler(IDbContextFactory<CoordinationDbContext> contexts, UserContext users, TimeProvider clock)
    : IQueryHandler<GetMyWorkQuery, MyWorkDto>
{
    public async ValueTask<MyWorkDto> Handle(GetMyWorkQuery query, CancellationToken cancellationToken)
    {
        var user = (await users.GetAsync())!;
        var now = clock.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var items = db.WorkItems.AsNoTracking();
        var mine = QueueTasks.Mine(items, user);
        return new MyWorkDto(
            await mine.CountAsync(cancellationToken),
            await mine.CountAsync(w => w.DueAt < now, cancellationToken),
            await QueueTasks.Available(items, user).CountAsync(cancellationToken));
    }
}
