using Coordination.Domain.Common;

namespace Coordination.Domain.Agencies;

/// <summary>Identifies an <see cref="Agency"/>.</summary>
public readonly record struct AgencyId(Guid Value) : ITypedId<AgencyId>
{
    /// <inheritdoc />
    public static AgencyId From(Guid value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
