namespace Coordination.Domain.Common;

/// <summary>
/// Thrown when a value or a state transition breaks a rule of the domain. The <see cref="Exception.Message"/> is
/// written for the person who entered the data (English, the log language); <see cref="Code"/> is a stable key the
/// user interface translates, with <see cref="Arguments"/> as its placeholders.
/// </summary>
public class DomainException : Exception
{
    /// <summary>Creates a domain exception.</summary>
    /// <param name="code">Stable, dotted key such as <c>iban.checksum</c>; used to find the localized message.</param>
    /// <param name="message">A message the user can act on.</param>
    /// <param name="arguments">Values for the placeholders of the localized message, in order.</param>
    public DomainException(string code, string message, params object?[] arguments)
        : base(message)
    {
        Code = code;
        Arguments = arguments;
    }

    /// <summary>Stable key of the rule that was broken.</summary>
    public string Code { get; }

    /// <summary>Placeholder values for the localized message.</summary>
    public IReadOnlyList<object?> Arguments { get; }
}
