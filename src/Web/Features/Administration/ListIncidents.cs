using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Domain.Cases;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Administration;

/// <summary>
/// The workflow instances an incident stopped (an activity failed: a step's exception, an expression error), newest
/// first, for the administrators who fix the cause and retry. Shows the case by its number only: administrators do
/// not see case files. Audited, since an incident's message may name what the step was working on.
/// </summary>
[Audited(AuditAction.Read, "WorkflowIncidents")]
[RequiresRole(Role.Administrator)]
public sealed record ListIncidentsQuery : IQuery<IncidentList>;

/// <summary>The incidents shown (at most <see cref="ListIncidentsHandler.Shown"/>) and how many there are.</summary>
public sealed record IncidentList(IReadOnlyList<IncidentDto> Items, int Total);

/// <summary>One stopped instance.</summary>
/// <param name="InstanceId">The instance.</param>
/// <param name="DefinitionId">Its definition.</param>
/// <param name="DefinitionVersion">The version it runs (pinned when it started).</param>
/// <param name="DefinitionName">The definition's name in Dutch, when the version is known.</param>
/// <param name="DefinitionNameEnglish">The definition's name in English, when it has one.</param>
/// <param name="ActivityId">The activity that failed.</param>
/// <param name="Message">What went wrong.</param>
/// <param name="Since">When it stopped.</param>
/// <param name="CaseNumber">The case it belongs to, when it belongs to one.</param>
public sealed record IncidentDto(
    Guid InstanceId, string DefinitionId, int DefinitionVersion, string? DefinitionName, string? DefinitionNameEnglish,
    string ActivityId, string Message, DateTimeOffset Since, string? CaseNumber);

internal sealed class ListIncidentsHandler(SystemDbContexts contexts, IWorkflowDefinitionSource definitions) : IQueryHandler<ListIncidentsQuery, IncidentList>
{
    /// <summary>The page shows the newest incidents up to this many, and says how many there are in all.</summary>
    public const int Shown = 200;

    public async ValueTask<IncidentList> Handle(ListIncidentsQuery query, CancellationToken cancellationToken)
    {
        // Workflow state is the engine's, not case content: read unrestricted, and only the case number is added.
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var faulted = db.WorkflowInstances.AsNoTracking().Where(i => i.Status == WorkflowStatus.Faulted);
        var total = await faulted.CountAsync(cancellationToken);
        var rows = await faulted.OrderByDescending(i => i.UpdatedAt).Take(Shown)
            .Select(i => new { i.Id, i.DefinitionId, i.DefinitionVersion, i.IncidentActivityId, i.IncidentMessage, i.UpdatedAt, i.CorrelationId })
            .ToListAsync(cancellationToken);

        var caseIds = rows.Select(r => Guid.TryParse(r.CorrelationId, out var id) ? CaseId.From(id) : (CaseId?)null).OfType<CaseId>().Distinct().ToList();
        var numbers = await db.Cases.AsNoTracking().Where(c => caseIds.Contains(c.Id)).Select(c => new { c.Id, c.Number }).ToListAsync(cancellationToken);
        var numberOf = numbers.ToDictionary(c => c.Id.Value, c => c.Number.Value);

        var items = new List<IncidentDto>(rows.Count);
        foreach (var row in rows)
        {
            var definition = await definitions.GetAsync(row.DefinitionId, row.DefinitionVersion, cancellationToken);
            items.Add(new IncidentDto(
                row.Id, row.DefinitionId, row.DefinitionVersion, definition?.Name.Nl, definition?.Name.En,
                row.IncidentActivityId ?? string.Empty, row.IncidentMessage ?? string.Empty, row.UpdatedAt,
                Guid.TryParse(row.CorrelationId, out var caseId) ? numberOf.GetValueOrDefault(caseId) : null));
        }

        return new IncidentList(items, total);
    }
}
