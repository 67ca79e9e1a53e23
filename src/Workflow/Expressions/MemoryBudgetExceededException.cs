namespace Coordination.Workflow.Expressions;

/// <summary>
/// An expression allocated more than its memory budget where Jint's own limit does not look: in its last statement,
/// or while its result was serialized.
/// </summary>
internal sealed class MemoryBudgetExceededException : Exception
{
    public MemoryBudgetExceededException()
        : base("The expression used more memory than its limit allows.")
    {
    }

    public MemoryBudgetExceededException(string message)
        : base(message)
    {
    }

    public MemoryBudgetExceededException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
