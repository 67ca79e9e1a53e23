using System.Text.Json.Nodes;

namespace Coordination.Workflow.Engine;

/// <summary>Something that happens to an instance: the engine's input besides the definition and the state.</summary>
public abstract record Stimulus;

/// <summary>Starts a new instance with its inputs.</summary>
public sealed record StartStimulus(JsonObject Input) : Stimulus;

/// <summary>A human task was completed with an outcome (one of its ports) and its form data.</summary>
public sealed record TaskCompletedStimulus(Guid BookmarkId, string Outcome, JsonObject? Data, string Actor) : Stimulus;

/// <summary>A timer (or escalation timer) became due.</summary>
public sealed record TimerElapsedStimulus(Guid BookmarkId) : Stimulus;

/// <summary>A named signal arrived for this instance.</summary>
public sealed record SignalStimulus(string Signal, JsonNode? Payload, string Actor) : Stimulus;

/// <summary>A child workflow finished.</summary>
public sealed record ChildCompletedStimulus(Guid BookmarkId, string? Outcome, JsonObject Outputs) : Stimulus;

/// <summary>An automated step finished.</summary>
public sealed record StepCompletedStimulus(Guid BookmarkId, string Outcome, JsonObject Outputs) : Stimulus;

/// <summary>An automated step failed; the instance stops at an incident.</summary>
public sealed record StepFailedStimulus(Guid BookmarkId, string Message) : Stimulus;

/// <summary>Cancel the instance and everything it waits for.</summary>
public sealed record CancelStimulus(string Reason, string Actor) : Stimulus;

/// <summary>Retry the activity of the incident.</summary>
public sealed record RetryStimulus(string Actor) : Stimulus;
