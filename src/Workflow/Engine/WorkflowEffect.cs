using System.Text.Json.Nodes;
using Coordination.Workflow.Definitions;

namespace Coordination.Workflow.Engine;

/// <summary>Something the host must do because the instance moved: the engine's output besides the new state.</summary>
public abstract record WorkflowEffect;

/// <summary>Offer a human task. <paramref name="TaskId"/> is the bookmark to complete it with.</summary>
/// <remarks>
/// <see cref="Subject"/>: what the task is about (e.g. an account), resolved from the activity's binding.
/// <see cref="Refusal"/>: why what was entered on this task before was refused, when it is offered again for that.
/// </remarks>
public sealed record CreateTaskEffect(
    Guid TaskId, string ActivityId, LocalizedText Title, string Role, string? Agency, FormDefinition? Form, SlaDefinition? Sla,
    IReadOnlyList<string> Outcomes, string? Subject = null, TaskRefusal? Refusal = null) : WorkflowEffect;

/// <summary>Why a task is offered again: the reason its earlier input was refused, and that reason's code.</summary>
public sealed record TaskRefusal(string Reason, string? Code);

/// <summary>Withdraw a task (its branch was cancelled).</summary>
public sealed record CancelTaskEffect(Guid TaskId, string ActivityId) : WorkflowEffect;

/// <summary>When a timer is due: an absolute moment, or relative to a task's SLA (resolved by the runtime, which
/// knows the working-day calendar).</summary>
/// <param name="At">Absolute due time.</param>
/// <param name="Sla">The SLA a percentage is taken of.</param>
/// <param name="Percent">Percentage of the SLA.</param>
/// <param name="After">A duration after creation.</param>
/// <param name="From">The moment the relative due time counts from.</param>
public sealed record TimerDue(DateTimeOffset? At, SlaDefinition? Sla, int? Percent, IsoDuration? After, DateTimeOffset From);

/// <summary>Wake the instance at a moment, by this bookmark.</summary>
public sealed record ScheduleTimerEffect(Guid BookmarkId, string ActivityId, TimerDue Due) : WorkflowEffect;

/// <summary>Forget a timer.</summary>
public sealed record CancelTimerEffect(Guid BookmarkId) : WorkflowEffect;

/// <summary>A task is late: tell the escalation role.</summary>
public sealed record EscalateTaskEffect(Guid TaskId, string ActivityId, string Role, string? Agency) : WorkflowEffect;

/// <summary>Start a child instance; when it ends, resume the parent by <paramref name="BookmarkId"/>.</summary>
public sealed record StartChildEffect(Guid BookmarkId, Guid ChildInstanceId, string DefinitionId, JsonObject Input) : WorkflowEffect;

/// <summary>Cancel a child instance.</summary>
/// <param name="ChildInstanceId">The child.</param>
/// <param name="Reason">Why, when the whole workflow was cancelled (the child's journal says it too); null when only
/// its branch ended (a <c>WaitAny</c> that went on without it).</param>
/// <param name="Actor">Who cancelled the whole workflow, likewise.</param>
public sealed record CancelChildEffect(Guid ChildInstanceId, string? Reason = null, string? Actor = null) : WorkflowEffect;

/// <summary>Run an automated step now and resume by <paramref name="BookmarkId"/> with its result.</summary>
public sealed record RunStepEffect(Guid BookmarkId, string ActivityId, string StepKey, JsonObject Input) : WorkflowEffect;

/// <summary>A milestone was reached.</summary>
public sealed record MilestoneReachedEffect(string Name, string ActivityId, DateTimeOffset At) : WorkflowEffect;

/// <summary>The instance ended at an End.</summary>
public sealed record WorkflowCompletedEffect(string? Outcome, JsonObject Outputs) : WorkflowEffect;

/// <summary>The instance stopped at an incident.</summary>
public sealed record WorkflowFaultedEffect(Incident Incident) : WorkflowEffect;

/// <summary>The instance was cancelled.</summary>
public sealed record WorkflowCancelledEffect(string Reason) : WorkflowEffect;

/// <summary>One line of an instance's journal: what ran, when, by whom.</summary>
/// <param name="Sequence">Position in the instance's journal, from 1.</param>
/// <param name="ActivityId">The activity, if any.</param>
/// <param name="Event">What happened: Started, Executed, Waiting, Resumed, Completed, Faulted, Cancelled, Retried, Escalated.</param>
/// <param name="At">When.</param>
/// <param name="Actor">Who (a user, or <c>system</c>).</param>
/// <param name="Payload">A short detail (port taken, outcome, message).</param>
public sealed record JournalRecord(long Sequence, string? ActivityId, string Event, DateTimeOffset At, string Actor, string? Payload);
