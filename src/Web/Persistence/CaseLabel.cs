using Coordination.Domain.Cases;
using Coordination.Domain.Common;

namespace Coordination.Web.Persistence;

/// <summary>
/// What a task shows of the case it belongs to: the case's number and its kind of fraud, read from the cases table
/// under a filter of its own — visible with a task of the case one may see — instead of the case file's. A bank's task
/// names its case by number though the bank may not open it; so queues join their filtered work items to this instead
/// of switching filters off, which in EF Core switches off every filter of the query, the work items' own included.
/// </summary>
public sealed class CaseLabel
{
    /// <summary>The case.</summary>
    public CaseId Id { get; private set; }

    /// <summary>Its number.</summary>
    public CaseNumber Number { get; private set; } = null!;

    /// <summary>Its kind of fraud (police and OM only; the queries leave it out for others).</summary>
    public FraudType FraudType { get; private set; }
}
