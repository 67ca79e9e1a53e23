using Coordination.Domain.Agencies;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Administration;

/// <summary>The published workflow definition versions, for administrators.</summary>
[RequiresRole(Role.Administrator)]
public sealed record ListWorkflowDefinitionsQuery : IQuery<IReadOnlyList<WorkflowDefinitionDto>>;

/// <summary>A published definition version.</summary>
public sealed record WorkflowDefinitionDto(string DefinitionId, int Version, DateTimeOffset PublishedAt);

internal sealed class ListWorkflowDefinitionsHandler(SystemDbContexts contexts) : IQueryHandler<ListWorkflowDefinitionsQuery, IReadOnlyList<WorkflowDefinitionDto>>
{
    public async ValueTask<IReadOnlyList<WorkflowDefinitionDto>> Handle(ListWorkflowDefinitionsQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.WorkflowDefinitions.AsNoTracking().OrderBy(d => d.DefinitionId).ThenByDescending(d => d.Version)
            .Select(d => new WorkflowDefinitionDto(d.DefinitionId, d.Version, d.PublishedAt))
            .ToListAsync(cancellationToken);
    }
}
