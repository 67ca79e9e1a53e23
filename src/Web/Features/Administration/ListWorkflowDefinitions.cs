using Coordination.Domain.Agencies;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Coordination.Workflow.Engine;
using Coordination.Workflow.Runtime;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Administration;

/// <summary>The published workflow definition versions, newest first per definition, for administrators.</summary>
[RequiresRole(Role.Administrator)]
public sealed record ListWorkflowDefinitionsQuery : IQuery<IReadOnlyList<WorkflowDefinitionDto>>;

/// <summary>A published definition version.</summary>
/// <param name="DefinitionId">The definition.</param>
/// <param name="Version">The version.</param>
/// <param name="PublishedAt">When it was published.</param>
/// <param name="Name">Its name in Dutch.</param>
/// <param name="NameEnglish">Its name in English, when it has one.</param>
/// <param name="ActiveInstances">Instances that run on this version (running or stopped by an incident): an edit
/// never changes them, they finish on the version they started with.</param>
public sealed record WorkflowDefinitionDto(string DefinitionId, int Version, DateTimeOffset PublishedAt, string Name, string? NameEnglish, int ActiveInstances);

internal sealed class ListWorkflowDefinitionsHandler(SystemDbContexts contexts, IWorkflowDefinitionSource definitions)
    : IQueryHandler<ListWorkflowDefinitionsQuery, IReadOnlyList<WorkflowDefinitionDto>>
{
    public async ValueTask<IReadOnlyList<WorkflowDefinitionDto>> Handle(ListWorkflowDefinitionsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var versions = await db.WorkflowDefinitions.AsNoTracking().OrderBy(d => d.DefinitionId).ThenByDescending(d => d.Version)
            .Select(d => new { d.DefinitionId, d.Version, d.PublishedAt })
            .ToListAsync(cancellationToken);
        var active = await db.WorkflowInstances.AsNoTracking()
            .Where(i => i.Status == WorkflowStatus.Running || i.Status == WorkflowStatus.Faulted)
            .GroupBy(i => new { i.DefinitionId, i.DefinitionVersion })
            .Select(g => new { g.Key.DefinitionId, g.Key.DefinitionVersion, Count = g.Count() })
            .ToListAsync(cancellationToken);
        var activeOf = active.ToDictionary(a => (a.DefinitionId, a.DefinitionVersion), a => a.Count);

        var list = new List<WorkflowDefinitionDto>(versions.Count);
        foreach (var version in versions)
        {
            var definition = await definitions.GetAsync(version.DefinitionId, version.Version, cancellationToken);
            list.Add(new WorkflowDefinitionDto(
                version.DefinitionId, version.Version, version.PublishedAt, definition?.Name.Nl ?? version.DefinitionId, definition?.Name.En,
                activeOf.GetValueOrDefault((version.DefinitionId, version.Version))));
        }

        return list;
    }
}
