namespace Coordination.Web.Features;

/// <summary>
/// The answer of a command: done, or refused with a stable code (for the localized message) and a readable message.
/// Expected refusals (a rule, a conflict) are results, not exceptions, so the UI can keep what the user entered.
/// </summary>
public sealed record Result(bool Succeeded, string? ErrorCode, string? Message)
{
    /// <summary>Done.</summary>
    public static Result Ok { get; } = new(true, null, null);

    /// <summary>Values for the placeholders of the localized message (e.g. who completed a task first).</summary>
    public IReadOnlyList<object?> Arguments { get; init; } = [];

    /// <summary>What a caller gets for something that does not exist — or that it may not see: the two are
    /// deliberately the same answer.</summary>
    public static Result NotFound { get; } = new(false, "not-found", "This item does not exist or you have no access to it.");

    /// <summary>Refused.</summary>
    public static Result Fail(string code, string message, params object?[] arguments) => new(false, code, message) { Arguments = arguments };
}

/// <summary>What is wrong with one field of a form: a stable code (the key of the localized message, under
/// <c>Error.</c>), a readable English message for logs and API callers, and the values for the message's placeholders.</summary>
public sealed record FieldError(string Code, string Message, IReadOnlyList<object?> Arguments)
{
    /// <summary>A field error without placeholders.</summary>
    public static FieldError Of(string code, string message) => new(code, message, []);
}
