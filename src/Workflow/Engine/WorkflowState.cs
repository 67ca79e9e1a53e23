using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace Coordination.Workflow.Engine;

/// <summary>Life cycle of an instance.</summary>
public enum WorkflowStatus
{
    /// <summary>Running or waiting at bookmarks.</summary>
    Running,

    /// <summary>Reached an End (or ran out of work).</summary>
    Completed,

    /// <summary>Cancelled by an operator or its parent.</summary>
    Cancelled,

    /// <summary>Stopped at an incident; can be retried once the cause is fixed.</summary>
    Faulted,
}

/// <summary>What an instance is waiting for.</summary>
public enum BookmarkKind
{
    /// <summary>A human task to be completed.</summary>
    Task,

    /// <summary>A timer to elapse.</summary>
    Timer,

    /// <summary>An escalation timer of a human task (the task keeps waiting).</summary>
    Escalation,

    /// <summary>A named signal.</summary>
    Signal,

    /// <summary>A child workflow to finish.</summary>
    Child,

    /// <summary>An automated step to be run by the runtime.</summary>
    Step,
}

/// <summary>A stored reason to wait: the runtime resumes an instance by one of its bookmarks.</summary>
public sealed record Bookmark
{
    /// <summary>Unique id; for a task it is also the task's id, for a timer the timer's.</summary>
    public required Guid Id { get; init; }

    /// <summary>Kind.</summary>
    public required BookmarkKind Kind { get; init; }

    /// <summary>The activity that waits.</summary>
    public required string ActivityId { get; init; }

    /// <summary>The token that waits.</summary>
    public required Guid TokenId { get; init; }

    /// <summary>The signal name (signals) or step key (steps).</summary>
    public string? Name { get; init; }

    /// <summary>For a child: the child instance.</summary>
    public Guid? ChildInstanceId { get; init; }

    /// <summary>For a child started per item: its position.</summary>
    public int? Index { get; init; }

    /// <summary>For an escalation: the task it belongs to.</summary>
    public Guid? TaskId { get; init; }

    /// <summary>For a child: true once finished (the parent waits for all of its children).</summary>
    public bool Done { get; init; }

    /// <summary>For a child: its outputs once finished.</summary>
    public JsonObject? Result { get; init; }
}

/// <summary>A milestone reached.</summary>
public sealed record MilestoneRecord(string Name, string ActivityId, DateTimeOffset At);

/// <summary>An error that stopped an instance at an activity.</summary>
public sealed record Incident(string ActivityId, string Message, DateTimeOffset At, Guid? TokenId);

internal enum TokenState
{
    Ready,
    Waiting,
}

internal sealed record Token(Guid Id, Guid ScopeId, string ActivityId, TokenState State);

internal sealed record Scope(Guid Id, Guid? ParentId, Guid? OwnerTokenId, string? OwnerActivityId, string? ItemVariable, JsonNode? Item, int Index);

/// <summary>The engine's private working state of an instance; serialized as JSON by the runtime.</summary>
internal sealed class WorkflowState
{
    public Guid InstanceId { get; set; }

    public string DefinitionId { get; set; } = string.Empty;

    public int DefinitionVersion { get; set; }

    public WorkflowStatus Status { get; set; }

    public string? Outcome { get; set; }

    public JsonObject Variables { get; set; } = [];

    public JsonObject Input { get; set; } = [];

    public List<Scope> Scopes { get; set; } = [];

    public List<Token> Tokens { get; set; } = [];

    public List<Bookmark> Bookmarks { get; set; } = [];

    public List<MilestoneRecord> Milestones { get; set; } = [];

    public Incident? Incident { get; set; }

    /// <summary>Counter behind deterministic ids, so the engine stays a pure function.</summary>
    public long IdCounter { get; set; }

    public long JournalSequence { get; set; }

    [JsonIgnore]
    public Scope RootScope => Scopes.First(s => s.ParentId is null);

    public WorkflowState Clone() => new()
    {
        InstanceId = InstanceId,
        DefinitionId = DefinitionId,
        DefinitionVersion = DefinitionVersion,
        Status = Status,
        Outcome = Outcome,
        Variables = (JsonObject)Variables.DeepClone(),
        Input = (JsonObject)Input.DeepClone(),
        Scopes = [.. Scopes],
        Tokens = [.. Tokens],
        Bookmarks = [.. Bookmarks],
        Milestones = [.. Milestones],
        Incident = Incident,
        IdCounter = IdCounter,
        JournalSequence = JournalSequence,
    };
}
