namespace Coordination.Domain.Common;

/// <summary>
/// A strongly typed identifier wrapping a <see cref="Guid"/>, so a case id can never be passed where a report id is
/// expected. Persistence converts every implementation to its Guid column generically.
/// </summary>
/// <typeparam name="TSelf">The identifier type itself.</typeparam>
public interface ITypedId<TSelf>
    where TSelf : struct, ITypedId<TSelf>
{
    /// <summary>The underlying value.</summary>
    Guid Value { get; }

    /// <summary>Wraps a value.</summary>
    static abstract TSelf From(Guid value);

    /// <summary>A new, time-ordered identifier (UUID v7 keeps index inserts sequential).</summary>
    static virtual TSelf CreateNew() => TSelf.From(Guid.CreateVersion7());
}
