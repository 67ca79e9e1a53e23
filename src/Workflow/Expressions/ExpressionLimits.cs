namespace Coordination.Workflow.Expressions;

/// <summary>
/// The limits every workflow expression runs under, so that a mistaken or hostile expression in a definition
/// cannot stall or exhaust the process that runs the workflow engine.
/// </summary>
/// <param name="Timeout">The longest an evaluation may run (regular-expression matches included).</param>
/// <param name="MaxStatements">The most JavaScript statements one evaluation may execute.</param>
/// <param name="MaxMemoryBytes">The most memory, in bytes, one evaluation may allocate; the size of its JSON
/// result counts against the same budget.</param>
/// <param name="MaxRecursionDepth">The deepest that JavaScript function calls may nest.</param>
public sealed record ExpressionLimits(TimeSpan Timeout, int MaxStatements, long MaxMemoryBytes, int MaxRecursionDepth)
{
    /// <summary>
    /// 500 ms, 10,000 statements, 4 MB and 64 nested calls: ample for conditions and small mappings over case
    /// data, small enough that a runaway expression is stopped before anyone notices.
    /// </summary>
    public static ExpressionLimits Default { get; } = new(TimeSpan.FromMilliseconds(500), 10_000, 4_000_000, 64);
}
