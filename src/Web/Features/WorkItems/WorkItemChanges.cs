namespace Coordination.Web.Features.WorkItems;

/// <summary>
/// Tells open queues that tasks changed (created, claimed, completed, cancelled) so they refresh without a reload.
/// In-process only; pages also refresh on a timer so a change made by another server shows within seconds.
/// </summary>
public sealed class WorkItemChanges
{
    /// <summary>Raised after a save that added or changed tasks.</summary>
    public event EventHandler? Changed;

    internal void Raise() => Changed?.Invoke(this, EventArgs.Empty);
}
