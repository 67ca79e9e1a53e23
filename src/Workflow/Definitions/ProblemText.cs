using System.Globalization;

namespace Coordination.Workflow.Definitions;

/// <summary>
/// What is wrong with a definition, as a stable code and its arguments, readable in Dutch (the product's default) and
/// English: the person editing a definition reads it in their own language, while logs and exceptions carry the
/// English. An argument may itself be a <see cref="ProblemText"/> (a reason inside a message), read in the same
/// language.
/// </summary>
public sealed class ProblemText : IEquatable<ProblemText>
{
    private static readonly CultureInfo _dutch = CultureInfo.GetCultureInfo("nl");

    private static readonly CultureInfo _english = CultureInfo.GetCultureInfo("en");

    /// <summary>Creates the text; the code must be one of <see cref="ProblemTexts.Codes"/>.</summary>
    /// <exception cref="ArgumentException">The code has no text (every code must be readable in both languages), or
    /// fewer values are given than its text names.</exception>
    public ProblemText(string code, params object[] arguments)
    {
        ArgumentNullException.ThrowIfNull(code);
        if (!ProblemTexts.Formats.ContainsKey(code))
        {
            throw new ArgumentException($"No text for the problem code '{code}'.", nameof(code));
        }

        // Too few values would only fail when the text is read (a FormatException in a log line or on a page).
        if ((arguments?.Length ?? 0) < ProblemTexts.Arity[code])
        {
            throw new ArgumentException($"The problem code '{code}' names {ProblemTexts.Arity[code]} value(s); {arguments?.Length ?? 0} given.", nameof(arguments));
        }

        Code = code;
        Arguments = arguments ?? [];
    }

    /// <summary>The stable code (for example <c>unreachable</c>).</summary>
    public string Code { get; }

    /// <summary>The values the text names, in order.</summary>
    public IReadOnlyList<object> Arguments { get; }

    /// <summary>The text in English.</summary>
    public string English => For(_english);

    /// <summary>The text for a culture: English for any English culture, otherwise Dutch.</summary>
    public string For(CultureInfo culture)
    {
        ArgumentNullException.ThrowIfNull(culture);
        var (english, dutch) = ProblemTexts.Formats[Code];
        var inEnglish = culture.TwoLetterISOLanguageName == "en";
        var values = Arguments.Select(a => a switch
        {
            ProblemText inner => inner.For(culture),
            IEnumerable<string> list => string.Join(", ", list),
            IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
            _ => a?.ToString() ?? string.Empty,
        }).ToArray<object?>();
        return string.Format(CultureInfo.InvariantCulture, inEnglish ? english : dutch, values);
    }

    /// <summary>Two texts are equal when they have the same code and say the same in both languages.</summary>
    public bool Equals(ProblemText? other) =>
        other is not null && (ReferenceEquals(this, other) || (Code == other.Code && English == other.English && For(_dutch) == other.For(_dutch)));

    /// <inheritdoc />
    public override bool Equals(object? obj) => Equals(obj as ProblemText);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Code, English);

    /// <inheritdoc />
    public override string ToString() => English;
}
