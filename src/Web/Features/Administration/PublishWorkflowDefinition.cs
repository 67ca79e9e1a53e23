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
/// <param name="DefinitionId">The definition, when it could be read (not for a definition with problems).</param>
/// <param name="Version">The version, likewise.</param>
/// <param name="Problems">Why it was refused: each problem with its activity (none for the definition as a whole).</param>
public sealed record PublishDefinitionResult(PublishOutcome Outcome, string? DefinitionId, int? Version, IReadOnlyList<DefinitionProblemDto> Problems);

/// <summary>One problem of a definition.</summary>
/// <param name="ActivityId">The activity it is at; null for the definition as a whole.</param>
/// <param name="Text">What is wrong, readable in Dutch and English (the page shows the user's language).</param>
public sealed record DefinitionProblemDto(string? ActivityId, ProblemText Text)
{
    /// <summary>What is wrong, in English.</summary>
    public string Message => Text.English;
}

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

    public ValueTask<PublishDefinitionResult> Handle(CheckWorkflowDefinitionQuery query, CancellationToken cancellationToken) =>
        ValueTask.FromResult(Checked(query.Json, out var definition)
            ?? new PublishDefinitionResult(PublishOutcome.Valid, definition!.DefinitionId, definition.Version, []));

    public async ValueTask<PublishDefinitionResult> Handle(PublishWorkflowDefinitionCommand command, CancellationToken cancellationToken)
    {
        if (Checked(command.Json, out var definition) is { } refused)
        {
            return refused;
        }

        try
        {
            var stored = await definitions.PublishCheckedAsync(definition!, Source, cancellationToken);
            return new PublishDefinitionResult(stored ? PublishOutcome.Published : PublishOutcome.AlreadyPublished, definition!.DefinitionId, definition.Version, []);
        }
        catch (WorkflowDefinitionException ex)
        {
            // The version number is taken by other content (checked against the database, so only on publishing).
            return Refused(definition!.DefinitionId, definition.Version, ex.Problems);
        }
    }

    // The refusal when the definition has problems; null when it can be published, and then the definition read.
    private PublishDefinitionResult? Checked(string? json, out WorkflowDefinition? definition)
    {
        json ??= string.Empty;
        if (json.Length > MaxLength)
        {
            definition = null;
            return Refused(null, null, [new DefinitionProblem(null, "definition-too-large", json.Length / 1024, MaxLength / 1024)]);
        }

        var problems = definitions.Check(json, out definition);
        return problems.Count == 0 && definition is not null ? null : Refused(null, null, problems);
    }

    private static PublishDefinitionResult Refused(string? definitionId, int? version, IEnumerable<DefinitionProblem> problems) =>
        new(PublishOutcome.Refused, definitionId, version, [.. problems.Select(p => new DefinitionProblemDto(p.ActivityId, p.Text))]);
}
