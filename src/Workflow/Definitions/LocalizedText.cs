using System.Globalization;

namespace Coordination.Workflow.Definitions;

/// <summary>A text in Dutch (required, the product's default language) and English (optional; falls back to Dutch).</summary>
/// <param name="Nl">Dutch text.</param>
/// <param name="En">English text.</param>
public sealed record LocalizedText(string Nl, string? En = null)
{
    /// <summary>The text for a culture: English for any English culture when present, otherwise Dutch.</summary>
    public string For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        return culture.TwoLetterISOLanguageName == "en" && !string.IsNullOrWhiteSpace(En) ? En : Nl;
    }

    /// <inheritdoc />
    public override string ToString() => Nl;
}
