using System.Globalization;
using System.Text.RegularExpressions;

namespace Coordination.Web.Components.Forms;

/// <summary>
/// Reads numbers the way people type them here, and nothing else. An amount is digits, then either a comma or a point
/// with at most two digits after it ("350,50" and "350.50" are both € 350.50); thousands separators are refused rather
/// than guessed (with a culture's own parsing, "350.50" in Dutch silently became 35050). Amount and hour fields are text
/// fields read on completion, so what the user typed stays in the field next to the message when it is refused.
/// </summary>
public static partial class NumberText
{
    /// <summary>False when <paramref name="text"/> is not an amount; empty text is a valid "no amount" (null).</summary>
    public static bool TryAmount(string? text, out decimal? amount)
    {
        amount = null;
        var trimmed = (text ?? string.Empty).Trim().Replace(" ", string.Empty, StringComparison.Ordinal);
        if (trimmed.Length == 0)
        {
            return true;
        }

        if (!Amount().IsMatch(trimmed))
        {
            return false;
        }

        amount = decimal.Parse(trimmed.Replace(',', '.'), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>False when <paramref name="text"/> is not a whole number (digits only); empty text gives null.</summary>
    public static bool TryWholeNumber(string? text, out int? number)
    {
        number = null;
        var trimmed = (text ?? string.Empty).Trim();
        if (trimmed.Length == 0)
        {
            return true;
        }

        if (!WholeNumber().IsMatch(trimmed))
        {
            return false;
        }

        number = int.Parse(trimmed, CultureInfo.InvariantCulture);
        return true;
    }

    [GeneratedRegex(@"^-?\d{1,15}([.,]\d{1,2})?$")]
    private static partial Regex Amount();

    [GeneratedRegex(@"^\d{1,6}$")]
    private static partial Regex WholeNumber();
}
