using Coordination.Domain.Common;
using Coordination.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Coordination.Web.Components.Pages.Tasks;

/// <summary>
/// Checks an amount a user typed against the same rules <see cref="Money"/> enforces (whole cents, a plausible size),
/// so a form says what is wrong beside the field instead of the workflow step failing later.
/// </summary>
internal static class Amounts
{
    /// <summary>The message for a wrong amount, or null when it is fine (or empty).</summary>
    public static string? Problem(decimal? amount, IStringLocalizer<SharedResource> localizer, bool mustBePositive = true)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        switch (amount)
        {
            case null:
                return null;
            case <= 0 when mustBePositive:
                return localizer["AmountPositive"];
            case < 0:
                return localizer["AmountNotNegative"];
        }

        try
        {
            _ = Money.Eur(amount.Value);
            return null;
        }
        catch (DomainException ex)
        {
            return localizer["Error." + ex.Code, [.. ex.Arguments.Select(a => a ?? string.Empty)]] is { ResourceNotFound: false } text ? text : ex.Message;
        }
    }
}
