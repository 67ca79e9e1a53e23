using System.Globalization;
using System.Text.RegularExpressions;

namespace Coordination.Domain.Common;

/// <summary>
/// The human-facing number of a fraud case, <c>OF-2026-000123</c>: prefix, year of registration and a sequence
/// within that year.
/// </summary>
public sealed partial record CaseNumber
{
    /// <summary>Length of the text form.</summary>
    public const int Length = 14;

    private const string Prefix = "OF";

    private CaseNumber(int year, int sequence)
    {
        Year = year;
        Sequence = sequence;
    }

    /// <summary>Year in which the case was registered.</summary>
    public int Year { get; }

    /// <summary>Sequence number within the year, starting at 1.</summary>
    public int Sequence { get; }

    /// <summary>The text form.</summary>
    public string Value => string.Create(CultureInfo.InvariantCulture, $"{Prefix}-{Year:0000}-{Sequence:000000}");

    /// <summary>Creates a case number.</summary>
    /// <exception cref="DomainException">Year or sequence out of range.</exception>
    public static CaseNumber Create(int year, int sequence)
    {
        if (year is < 2000 or > 2999)
        {
            throw new DomainException("case-number.year", $"A case number year must be between 2000 and 2999 (got {year}).", year);
        }

        if (sequence is < 1 or > 999_999)
        {
            throw new DomainException(
                "case-number.sequence", $"A case number sequence must be between 1 and 999999 (got {sequence}).", sequence);
        }

        return new CaseNumber(year, sequence);
    }

    /// <summary>Parses <c>OF-2026-000123</c> (case-insensitive, surrounding spaces ignored).</summary>
    /// <exception cref="DomainException">The text is not a case number.</exception>
    public static CaseNumber Parse(string? text)
    {
        var match = text is null ? null : Pattern().Match(text.Trim());
        if (match is null || !match.Success)
        {
            throw new DomainException("case-number.format", $"'{text}' is not a case number; expected the form OF-2026-000123.", text);
        }

        return Create(
            int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture),
            int.Parse(match.Groups["seq"].Value, CultureInfo.InvariantCulture));
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    [GeneratedRegex(@"^OF-(?<year>\d{4})-(?<seq>\d{6})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, 1000)]
    private static partial Regex Pattern();
}
