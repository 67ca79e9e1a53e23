namespace Coordination.Web.Features.WorkItems;

/// <summary>
/// Tells open queues that tasks changed (created, claimed, completed, cancelled) so they refresh without a reload.
/// In-process only; pages also refresh on a timer so a change made by another server shows within seconds.
/// </summary>
public sealed class WorkItemChanges
{
    /// <summary>Raised after a save that added or changed tasks.</summary>
    public event EventHandler? Changed;

    // Listeners run without the raiser's execution context: nothing ambient of the user who caused the change (their
    // request, their identity) may flow into another user's page refresh.
    internal void Raise()
    {
        if (Changed is not { } changed)
        {
            return;
        }

        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(() => changed(this, EventArgs.Empty));
        }
    }
}
