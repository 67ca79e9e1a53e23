using Coordination.Domain.Common;

namespace Coordination.Domain.Reports;

/// <summary>Identifies a <see cref="Report"/>.</summary>
public readonly record struct ReportId(Guid Value) : ITypedId<ReportId>
{
    /// <inheritdoc />
    public static ReportId From(Guid value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}
