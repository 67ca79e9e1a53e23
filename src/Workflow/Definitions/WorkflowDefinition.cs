namespace Coordination.Workflow.Definitions;

/// <summary>
/// One immutable version of a workflow: metadata, typed variables, inputs and outputs, and a flowchart of activities.
/// A running instance pins the version it started on; publishing a new version never changes it.
/// </summary>
/// <param name="DefinitionId">Stable kebab-case id, e.g. <c>online-fraud-case</c>.</param>
/// <param name="Version">Version number, from 1.</param>
/// <param name="Name">Display name.</param>
/// <param name="Description">What the workflow is for.</param>
/// <param name="Variables">Variables of an instance, with defaults.</param>
/// <param name="Inputs">Values a starter passes in.</param>
/// <param name="Outputs">Values handed back on completion (taken from variables of the same name).</param>
/// <param name="Flowchart">The activities and their connections.</param>
public sealed record WorkflowDefinition(
    string DefinitionId,
    int Version,
    LocalizedText Name,
    LocalizedText? Description,
    IReadOnlyList<VariableDefinition> Variables,
    IReadOnlyList<ParameterDefinition> Inputs,
    IReadOnlyList<ParameterDefinition> Outputs,
    Flowchart Flowchart)
{
    /// <summary>The definition id and version, e.g. <c>online-fraud-case@3</c>.</summary>
    public string Key => $"{DefinitionId}@{Version}";
}

/// <summary>The type of a variable, input or output; in JSON written as string, number, boolean, object, array, any.</summary>
public enum VariableType
{
    /// <summary>Text (JSON <c>string</c>).</summary>
    Text,

    /// <summary>A number.</summary>
    Number,

    /// <summary>True or false.</summary>
    Boolean,

    /// <summary>A JSON object (JSON <c>object</c>).</summary>
    Map,

    /// <summary>A JSON array (JSON <c>array</c>).</summary>
    List,

    /// <summary>Any JSON value.</summary>
    Any,
}

/// <summary>A variable with its type and default value.</summary>
public sealed record VariableDefinition(string Name, VariableType Type, System.Text.Json.Nodes.JsonNode? Default);

/// <summary>An input or output.</summary>
public sealed record ParameterDefinition(string Name, VariableType Type, bool Required);

/// <summary>A graph of activities joined by connections from a named port of one activity to another activity.</summary>
/// <param name="Activities">The activities, each with an id unique within the whole definition.</param>
/// <param name="Connections">The connections.</param>
public sealed record Flowchart(IReadOnlyList<ActivityDefinition> Activities, IReadOnlyList<Connection> Connections)
{
    /// <summary>The activity with this id in this flowchart (not in nested ones), or null.</summary>
    public ActivityDefinition? Find(string activityId) => Activities.FirstOrDefault(a => a.Id == activityId);

    /// <summary>Every activity of this flowchart and of the flowcharts nested in it (a loop's body), depth first.</summary>
    public IEnumerable<ActivityDefinition> AllActivities =>
        Activities.SelectMany(a => a is ParallelForEachActivity each ? [a, .. each.Body.AllActivities] : new[] { a });

    /// <summary>Where execution begins: the <see cref="StartActivity"/>, else the first activity without incoming connections.</summary>
    public ActivityDefinition? Entry =>
        Activities.OfType<StartActivity>().FirstOrDefault()
        ?? Activities.FirstOrDefault(a => Connections.All(c => c.Target != a.Id));

    /// <summary>Connections leaving an activity through a port.</summary>
    public IEnumerable<Connection> From(string activityId, string port) =>
        Connections.Where(c => c.Source == activityId && c.SourcePort == port);

    /// <summary>Connections leaving an activity through any port.</summary>
    public IEnumerable<Connection> From(string activityId) => Connections.Where(c => c.Source == activityId);
}

/// <summary>A connection from a port of the source activity to the target activity.</summary>
public sealed record Connection(string Source, string SourcePort, string Target);
