using System.Text.Json.Nodes;
using Coordination.Workflow.Definitions;
using Coordination.Workflow.Engine;

namespace Coordination.Workflow.Runtime;

/// <summary>
/// Where instances live. The host implements it on its own database so that an instance's new state, its journal
/// and the host's reaction to its effects (tasks, timers) are saved in one transaction with the change that caused it.
/// </summary>
public interface IWorkflowInstanceStore
{
    /// <summary>Loads an instance, or null.</summary>
    Task<WorkflowInstance?> FindAsync(Guid instanceId, CancellationToken cancellationToken);

    /// <summary>The instance that holds a bookmark (a task, timer, step or child), or null when none does any more.</summary>
    Task<Guid?> FindInstanceByBookmarkAsync(Guid bookmarkId, CancellationToken cancellationToken);

    /// <summary>
    /// Saves every changed instance with its journal lines and effects, atomically. Must refuse with
    /// <see cref="WorkflowConcurrencyException"/> when an instance was changed by someone else since it was loaded
    /// (its stored <see cref="WorkflowInstance.Revision"/> differs from <see cref="InstanceChange.ExpectedRevision"/>).
    /// </summary>
    Task SaveAsync(IReadOnlyList<InstanceChange> changes, CancellationToken cancellationToken);
}

/// <summary>
/// Wakes the runtime when a timer is due. Due times are also saved by the store (with the timer effects), so the
/// scheduler only has to wake up: a lost wake-up is caught by a sweep, and a wake-up twice is harmless.
/// </summary>
public interface IWorkflowScheduler
{
    /// <summary>Asks to be woken for a bookmark at a moment.</summary>
    Task ScheduleAsync(Guid instanceId, Guid bookmarkId, DateTimeOffset dueAt, CancellationToken cancellationToken);
}

/// <summary>Published definitions, by id and version. Versions are immutable.</summary>
public interface IWorkflowDefinitionSource
{
    /// <summary>A version of a definition, or the latest published one when <paramref name="version"/> is null.</summary>
    Task<WorkflowDefinition?> GetAsync(string definitionId, int? version, CancellationToken cancellationToken);
}

/// <summary>Runs an automated <c>Step</c> activity for the host.</summary>
public interface IStepHandler
{
    /// <summary>The step key this handler runs.</summary>
    string StepKey { get; }

    /// <summary>Runs the step. Throwing makes an incident the operator can retry; must be safe to run again.</summary>
    Task<StepResult> ExecuteAsync(StepContext context, CancellationToken cancellationToken);
}

/// <summary>What a step handler gets: the instance, the activity, its evaluated inputs and the instance's correlation.</summary>
public sealed record StepContext(Guid InstanceId, string ActivityId, JsonObject Input, string? CorrelationId);

/// <summary>A step's answer: the port to leave through and named values for the activity's outputs.</summary>
public sealed record StepResult(string Outcome, JsonObject Outputs)
{
    /// <summary>Done, with outputs.</summary>
    public static StepResult Done(JsonObject? outputs = null) => new(ActivityDefinition.DonePort, outputs ?? []);
}

/// <summary>One instance's change in a save: its new state, the journal lines and the effects to carry out.</summary>
/// <param name="Instance">The instance as it is now.</param>
/// <param name="ExpectedRevision">The revision it had when loaded; null for a new instance.</param>
/// <param name="Journal">Journal lines to append.</param>
/// <param name="Effects">Effects (timers resolved to absolute due times).</param>
public sealed record InstanceChange(WorkflowInstance Instance, long? ExpectedRevision, IReadOnlyList<JournalRecord> Journal, IReadOnlyList<WorkflowEffect> Effects);

/// <summary>Someone else changed the instance since it was loaded; nothing was saved. Reload and try again.</summary>
public sealed class WorkflowConcurrencyException : Exception
{
    /// <summary>Creates the exception.</summary>
    public WorkflowConcurrencyException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowConcurrencyException()
        : this("The workflow instance was changed by someone else.")
    {
    }

    /// <summary>Creates the exception.</summary>
    public WorkflowConcurrencyException(string message)
        : this(message, null)
    {
    }
}
