namespace Coordination.Workflow.Expressions;

/// <summary>
/// A workflow expression could not be evaluated: it has a syntax error, it failed while running (for example a
/// variable that is not defined), or it was stopped by one of its <see cref="ExpressionLimits"/>.
/// </summary>
/// <remarks>
/// The <see cref="Exception.Message"/> is written for the administrator who wrote the expression; it quotes the
/// expression (shortened when long) and says what went wrong.
/// </remarks>
public sealed class ExpressionException : Exception
{
    /// <summary>Creates an exception without an expression or message.</summary>
    public ExpressionException()
        : this(string.Empty, "The expression could not be evaluated.", null)
    {
    }

    /// <summary>Creates an exception with a message and no expression.</summary>
    /// <param name="message">What went wrong, readable by an administrator.</param>
    public ExpressionException(string message)
        : this(string.Empty, message, null)
    {
    }

    /// <summary>Creates an exception with a message and its cause, and no expression.</summary>
    /// <param name="message">What went wrong, readable by an administrator.</param>
    /// <param name="innerException">The underlying failure.</param>
    public ExpressionException(string message, Exception? innerException)
        : this(string.Empty, message, innerException)
    {
    }

    /// <summary>Creates an exception for an expression.</summary>
    /// <param name="expression">The full text of the expression that failed.</param>
    /// <param name="message">What went wrong, readable by an administrator.</param>
    /// <param name="innerException">The underlying failure, if any.</param>
    public ExpressionException(string expression, string message, Exception? innerException)
        : base(message, innerException)
    {
        Expression = expression;
    }

    /// <summary>The full text of the expression that failed (the message may quote a shortened form).</summary>
    public string Expression { get; }
}
