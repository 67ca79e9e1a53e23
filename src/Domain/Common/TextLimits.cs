namespace Coordination.Domain.Common;

/// <summary>Keeping texts within a column's length.</summary>
public static class TextLimits
{
    /// <summary>
    /// <paramref name="value"/> cut to at most <paramref name="maxLength"/> characters, never between the two halves of
    /// a character outside the basic plane (an emoji, a rare letter): a lone half is not valid text, and PostgreSQL's
    /// driver refuses to send it.
    /// </summary>
    public static string? Cut(string? value, int maxLength)
    {
        if (value is null || value.Length <= maxLength)
        {
            return value;
        }

        var end = maxLength > 0 && char.IsHighSurrogate(value[maxLength - 1]) ? maxLength - 1 : maxLength;
        return value[..end];
    }
}
