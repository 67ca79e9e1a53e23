namespace Coordination.Web.Persistence.Seeding;

/// <summary>
/// The app's clock in Development: the system clock, except inside <see cref="ReplayAt"/>, where the demo seeder works
/// an open demo case through its workflow at the past moments it would really have happened (so the demo's tasks have
/// ages and SLA states, not all "just created"). The moment is async-local: it never leaks into requests.
/// </summary>
internal sealed class DemoClock : TimeProvider
{
    private static readonly AsyncLocal<DateTimeOffset?> _replaying = new();

    /// <inheritdoc />
    public override DateTimeOffset GetUtcNow() => _replaying.Value ?? System.GetUtcNow();

    /// <summary>Until disposed, this flow's "now" is <paramref name="at"/> (never later than the real now).</summary>
    public static IDisposable ReplayAt(DateTimeOffset at)
    {
        var previous = _replaying.Value;
        var now = System.GetUtcNow();
        _replaying.Value = at < now ? at : now;
        return new Restore(previous);
    }

    private sealed class Restore(DateTimeOffset? previous) : IDisposable
    {
        public void Dispose() => _replaying.Value = previous;
    }
}
