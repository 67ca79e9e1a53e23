using System.Globalization;
using System.Text;

namespace Coordination.Workflow.Definitions;

/// <summary>
/// An ISO-8601 duration such as <c>P5D</c>, <c>PT24H</c>, <c>P3DT18H</c> or <c>P4W</c>, as written in workflow
/// definitions for SLAs and timers.
/// </summary>
/// <remarks>
/// Components are kept as written rather than normalised: <c>P1W</c> and <c>P7D</c>, or <c>PT24H</c> and
/// <c>P1D</c>, are different values, because a day is a calendar day (it can be a working day, or 23 hours long
/// across a DST change) while 24 hours is elapsed time. Weeks may be combined with other components
/// (ISO 8601-2 allows it). Components are whole, non-negative numbers: a fraction (<c>PT1.5H</c>) is refused
/// in favour of a smaller unit (<c>PT90M</c>), and negative durations are refused.
/// </remarks>
public readonly record struct IsoDuration
{
    private const int MaxQuotedLength = 40;

    // DateTime covers 10,000 years; more months cannot land on a valid date, and AddMonths takes an int.
    private const long MaxMonths = 120_000;

    // Designators in order; M appears twice, for months (date part) and minutes (time part).
    private const string Ranks = "YMWDHMS";

    /// <summary>Creates a duration from its components.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A component is negative, or the weeks and days together
    /// exceed <see cref="int.MaxValue"/> days.</exception>
    public IsoDuration(int years = 0, int months = 0, int weeks = 0, int days = 0, int hours = 0, int minutes = 0, int seconds = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(years);
        ArgumentOutOfRangeException.ThrowIfNegative(months);
        ArgumentOutOfRangeException.ThrowIfNegative(weeks);
        ArgumentOutOfRangeException.ThrowIfNegative(days);
        ArgumentOutOfRangeException.ThrowIfNegative(hours);
        ArgumentOutOfRangeException.ThrowIfNegative(minutes);
        ArgumentOutOfRangeException.ThrowIfNegative(seconds);
        // WholeDays and AddTo count weeks as days; that sum must fit in an int.
        if (weeks * 7L + days > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(weeks), "Weeks and days together exceed the largest supported number of days.");
        }

        Years = years;
        Months = months;
        Weeks = weeks;
        Days = days;
        Hours = hours;
        Minutes = minutes;
        Seconds = seconds;
    }

    /// <summary>The years component (<c>Y</c> before <c>T</c>).</summary>
    public int Years { get; }

    /// <summary>The months component (<c>M</c> before <c>T</c>).</summary>
    public int Months { get; }

    /// <summary>The weeks component (<c>W</c>).</summary>
    public int Weeks { get; }

    /// <summary>The days component (<c>D</c>).</summary>
    public int Days { get; }

    /// <summary>The hours component (<c>H</c>).</summary>
    public int Hours { get; }

    /// <summary>The minutes component (<c>M</c> after <c>T</c>).</summary>
    public int Minutes { get; }

    /// <summary>The seconds component (<c>S</c>).</summary>
    public int Seconds { get; }

    /// <summary>True when every component is zero (<c>PT0S</c>, <c>P0D</c>, <c>default</c>).</summary>
    public bool IsZero => this == default;

    /// <summary>
    /// The length in days when the duration has only weeks and days (a week counting as seven days), as working-day
    /// SLAs need; <see langword="null"/> when it has years, months or a time part. <c>PT24H</c> is not a whole day:
    /// it is elapsed time. A zero duration is zero days.
    /// </summary>
    public int? WholeDays =>
        Years == 0 && Months == 0 && Hours == 0 && Minutes == 0 && Seconds == 0 ? (Weeks * 7) + Days : null;

    /// <summary>Parses an ISO-8601 duration, or throws.</summary>
    /// <exception cref="FormatException">The text is not a supported duration; the message says why, readably.</exception>
    public static IsoDuration Parse(string text) =>
        TryParse(text, out var duration, out var error) ? duration : throw new FormatException(error);

    /// <summary>Parses an ISO-8601 duration.</summary>
    /// <param name="text">The text, for example <c>P3DT18H</c>. Designators are upper case; no whitespace.</param>
    /// <param name="duration">The duration, or <c>default</c> when the text is not valid.</param>
    /// <param name="error">Null on success; otherwise a message for a person, naming the problem and giving examples.</param>
    /// <returns>Whether <paramref name="text"/> is a valid duration.</returns>
    public static bool TryParse(string? text, out IsoDuration duration, out string? error)
    {
        var parsed = TryRead(text, out duration, out var problem);
        error = problem?.English;
        return parsed;
    }

    /// <summary>Parses an ISO-8601 duration; on failure says why in a text readable in Dutch and English.</summary>
    /// <param name="text">The text, for example <c>P3DT18H</c>.</param>
    /// <param name="duration">The duration, or <c>default</c> when the text is not valid.</param>
    /// <param name="error">Null on success; otherwise what is wrong, naming the problem and giving examples.</param>
    /// <returns>Whether <paramref name="text"/> is a valid duration.</returns>
    public static bool TryRead(string? text, out IsoDuration duration, out ProblemText? error)
    {
        var reason = TryParseCore(text, out duration);
        if (reason is null)
        {
            error = null;
            return true;
        }

        duration = default;
        error = new ProblemText("duration-invalid", Quote(text), reason);
        return false;
    }

    /// <summary>
    /// Adds this duration to <paramref name="start"/> on the calendar, keeping its offset: first years and months
    /// (the end of a month is clamped, so 31 January plus <c>P1M</c> is 28 or 29 February), then weeks and days,
    /// then hours, minutes and seconds.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The result lies outside the range of <see cref="DateTimeOffset"/>.</exception>
    public DateTimeOffset AddTo(DateTimeOffset start)
    {
        // Years and months go in one step so the end of a month is clamped once: 29 February 2024 plus P1Y1M is
        // 29 March 2025, not 28 March (which AddYears then AddMonths would give).
        var totalMonths = (Years * 12L) + Months;
        if (totalMonths > MaxMonths)
        {
            throw new ArgumentOutOfRangeException(nameof(start), $"Adding {this} to {start:O} goes past the largest supported date.");
        }

        return start
            .AddMonths((int)totalMonths)
            .AddDays((Weeks * 7L) + Days)
            .AddHours(Hours)
            .AddMinutes(Minutes)
            .AddSeconds(Seconds);
    }

    /// <summary>The canonical form: components in the order Y, M, W, D, T, H, M, S, zero ones left out; <c>PT0S</c> for zero.</summary>
    public override string ToString()
    {
        if (IsZero)
        {
            return "PT0S";
        }

        var text = new StringBuilder("P");
        Append(text, Years, 'Y');
        Append(text, Months, 'M');
        Append(text, Weeks, 'W');
        Append(text, Days, 'D');
        if (Hours != 0 || Minutes != 0 || Seconds != 0)
        {
            text.Append('T');
            Append(text, Hours, 'H');
            Append(text, Minutes, 'M');
            Append(text, Seconds, 'S');
        }

        return text.ToString();
    }

    private static void Append(StringBuilder text, int value, char designator)
    {
        if (value != 0)
        {
            text.Append(value.ToString(CultureInfo.InvariantCulture)).Append(designator);
        }
    }

    /// <summary>Null when <paramref name="text"/> parsed into <paramref name="duration"/>; else why it did not.</summary>
    private static ProblemText? TryParseCore(string? text, out IsoDuration duration)
    {
        duration = default;
        if (string.IsNullOrEmpty(text))
        {
            return new("duration-empty");
        }

        if (text.Any(char.IsWhiteSpace))
        {
            return new("duration-whitespace");
        }

        if (text.Contains('-', StringComparison.Ordinal))
        {
            return new("duration-negative");
        }

        // Only suggest upper case when that is the whole fix; for other text it would mislead.
        if (text.Any(char.IsAsciiLetterLower) && TryParseCore(text.ToUpperInvariant(), out _) is null)
        {
            return new("duration-lower-case", Quote(text.ToUpperInvariant()));
        }

        if (text[0] != 'P')
        {
            return new("duration-no-p");
        }

        // Index in Ranks of the last component read; components must come in strictly increasing order.
        var lastRank = -1;
        var inTime = false;
        var timeComponents = 0;
        var values = new int[Ranks.Length];
        var position = 1;
        while (position < text.Length)
        {
            var c = text[position];
            if (c == 'T')
            {
                if (inTime)
                {
                    return new("duration-t-twice");
                }

                inTime = true;
                position++;
                continue;
            }

            if (!char.IsAsciiDigit(c))
            {
                return char.IsAsciiLetter(c) ? NumberMissing(c, inTime) : new("duration-unexpected-character", c.ToString());
            }

            var start = position;
            while (position < text.Length && char.IsAsciiDigit(text[position]))
            {
                position++;
            }

            var digits = text.AsSpan(start, position - start);
            if (position == text.Length)
            {
                return new("duration-number-without-designator", Quote(digits.ToString()));
            }

            var designator = text[position];
            if (designator is '.' or ',')
            {
                return new("duration-fraction");
            }

            var rank = RankOf(designator, inTime);
            if (rank < 0)
            {
                return WrongDesignator(designator, inTime);
            }

            if (rank == lastRank)
            {
                return new("duration-designator-twice", designator.ToString());
            }

            if (rank < lastRank)
            {
                return new("duration-order", designator.ToString(), Ranks[lastRank].ToString());
            }

            if (!int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return new("duration-number-too-large", Quote(digits.ToString()));
            }

            values[rank] = value;
            lastRank = rank;
            if (inTime)
            {
                timeComponents++;
            }

            position++;
        }

        if (inTime && timeComponents == 0)
        {
            return new("duration-t-empty");
        }

        if (lastRank < 0)
        {
            return new("duration-no-components");
        }

        if (values[2] * 7L + values[3] > int.MaxValue)
        {
            return new("duration-days-too-large");
        }

        duration = new IsoDuration(values[0], values[1], values[2], values[3], values[4], values[5], values[6]);
        return null;
    }

    private static int RankOf(char designator, bool inTime) => (designator, inTime) switch
    {
        ('Y', false) => 0,
        ('M', false) => 1,
        ('W', false) => 2,
        ('D', false) => 3,
        ('H', true) => 4,
        ('M', true) => 5,
        ('S', true) => 6,
        _ => -1,
    };

    private static ProblemText WrongDesignator(char designator, bool inTime) => designator switch
    {
        'H' or 'S' when !inTime => new("duration-after-t", designator.ToString()),
        'Y' or 'W' or 'D' when inTime => new("duration-before-t", designator.ToString()),
        _ => new("duration-designator-unknown", designator.ToString()),
    };

    private static ProblemText NumberMissing(char letter, bool inTime) =>
        RankOf(letter, inTime) >= 0 ? new("duration-designator-no-number", letter.ToString()) : WrongDesignator(letter, inTime);

    private static string Quote(string? text) =>
        text is null ? string.Empty
        : text.Length <= MaxQuotedLength ? text
        : string.Concat(text.AsSpan(0, MaxQuotedLength), "…");
}
