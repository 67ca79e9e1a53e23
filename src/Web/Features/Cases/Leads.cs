using Coordination.Domain.Common;
using Coordination.Domain.Reports;

namespace Coordination.Web.Features.Cases;

/// <summary>
/// Leads (an IBAN, a phone number) in the form reports store them, so what someone typed — with spaces, in lower case,
/// as 06… — matches what a report named, and an auditor finds a search however it was typed.
/// </summary>
internal static class Leads
{
    /// <summary>An IBAN's electronic form; null when the text is not an IBAN.</summary>
    public static string? StoredIban(string text) => Iban.TryParse(text, out var iban, out _) ? iban!.Value : null;

    /// <summary>A normalized phone number; null when the text is not one.</summary>
    public static string? StoredPhone(string text)
    {
        try
        {
            return Report.NormalizePhone(text);
        }
        catch (DomainException)
        {
            return null;
        }
    }

    /// <summary>The lead a free text names (a search box: either kind); null when it names neither.</summary>
    public static string? Stored(string text) => StoredIban(text) ?? (text.Any(char.IsAsciiDigit) ? StoredPhone(text) : null);
}
