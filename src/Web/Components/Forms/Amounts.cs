using Coordination.Domain.Common;
using Coordination.Web.Resources;
using Microsoft.Extensions.Localization;

namespace Coordination.Web.Components.Forms;

/// <summary>
/// Reads an amount a user typed (<see cref="NumberText"/>) and checks it against the same rules <see cref="Money"/>
/// enforces (whole cents, a plausible size), so a form says what is wrong beside the field instead of the workflow step
/// failing later.
/// </summary>
internal static class Amounts
{
    /// <summary>Reads <paramref name="text"/>; returns the message for the field when it is not an acceptable amount.</summary>
    /// <param name="text">What was typed.</param>
    /// <param name="localizer">For the message.</param>
    /// <param name="required">Empty text is a problem (otherwise it is "no amount").</param>
    /// <param name="mustBePositive">Zero is a problem (a transfer of nothing); negative always is.</param>
    /// <param name="amount">The amount read, or null.</param>
    public static string? Read(string? text, IStringLocalizer<SharedResource> localizer, bool required, bool mustBePositive, out decimal? amount)
    {
        ArgumentNullException.ThrowIfNull(localizer);
        if (!NumberText.TryAmount(text, out amount))
        {
            return localizer["NotAnAmount"].Value;
        }

        return amount switch
        {
            null => required ? localizer["AmountPositive"].Value : null,
            <= 0 when mustBePositive => localizer["AmountPositive"].Value,
            < 0 => localizer["AmountNotNegative"].Value,
            { } value => MoneyProblem(value, localizer),
        };
    }

    private static string? MoneyProblem(decimal amount, IStringLocalizer<SharedResource> localizer)
    {
        try
        {
            _ = Money.Eur(amount);
            return null;
        }
        catch (DomainException ex)
        {
            return localizer.ErrorText(ex);
        }
    }
}
