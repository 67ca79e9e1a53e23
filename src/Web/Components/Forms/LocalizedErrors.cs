using Coordination.Domain.Common;
using Coordination.Web.Features;
using Coordination.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Coordination.Web.Components.Forms;

/// <summary>
/// The text a user reads for a refusal: the resource <c>Error.&lt;code&gt;</c> in their language with the refusal's
/// values filled in, or — for a code without a text yet — the readable English message that came with it.
/// </summary>
public static class LocalizedErrors
{
    /// <summary>The text for a code with its placeholder values and the message to fall back on.</summary>
    public static string ErrorText(this IStringLocalizer<SharedResource> localizer, string? code, IReadOnlyList<object?> arguments, string? fallback)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        ArgumentNullException.ThrowIfNull(arguments);
        try
        {
            return code is not null && localizer["Error." + code, [.. arguments.Select(a => a ?? string.Empty)]] is { ResourceNotFound: false } text
                ? text
                : fallback ?? localizer["ErrorTitle"];
        }
        catch (FormatException)
        {
            // A refusal that came without the values its text names must still say something readable, never break the page.
            return fallback ?? localizer["ErrorTitle"];
        }
    }

    /// <summary>The text for a command's refusal.</summary>
    public static string ErrorText(this IStringLocalizer<SharedResource> localizer, Result result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return localizer.ErrorText(result.ErrorCode, result.Arguments, result.Message);
    }

    /// <summary>The text for what is wrong with one field.</summary>
    public static string ErrorText(this IStringLocalizer<SharedResource> localizer, FieldError error)
    {
        ArgumentNullException.ThrowIfNull(error);
        return localizer.ErrorText(error.Code, error.Arguments, error.Message);
    }

    /// <summary>The text for a broken domain rule.</summary>
    public static string ErrorText(this IStringLocalizer<SharedResource> localizer, DomainException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return localizer.ErrorText(exception.Code, exception.Arguments, exception.Message);
    }
}
