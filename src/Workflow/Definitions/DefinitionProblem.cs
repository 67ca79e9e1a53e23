namespace Coordination.Workflow.Definitions;

/// <summary>One thing wrong with a definition: where (the activity id, when it is about one) and what.</summary>
/// <param name="ActivityId">The activity concerned, or null for the definition as a whole.</param>
/// <param name="Text">What is wrong, readable in Dutch and English.</param>
public sealed record DefinitionProblem(string? ActivityId, ProblemText Text)
{
    /// <summary>A problem by code (one of <see cref="ProblemTexts.Codes"/>) and the values its text names.</summary>
    public DefinitionProblem(string? activityId, string code, params object[] arguments)
        : this(activityId, new ProblemText(code, arguments))
    {
    }

    /// <summary>The problem in English (logs, exceptions).</summary>
    public string Message => Text.English;

    /// <inheritdoc />
    public override string ToString() => ActivityId is null ? Message : $"{ActivityId}: {Message}";
}

/// <summary>A definition could not be read or is not valid; <see cref="Problems"/> lists every problem found.</summary>
public sealed class WorkflowDefinitionException : Exception
{
    /// <summary>Creates the exception with the full list of problems.</summary>
    public WorkflowDefinitionException(string source, IReadOnlyList<DefinitionProblem> problems)
        : base($"{source} has {problems?.Count} problem(s):{Environment.NewLine}{string.Join(Environment.NewLine, (problems ?? []).Select(p => "- " + p))}")
    {
        Source = source;
        Problems = problems ?? [];
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowDefinitionException()
        : this("The definition", [])
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowDefinitionException(string message)
        : this(message, [])
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowDefinitionException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [];
    }

    /// <summary>Every problem found.</summary>
    public IReadOnlyList<DefinitionProblem> Problems { get; }
}

/// <summary>A definition read as far as it could be (see <see cref="DefinitionJson.Read"/>), with what was wrong.</summary>
/// <param name="Definition">The definition, with stand-ins for unreadable activities; null when its id or name could not be read.</param>
/// <param name="Problems">The reading problems, each at its activity where there is one.</param>
public sealed record DefinitionReading(WorkflowDefinition? Definition, IReadOnlyList<DefinitionProblem> Problems);
