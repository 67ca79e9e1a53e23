using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Administration;

/// <summary>
/// The last lines of a workflow instance's journal (what ran, waited, failed, by whom), newest last: what an
/// administrator reads to find the cause of an incident. Audited: lines name users and carry short payloads.
/// </summary>
/// <param name="InstanceId">The instance.</param>
[Audited(AuditAction.Read, "WorkflowJournal")]
[RequiresRole(Role.Administrator)]
public sealed record GetWorkflowJournalQuery(Guid InstanceId) : IQuery<IReadOnlyList<JournalLineDto>>, IWorkflowInstanceRequest;

/// <summary>One journal line.</summary>
/// <param name="Sequence">Its place in the instance's journal.</param>
/// <param name="ActivityId">The activity, when the line is about one.</param>
/// <param name="Event">What happened (Started, Executed, Waiting, Resumed, Faulted, …).</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who caused it (a user, or the system).</param>
/// <param name="Payload">A short detail (an outcome, a role, an error).</param>
public sealed record JournalLineDto(long Sequence, string? ActivityId, string Event, DateTimeOffset At, string Actor, string? Payload);

internal sealed class GetWorkflowJournalHandler(SystemDbContexts contexts) : IQueryHandler<GetWorkflowJournalQuery, IReadOnlyList<JournalLineDto>>
{
    /// <summary>How many of the newest lines are shown.</summary>
    public const int Lines = 25;

    public async ValueTask<IReadOnlyList<JournalLineDto>> Handle(GetWorkflowJournalQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var newest = await db.WorkflowJournal.AsNoTracking()
            .Where(j => j.InstanceId == query.InstanceId)
            .OrderByDescending(j => j.Sequence)
            .Take(Lines)
            .Select(j => new JournalLineDto(j.Sequence, j.ActivityId, j.Event, j.At, j.Actor, j.Payload))
            .ToListAsync(cancellationToken);
        newest.Reverse();
        return newest;
    }
}
