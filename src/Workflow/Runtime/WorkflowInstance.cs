using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Coordination.Workflow.Engine;

namespace Coordination.Workflow.Runtime;

/// <summary>
/// A running (or ended) workflow as the store sees it: the columns a host wants to query, plus the engine's state as
/// JSON. It pins the definition version it started on.
/// </summary>
public sealed class WorkflowInstance
{
    private static readonly JsonSerializerOptions _json = new() { Converters = { new JsonStringEnumConverter() } };

    private WorkflowInstance(WorkflowState state, long revision, string? correlationId, Guid? parentInstanceId, Guid? parentBookmarkId, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        State = state;
        Revision = revision;
        CorrelationId = correlationId;
        ParentInstanceId = parentInstanceId;
        ParentBookmarkId = parentBookmarkId;
        CreatedAt = createdAt;
        UpdatedAt = updatedAt;
    }

    /// <summary>Identity.</summary>
    public Guid Id => State.InstanceId;

    /// <summary>The definition.</summary>
    public string DefinitionId => State.DefinitionId;

    /// <summary>The pinned definition version.</summary>
    public int DefinitionVersion => State.DefinitionVersion;

    /// <summary>Status.</summary>
    public WorkflowStatus Status => State.Status;

    /// <summary>The End's outcome code once completed.</summary>
    public string? Outcome => State.Outcome;

    /// <summary>What stopped it, when faulted.</summary>
    public Incident? Incident => State.Incident;

    /// <summary>The host's business key (e.g. a case id), inherited by children.</summary>
    public string? CorrelationId { get; }

    /// <summary>The parent, for a child workflow.</summary>
    public Guid? ParentInstanceId { get; }

    /// <summary>The parent's bookmark to resume when this child ends.</summary>
    public Guid? ParentBookmarkId { get; }

    /// <summary>When started.</summary>
    public DateTimeOffset CreatedAt { get; }

    /// <summary>When last changed.</summary>
    public DateTimeOffset UpdatedAt { get; private set; }

    /// <summary>Optimistic concurrency: raised on every save.</summary>
    public long Revision { get; private set; }

    /// <summary>What it waits for.</summary>
    public IReadOnlyList<Bookmark> Bookmarks => State.Bookmarks;

    /// <summary>Milestones reached.</summary>
    public IReadOnlyList<MilestoneRecord> Milestones => State.Milestones;

    /// <summary>A copy of the variables.</summary>
    public JsonObject Variables => (JsonObject)State.Variables.DeepClone();

    /// <summary>A copy of the inputs it was started with.</summary>
    public JsonObject Input => (JsonObject)State.Input.DeepClone();

    /// <summary>The engine state as JSON, for the store.</summary>
    public string StateJson => JsonSerializer.Serialize(State, _json);

    internal WorkflowState State { get; private set; }

    /// <summary>Rebuilds an instance from what the store saved.</summary>
    public static WorkflowInstance Restore(
        string stateJson, long revision, string? correlationId, Guid? parentInstanceId, Guid? parentBookmarkId, DateTimeOffset createdAt, DateTimeOffset updatedAt)
    {
        var state = JsonSerializer.Deserialize<WorkflowState>(stateJson, _json)
            ?? throw new InvalidOperationException("The stored workflow state is empty.");
        return new WorkflowInstance(state, revision, correlationId, parentInstanceId, parentBookmarkId, createdAt, updatedAt);
    }

    internal static WorkflowInstance New(WorkflowState state, string? correlationId, Guid? parentInstanceId, Guid? parentBookmarkId, DateTimeOffset now) =>
        new(state, 1, correlationId, parentInstanceId, parentBookmarkId, now, now);

    internal void Advance(WorkflowState state, DateTimeOffset now)
    {
        State = state;
        Revision++;
        UpdatedAt = now;
    }
}
