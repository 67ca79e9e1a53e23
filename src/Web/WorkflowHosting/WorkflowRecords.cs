using Coordination.Workflow.Engine;

namespace Coordination.Web.WorkflowHosting;

// Persistence records of the workflow runtime's store. Not domain objects: plain rows the store maps to and from
// WorkflowInstance, kept in the app's database so a case change and its workflow state commit in one SaveChanges.

/// <summary>One workflow instance: queryable columns plus the engine state as JSON.</summary>
public sealed class WorkflowInstanceRecord
{
    /// <summary>Instance id.</summary>
    public Guid Id { get; set; }

    /// <summary>Definition id.</summary>
    public string DefinitionId { get; set; } = string.Empty;

    /// <summary>Pinned definition version.</summary>
    public int DefinitionVersion { get; set; }

    /// <summary>Status.</summary>
    public WorkflowStatus Status { get; set; }

    /// <summary>End outcome.</summary>
    public string? Outcome { get; set; }

    /// <summary>The case (or other business key).</summary>
    public string? CorrelationId { get; set; }

    /// <summary>Parent instance of a child.</summary>
    public Guid? ParentInstanceId { get; set; }

    /// <summary>Parent's bookmark.</summary>
    public Guid? ParentBookmarkId { get; set; }

    /// <summary>Engine state.</summary>
    public string StateJson { get; set; } = string.Empty;

    /// <summary>Optimistic concurrency token.</summary>
    public long Revision { get; set; }

    /// <summary>Created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>Incident activity, when faulted.</summary>
    public string? IncidentActivityId { get; set; }

    /// <summary>Incident message, when faulted.</summary>
    public string? IncidentMessage { get; set; }
}

/// <summary>An open bookmark, so a task, timer or child can be traced to its instance by an indexed lookup.</summary>
public sealed class WorkflowBookmarkRecord
{
    /// <summary>Bookmark id (for a task: the work item id).</summary>
    public Guid Id { get; set; }

    /// <summary>Instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>Kind.</summary>
    public BookmarkKind Kind { get; set; }

    /// <summary>Activity.</summary>
    public string ActivityId { get; set; } = string.Empty;

    /// <summary>Signal name or step key.</summary>
    public string? Name { get; set; }
}

/// <summary>A due time. The source of truth for timers: the scheduler only wakes, the sweep fires whatever is due.</summary>
public sealed class WorkflowTimerRecord
{
    /// <summary>The timer's bookmark.</summary>
    public Guid BookmarkId { get; set; }

    /// <summary>Instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>Activity.</summary>
    public string ActivityId { get; set; } = string.Empty;

    /// <summary>When due.</summary>
    public DateTimeOffset DueAt { get; set; }
}

/// <summary>One journal line of an instance; the key (instance, sequence) makes a duplicate impossible.</summary>
public sealed class WorkflowJournalRecord
{
    /// <summary>Instance.</summary>
    public Guid InstanceId { get; set; }

    /// <summary>Position in the instance's journal.</summary>
    public long Sequence { get; set; }

    /// <summary>Activity.</summary>
    public string? ActivityId { get; set; }

    /// <summary>Event.</summary>
    public string Event { get; set; } = string.Empty;

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>Who.</summary>
    public string Actor { get; set; } = string.Empty;

    /// <summary>Short detail.</summary>
    public string? Payload { get; set; }
}

/// <summary>A published, immutable definition version.</summary>
public sealed class WorkflowDefinitionRecord
{
    /// <summary>Definition id.</summary>
    public string DefinitionId { get; set; } = string.Empty;

    /// <summary>Version.</summary>
    public int Version { get; set; }

    /// <summary>The definition JSON as published.</summary>
    public string Json { get; set; } = string.Empty;

    /// <summary>SHA-256 of the JSON, to notice a file changed without a new version.</summary>
    public string Hash { get; set; } = string.Empty;

    /// <summary>When published.</summary>
    public DateTimeOffset PublishedAt { get; set; }
}
