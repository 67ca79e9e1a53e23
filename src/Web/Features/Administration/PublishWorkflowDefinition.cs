using Coordination.Domain.Agencies;
using Coordination.Domain.Audit;
using Coordination.Web.Security;
using Coordination.Web.WorkflowHosting;
using Coordination.Workflow.Definitions;
using Mediator;

namespace Coordination.Web.Features.Administration;

/// <summary>
/// An administrator publishes a definition version written as JSON (the format of <c>workflows/*.json</c>). Refused,
/// with every problem and the activity it is at, when the definition is invalid or its version number is taken by
/// other content; running instances keep the version they started with.
/// </summary>
/// <param name="Json">The definition.</param>
[Audited(AuditAction.Create, "WorkflowDefinition")]
[RequiresRole(Role.Administrator)]
public sealed record PublishWorkflowDefinitionCommand(string Json) : ICommand<PublishDefinitionResult>;

/// <summary>Checks a definition written as JSON as publishing would, and stores nothing.</summary>
/// <param name="Json">The definition.</param>
[RequiresRole(Role.Administrator)]
public sealed record CheckWorkflowDefinitionQuery(string Json) : IQuery<PublishDefinitionResult>;

/// <summary>What came of it.</summary>
/// <param name="Outcome">Published, already published (the same content), checked and fine, or refused.</param>
/// <param name="DefinitionId">The definition, when the JSON names one.</param>
/// <param name="Version">The version, when the JSON names one.</param>
/// <param name="Problems">Why it was refused: each problem with its activity (none for the definition as a whole).</param>
public sealed record PublishDefinitionResult(PublishOutcome Outcome, string? DefinitionId, int? Version, IReadOnlyList<DefinitionProblemDto> Problems);

/// <summary>One problem of a definition.</summary>
/// <param name="ActivityId">The activity it is at; null for the definition as a whole.</param>
/// <param name="Message">What is wrong (the validator's technical wording).</param>
public sealed record DefinitionProblemDto(string? ActivityId, string Message);

/// <summary>What came of publishing.</summary>
public enum PublishOutcome
{
    /// <summary>The new version is stored; new workflows start on it.</summary>
    Published,

    /// <summary>This version was already published with exactly this content: nothing changed.</summary>
    AlreadyPublished,

    /// <summary>Checked only: it can be published.</summary>
    Valid,

    /// <summary>Refused: see the problems.</summary>
    Refused,
}

internal sealed class PublishWorkflowDefinitionHandler(DatabaseDefinitionSource definitions)
    : ICommandHandler<PublishWorkflowDefinitionCommand, PublishDefinitionResult>, IQueryHandler<CheckWorkflowDefinitionQuery, PublishDefinitionResult>
{
    /// <summary>The largest definition taken (the case workflows are 10–30 KB).</summary>
    public const int MaxLength = 256 * 1024;

    private const string Source = "the definition";

    public ValueTask<PublishDefinitionResult> Handle(CheckWorkflowDefinitionQuery query, CancellationToken cancellationToken)
    {
        var json = query.Json ?? string.Empty;
        if (Checked(json) is { } refused)
        {
            return ValueTask.FromResult(refused);
        }

        var (definitionId, version) = Names(json);
        return ValueTask.FromResult(new PublishDefinitionResult(PublishOutcome.Valid, definitionId, version, []));
    }

    public async ValueTask<PublishDefinitionResult> Handle(PublishWorkflowDefinitionCommand command, CancellationToken cancellationToken)
    {
        var json = command.Json ?? string.Empty;
        if (Checked(json) is { } refused)
        {
            return refused;
        }

        var (definitionId, version) = Names(json);

        try
        {
            var stored = await definitions.PublishAsync(json, Source, cancellationToken);
            return new PublishDefinitionResult(stored ? PublishOutcome.Published : PublishOutcome.AlreadyPublished, definitionId, version, []);
        }
        catch (WorkflowDefinitionException ex)
        {
            // The version number is taken by other content (checked against the database, so only on publishing).
            return new PublishDefinitionResult(PublishOutcome.Refused, definitionId, version, [.. ex.Problems.Select(p => new DefinitionProblemDto(p.ActivityId, p.Message))]);
        }
    }

    // The refusal when the definition has problems; null when it can be published.
    private PublishDefinitionResult? Checked(string json)
    {
        if (json.Length > MaxLength)
        {
            return new PublishDefinitionResult(PublishOutcome.Refused, null, null,
                [new DefinitionProblemDto(null, $"the definition is {json.Length / 1024} KB; the most taken is {MaxLength / 1024} KB")]);
        }

        var problems = definitions.Check(json);
        if (problems.Count == 0)
        {
            return null;
        }

        var (definitionId, version) = Names(json);
        return new PublishDefinitionResult(PublishOutcome.Refused, definitionId, version, [.. problems.Select(p => new DefinitionProblemDto(p.ActivityId, p.Message))]);
    }

    // The id and version the JSON names, when it can be read that far (for the page to say which definition it was).
    private static (string? DefinitionId, int? Version) Names(string json)
    {
        try
        {
            var root = System.Text.Json.Nodes.JsonNode.Parse(json, documentOptions: new() { CommentHandling = System.Text.Json.JsonCommentHandling.Skip, AllowTrailingCommas = true }) as System.Text.Json.Nodes.JsonObject;
            var id = root?["definitionId"] is System.Text.Json.Nodes.JsonValue idValue && idValue.TryGetValue<string>(out var text) ? text : null;
            var version = root?["version"] is System.Text.Json.Nodes.JsonValue versionValue && versionValue.TryGetValue<int>(out var number) ? number : (int?)null;
            return (id, version);
        }
        catch (System.Text.Json.JsonException)
        {
            return (null, null);
        }
    }
}
