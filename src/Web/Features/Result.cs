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
