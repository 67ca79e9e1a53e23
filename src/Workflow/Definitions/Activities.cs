namespace Coordination.Workflow.Definitions;

/// <summary>A value that is either written literally or computed by an expression when the activity runs.</summary>
/// <param name="Literal">The literal text, when not an expression.</param>
/// <param name="Expression">The JavaScript expression, when computed.</param>
public sealed record Binding(string? Literal, string? Expression)
{
    /// <summary>A literal value.</summary>
    public static Binding Of(string literal) => new(literal, null);

    /// <summary>A computed value.</summary>
    public static Binding Expr(string expression) => new(null, expression);

    /// <summary>True when computed.</summary>
    public bool IsExpression => Expression is not null;

    /// <inheritdoc />
    public override string ToString() => Expression is null ? Literal ?? string.Empty : "${" + Expression + "}";
}

/// <summary>Base of every activity: an id unique within the definition and a stable type key.</summary>
/// <param name="Id">Unique id, used in connections, journals and incidents.</param>
public abstract record ActivityDefinition(string Id)
{
    /// <summary>The stable type key used in JSON (never a CLR type name).</summary>
    public abstract string Type { get; }

    /// <summary>The ports this activity can leave through; null means any port name (Fork).</summary>
    public abstract IReadOnlyList<string>? Ports { get; }

    /// <summary>The port most activities leave through when done.</summary>
    public const string DonePort = "Done";
}

/// <summary>Where the flowchart begins.</summary>
public sealed record StartActivity(string Id) : ActivityDefinition(Id)
{
    /// <inheritdoc />
    public override string Type => "Start";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports => [DonePort];
}

/// <summary>Ends the flowchart (the workflow in the root flowchart, one iteration in a loop body) with an outcome code.</summary>
public sealed record EndActivity(string Id, string? Outcome) : ActivityDefinition(Id)
{
    /// <inheritdoc />
    public override string Type => "End";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports => [];
}

/// <summary>Whether an SLA counts working days (Dutch office days) or calendar time.</summary>
public enum TimeKind
{
    /// <summary>Calendar time.</summary>
    Calendar,

    /// <summary>Working days: Monday to Friday without public holidays.</summary>
    Working,
}

/// <summary>When a task is due: a duration from its creation, in working or calendar time.</summary>
public sealed record SlaDefinition(IsoDuration Duration, TimeKind Kind);

/// <summary>Who is told when a task is late, and when: at a percentage of the SLA or after a duration.</summary>
public sealed record EscalationDefinition(int? AtPercent, IsoDuration? After, Binding Role, Binding? Agency);

/// <summary>A field of an inline form.</summary>
/// <param name="Name">The field's name in the completed task's data.</param>
/// <param name="Label">What the user reads beside the field.</param>
/// <param name="FieldType">text, number, date, boolean…</param>
/// <param name="Required">Whether the task cannot be completed without it.</param>
/// <param name="AllowedValues">The values the user chooses from (empty: free input).</param>
/// <param name="ValueLabels">What the user reads for an allowed value, when it is a code rather than a word.</param>
/// <param name="RequiredFor">The outcomes a required field is required for (null: every outcome), so an outcome that
/// drops the matter (a production order not sent) does not ask for what only the others use.</param>
public sealed record FormField(
    string Name, LocalizedText Label, string FieldType, bool Required, IReadOnlyList<string> AllowedValues, IReadOnlyDictionary<string, LocalizedText>? ValueLabels = null,
    IReadOnlyList<string>? RequiredFor = null)
{
    /// <summary>Whether the field must be filled in for <paramref name="outcome"/>.</summary>
    public bool IsRequiredFor(string outcome) => Required && (RequiredFor is null || RequiredFor.Contains(outcome, StringComparer.Ordinal));
}

/// <summary>A task's form: a named form the host renders, or inline fields.</summary>
public sealed record FormDefinition(string? FormKey, IReadOnlyList<FormField> Fields);

/// <summary>
/// Why a task is offered again: the expressions, read when the task is created, that give the reason what was entered
/// on it before was refused, and that reason's code (for the text in the user's language). The reason belongs to that
/// one task, so a task of another branch or agency open at the same time never shows it.
/// </summary>
/// <param name="Reason">Expression giving the reason; a task whose reason is null or empty came with none.</param>
/// <param name="Code">Expression giving the reason's code, or null.</param>
public sealed record RefusalBinding(string Reason, string? Code);

/// <summary>A human task offered to a role at an agency; it waits until someone completes it with one of its outcomes.</summary>
public sealed record HumanTaskActivity(
    string Id,
    LocalizedText Title,
    Binding Role,
    Binding? Agency,
    FormDefinition? Form,
    SlaDefinition? Sla,
    EscalationDefinition? Escalation,
    IReadOnlyList<string> Outcomes,
    IReadOnlyDictionary<string, string> Outputs,
    Binding? Subject = null,
    RefusalBinding? Refusal = null) : ActivityDefinition(Id)
{
    /// <inheritdoc />
    public override string Type => "HumanTask";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports => Outcomes;
}

/// <summary>Evaluates a condition and leaves through <c>True</c> or <c>False</c>.</summary>
public sealed record DecisionActivity(string Id, string Condition) : ActivityDefinition(Id)
{
    /// <summary>Port taken when the condition holds.</summary>
    public const string TruePort = "True";

    /// <summary>Port taken otherwise.</summary>
    public const string FalsePort = "False";

    /// <inheritdoc />
    public override string Type => "Decision";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports => [TruePort, FalsePort];
}

/// <summary>One case of a switch: the port taken when the condition holds.</summary>
public sealed record SwitchCase(string Port, string Condition);

/// <summary>Leaves through the port of the first case whose condition holds, else <c>Default</c>.</summary>
public sealed record SwitchActivity(string Id, IReadOnlyList<SwitchCase> Cases) : ActivityDefinition(Id)
{
    /// <summary>Port taken when no case holds.</summary>
    public const string DefaultPort = "Default";

    /// <inheritdoc />
    public override string Type => "Switch";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports => [.. Cases.Select(c => c.Port), DefaultPort];
}

/// <summary>Starts every outgoing connection as a parallel branch.</summary>
public sealed record ForkActivity(string Id) : ActivityDefinition(Id)
{
    /// <inheritdoc />
    public override string Type => "Fork";

    /// <inheritdoc />
    public override IReadOnlyList<string>? Ports => null;
}

/// <summary>How a join waits.</summary>
public enum JoinMode
{
    /// <summary>Continue when every branch that can still arrive has arrived.</summary>
    WaitAll,

    /// <summary>Continue on the first arrival and cancel the other branches (and their tasks).</summary>
    WaitAny,
}

/// <summary>Joins parallel branches.</summary>
public sealed record JoinActivity(string Id, JoinMode Mode) : ActivityDefinition(Id)
{
    /// <inheritdoc />
    public override string Type => "Join";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports => [DonePort];
}

/// <summary>Runs its body flowchart once per item of a collection, all in parallel, and continues when all are done.</summary>
public sealed record ParallelForEachActivity(string Id, string Items, string ItemVariable, Flowchart Body) : ActivityDefinition(Id)
{
    /// <inheritdoc />
    public override string Type => "ParallelForEach";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports => [DonePort];
}

/// <summary>Starts a child workflow (once, or once per item) and waits for it; maps its outputs back.</summary>
/// <param name="Id">Activity id.</param>
/// <param name="DefinitionId">The child definition (its latest published version at start).</param>
/// <param name="Inputs">Child input name → expression.</param>
/// <param name="Outputs">Variable name → child output name (per item: the variable receives an array).</param>
/// <param name="Items">When set, one child per item of this collection expression.</param>
/// <param name="ItemVariable">Name of the item in the input expressions.</param>
public sealed record SubWorkflowActivity(
    string Id,
    string DefinitionId,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyDictionary<string, string> Outputs,
    string? Items,
    string ItemVariable) : ActivityDefinition(Id)
{
    /// <inheritdoc />
    public override string Type => "SubWorkflow";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports => [DonePort];
}

/// <summary>Waits for a duration (calendar time) or until a moment given by an expression (ISO 8601 text).</summary>
public sealed record TimerActivity(string Id, IsoDuration? Duration, string? Until) : ActivityDefinition(Id)
{
    /// <inheritdoc />
    public override string Type => "Timer";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports => [DonePort];
}

/// <summary>Waits for a named signal sent to this instance; its payload can be stored in a variable.</summary>
public sealed record WaitForSignalActivity(string Id, string Signal, string? OutputVariable) : ActivityDefinition(Id)
{
    /// <inheritdoc />
    public override string Type => "WaitForSignal";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports => [DonePort];
}

/// <summary>Sets a variable to the value of an expression.</summary>
public sealed record SetVariableActivity(string Id, string Variable, string Value) : ActivityDefinition(Id)
{
    /// <inheritdoc />
    public override string Type => "SetVariable";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports => [DonePort];
}

/// <summary>Records that a named milestone was reached, and when.</summary>
public sealed record MilestoneActivity(string Id, string Name) : ActivityDefinition(Id)
{
    /// <inheritdoc />
    public override string Type => "Milestone";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports => [DonePort];
}

/// <summary>An automated step run by a handler the host registers under <see cref="StepKey"/>.</summary>
/// <param name="Id">Activity id.</param>
/// <param name="StepKey">The handler's key.</param>
/// <param name="Inputs">Input name → expression.</param>
/// <param name="Outputs">Variable name → name of a value in the step's result.</param>
/// <param name="Outcomes">Ports the step may leave through; <c>Done</c> when not given.</param>
public sealed record StepActivity(
    string Id,
    string StepKey,
    IReadOnlyDictionary<string, string> Inputs,
    IReadOnlyDictionary<string, string> Outputs,
    IReadOnlyList<string> Outcomes) : ActivityDefinition(Id)
{
    /// <inheritdoc />
    public override string Type => "Step";

    /// <inheritdoc />
    public override IReadOnlyList<string> Ports => Outcomes;
}

/// <summary>
/// Stands in for an activity the reader could not read (its problems are reported), so the validator can check the
/// flowchart around it: same id, any port. Only in a definition read for checking (<see cref="DefinitionJson.Read"/>);
/// such a definition is never published or run.
/// </summary>
internal sealed record UnreadableActivity(string Id) : ActivityDefinition(Id)
{
    /// <inheritdoc />
    public override string Type => "Unreadable";

    /// <inheritdoc />
    public override IReadOnlyList<string>? Ports => null;
}
