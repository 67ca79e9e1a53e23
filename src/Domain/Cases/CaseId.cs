using Coordination.Domain.Common;

namespace Coordination.Domain.Cases;

/// <summary>Identifies a <see cref="FraudCase"/>.</summary>
public readonly record struct CaseId(Guid Value) : ITypedId<CaseId>
{
    /// <inheritdoc />
    public static CaseId From(Guid value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
