using Coordination.Domain.Agencies;
using Coordination.Web.Persistence;
using Coordination.Web.Security;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Features.Administration;

/// <summary>A published version's definition as JSON (indented), to read it or to start the next version from it;
/// null when there is no such version.</summary>
/// <param name="DefinitionId">The definition.</param>
/// <param name="Version">The version.</param>
[RequiresRole(Role.Administrator)]
public sealed record GetWorkflowDefinitionJsonQuery(string DefinitionId, int Version) : IQuery<string?>;

internal sealed class GetWorkflowDefinitionJsonHandler(SystemDbContexts contexts) : IQueryHandler<GetWorkflowDefinitionJsonQuery, string?>
{
    /// <summary>Indented, and with apostrophes, accents and the like as themselves (the text is shown to be edited, in a
    /// page that encodes it for HTML itself), not as \u escapes.</summary>
    public static readonly System.Text.Json.JsonSerializerOptions Readable = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public async ValueTask<string?> Handle(GetWorkflowDefinitionJsonQuery query, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var json = await db.WorkflowDefinitions.AsNoTracking()
            .Where(d => d.DefinitionId == query.DefinitionId && d.Version == query.Version)
            .Select(d => d.Json)
            .FirstOrDefaultAsync(cancellationToken);
        return json is null ? null : System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString(Readable);
    }
}
