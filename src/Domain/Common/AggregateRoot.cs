namespace Coordination.Domain.Common;

/// <summary>
/// Base of every aggregate root: identity plus a version number the persistence layer uses as an optimistic
/// concurrency token, so two officers saving the same case at once cannot silently overwrite each other.
/// </summary>
/// <typeparam name="TId">The typed identifier.</typeparam>
public abstract class AggregateRoot<TId>
    where TId : struct, ITypedId<TId>
{
    /// <summary>Identity.</summary>
    public TId Id { get; protected init; } = TId.CreateNew();

    /// <summary>
    /// Incremented by persistence on every save that changes the aggregate (or anything it owns) and compared on
    /// update, so a save based on a stale copy is refused instead of overwriting a colleague's change.
    /// </summary>
    public int Version { get; private set; }
}
