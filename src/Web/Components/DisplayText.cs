using System.Globalization;
using Coordination.Workflow.Definitions;

namespace Coordination.Web.Components;

/// <summary>
/// Picks the Dutch or English version of a text the data carries in both (task titles, workflow names, field labels)
/// for the user's language; Dutch is the default and the fallback when there is no English.
/// </summary>
public static class DisplayText
{
    /// <summary>True when the user reads the app in English.</summary>
    public static bool English => CultureInfo.CurrentUICulture.TwoLetterISOLanguageName == "en";

    /// <summary>The English text when the user reads English and there is one; otherwise the Dutch.</summary>
    public static string InUserLanguage(string dutch, string? english) => English && !string.IsNullOrWhiteSpace(english) ? english : dutch;

    /// <summary>A definition's text in the user's language, or null.</summary>
    public static string? InUserLanguage(LocalizedText? text) => text?.For(CultureInfo.CurrentUICulture);

    /// <summary>What is wrong with a definition, in the user's language.</summary>
    public static string InUserLanguage(ProblemText text) => (text ?? throw new ArgumentNullException(nameof(text))).For(CultureInfo.CurrentUICulture);
}
