using System.Globalization;
using Coordination.Workflow.Definitions;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Definitions;

public sealed class IsoDurationTests
{
    [Theory]
    [InlineData("P5D", 0, 0, 0, 5, 0, 0, 0)]
    [InlineData("PT24H", 0, 0, 0, 0, 24, 0, 0)]
    [InlineData("PT9H", 0, 0, 0, 0, 9, 0, 0)]
    [InlineData("P3DT18H", 0, 0, 0, 3, 18, 0, 0)]
    [InlineData("P4W", 0, 0, 4, 0, 0, 0, 0)]
    [InlineData("PT30M", 0, 0, 0, 0, 0, 30, 0)]
    [InlineData("P1Y", 1, 0, 0, 0, 0, 0, 0)]
    [InlineData("P1M", 0, 1, 0, 0, 0, 0, 0)]
    [InlineData("PT45S", 0, 0, 0, 0, 0, 0, 45)]
    [InlineData("P1Y2M3W4DT5H6M7S", 1, 2, 3, 4, 5, 6, 7)]
    [InlineData("P1MT1M", 0, 1, 0, 0, 0, 1, 0)]
    [InlineData("P005D", 0, 0, 0, 5, 0, 0, 0)]
    [InlineData("P2147483647Y", int.MaxValue, 0, 0, 0, 0, 0, 0)]
    public void Parse_ValidText_ReturnsComponents(string text, int years, int months, int weeks, int days, int hours, int minutes, int seconds)
    {
        var duration = IsoDuration.Parse(text);

        duration.Years.ShouldBe(years);
        duration.Months.ShouldBe(months);
        duration.Weeks.ShouldBe(weeks);
        duration.Days.ShouldBe(days);
        duration.Hours.ShouldBe(hours);
        duration.Minutes.ShouldBe(minutes);
        duration.Seconds.ShouldBe(seconds);
    }

    [Fact]
    public void TryParse_ValidText_ReturnsTrueWithoutError()
    {
        var parsed = IsoDuration.TryParse("P3DT18H", out var duration, out var error);

        parsed.ShouldBeTrue();
        error.ShouldBeNull();
        duration.ShouldBe(new IsoDuration(days: 3, hours: 18));
    }

    [Theory]
    [InlineData("", "the value is empty")]
    [InlineData("P", "it has no components after 'P'")]
    [InlineData("PT", "'T' must be followed by hours, minutes or seconds")]
    [InlineData("P5DT", "'T' must be followed by hours, minutes or seconds")]
    [InlineData("5D", "it must start with 'P'")]
    [InlineData("garbage", "it must start with 'P'")]
    [InlineData("-P5D", "negative durations are not allowed")]
    [InlineData("P-5D", "negative durations are not allowed")]
    [InlineData("P5X", "unknown designator 'X'")]
    [InlineData("PX", "unknown designator 'X'")]
    [InlineData("P5", "the number 5 has no designator after it")]
    [InlineData("P1D5", "the number 5 has no designator after it")]
    [InlineData("PD", "designator 'D' has no number before it")]
    [InlineData("PT5HM", "designator 'M' has no number before it")]
    [InlineData("P5H", "'H' belongs after 'T'")]
    [InlineData("P30S", "'S' belongs after 'T'")]
    [InlineData("PT5D", "'D' belongs before 'T'")]
    [InlineData("PT1W", "'W' belongs before 'T'")]
    [InlineData("P5D3Y", "'Y' comes after 'D'; the order is Y, M, W, D, then T, H, M, S")]
    [InlineData("PT5M2H", "'H' comes after 'M'")]
    [InlineData("P5D5D", "'D' appears more than once")]
    [InlineData("PT1H1H", "'H' appears more than once")]
    [InlineData("PT5HT3M", "'T' appears more than once")]
    [InlineData("PT1.5H", "fractions are not supported")]
    [InlineData("P1,5D", "fractions are not supported")]
    [InlineData("P99999999999D", "the number 99999999999 is too large")]
    [InlineData("P2147483648Y", "the number 2147483648 is too large")]
    [InlineData("P2147483647W", "the weeks and days together are too large")]
    [InlineData(" P5D", "it contains whitespace")]
    [InlineData("P5D ", "it contains whitespace")]
    [InlineData("p5d", "designators are upper case ('P5D')")]
    [InlineData("P5D!", "unexpected character '!'")]
    [InlineData("P+5D", "unexpected character '+'")]
    public void TryParse_InvalidText_ReturnsFalseWithReason(string text, string reason)
    {
        var parsed = IsoDuration.TryParse(text, out var duration, out var error);

        parsed.ShouldBeFalse();
        duration.ShouldBe(default);
        error.ShouldNotBeNull();
        error.ShouldStartWith($"'{text}' is not an ISO-8601 duration: {reason}");
        error.ShouldEndWith(". Examples: P5D, PT24H, P3DT18H.");
    }

    [Fact]
    public void TryParse_Null_ReturnsFalseWithReason()
    {
        var parsed = IsoDuration.TryParse(null, out _, out var error);

        parsed.ShouldBeFalse();
        error.ShouldBe("'' is not an ISO-8601 duration: the value is empty. Examples: P5D, PT24H, P3DT18H.");
    }

    [Fact]
    public void TryParse_LongText_QuotesOnlyItsStart()
    {
        var text = "P" + new string('9', 100) + "D";

        var parsed = IsoDuration.TryParse(text, out _, out var error);

        parsed.ShouldBeFalse();
        error.ShouldNotBeNull();
        error.ShouldStartWith($"'{text[..40]}…' is not an ISO-8601 duration: the number ");
    }

    [Fact]
    public void Parse_UnknownDesignator_ThrowsFormatExceptionWithReadableMessage()
    {
        var exception = Should.Throw<FormatException>(() => IsoDuration.Parse("P5X"));

        exception.Message.ShouldBe("'P5X' is not an ISO-8601 duration: unknown designator 'X'. Examples: P5D, PT24H, P3DT18H.");
    }

    [Theory]
    [InlineData("P5D", "P5D")]
    [InlineData("P3DT18H", "P3DT18H")]
    [InlineData("P4W", "P4W")]
    [InlineData("PT30M", "PT30M")]
    [InlineData("P1M", "P1M")]
    [InlineData("P1Y2M3W4DT5H6M7S", "P1Y2M3W4DT5H6M7S")]
    [InlineData("P005D", "P5D")]
    [InlineData("P1DT0H", "P1D")]
    [InlineData("P0DT0H30M", "PT30M")]
    [InlineData("P0D", "PT0S")]
    [InlineData("PT0S", "PT0S")]
    public void ToString_ParsedText_ReturnsCanonicalForm(string text, string canonical)
    {
        IsoDuration.Parse(text).ToString().ShouldBe(canonical);
    }

    [Fact]
    public void ToString_Default_ReturnsZeroDuration()
    {
        default(IsoDuration).ToString().ShouldBe("PT0S");
    }

    [Theory]
    [InlineData("P1Y2M3W4DT5H6M7S")]
    [InlineData("PT24H")]
    [InlineData("P0D")]
    public void Parse_CanonicalForm_ReturnsEqualDuration(string text)
    {
        var duration = IsoDuration.Parse(text);

        IsoDuration.Parse(duration.ToString()).ShouldBe(duration);
    }

    [Fact]
    public void Equals_WeekAndSevenDays_AreDifferentValues()
    {
        // Kept as written: a week and seven days print differently, so they must not compare equal.
        IsoDuration.Parse("P1W").ShouldNotBe(IsoDuration.Parse("P7D"));
    }

    [Theory]
    [InlineData("P5D", "2025-01-30T10:00:00+01:00", "2025-02-04T10:00:00+01:00")]
    [InlineData("P4W", "2025-01-30T10:00:00+01:00", "2025-02-27T10:00:00+01:00")]
    [InlineData("PT24H", "2025-01-30T10:00:00+01:00", "2025-01-31T10:00:00+01:00")]
    [InlineData("P3DT18H", "2025-03-01T09:00:00+01:00", "2025-03-05T03:00:00+01:00")]
    [InlineData("PT30M", "2025-03-01T23:45:00+01:00", "2025-03-02T00:15:00+01:00")]
    [InlineData("PT90S", "2025-03-01T09:00:00+00:00", "2025-03-01T09:01:30+00:00")]
    [InlineData("P1M", "2025-01-31T09:00:00+01:00", "2025-02-28T09:00:00+01:00")]
    [InlineData("P1M", "2024-01-31T09:00:00+01:00", "2024-02-29T09:00:00+01:00")]
    [InlineData("P1Y", "2024-02-29T09:00:00+01:00", "2025-02-28T09:00:00+01:00")]
    [InlineData("P1Y1M", "2024-02-29T09:00:00+01:00", "2025-03-29T09:00:00+01:00")]
    [InlineData("P1M1D", "2025-01-30T09:00:00+01:00", "2025-03-01T09:00:00+01:00")]
    [InlineData("PT0S", "2025-01-30T09:00:00+01:00", "2025-01-30T09:00:00+01:00")]
    public void AddTo_Start_ReturnsCalendarResult(string text, string start, string expected)
    {
        var result = IsoDuration.Parse(text).AddTo(DateTimeOffset.Parse(start, CultureInfo.InvariantCulture));

        result.ShouldBe(DateTimeOffset.Parse(expected, CultureInfo.InvariantCulture));
        result.Offset.ShouldBe(DateTimeOffset.Parse(start, CultureInfo.InvariantCulture).Offset);
    }

    [Theory]
    [InlineData("P1D")]
    [InlineData("P2147483647Y")]
    [InlineData("PT2147483647H")]
    public void AddTo_ResultPastMaxDate_ThrowsArgumentOutOfRange(string text)
    {
        var start = new DateTimeOffset(9999, 12, 31, 12, 0, 0, TimeSpan.Zero);

        Should.Throw<ArgumentOutOfRangeException>(() => IsoDuration.Parse(text).AddTo(start));
    }

    [Theory]
    [InlineData("PT0S", true)]
    [InlineData("P0D", true)]
    [InlineData("P0Y0M0W0DT0H0M0S", true)]
    [InlineData("PT1S", false)]
    [InlineData("P1D", false)]
    [InlineData("P1M", false)]
    public void IsZero_ParsedText_ReturnsWhetherAllComponentsAreZero(string text, bool expected)
    {
        IsoDuration.Parse(text).IsZero.ShouldBe(expected);
    }

    [Fact]
    public void IsZero_Default_ReturnsTrue()
    {
        default(IsoDuration).IsZero.ShouldBeTrue();
    }

    [Theory]
    [InlineData("P5D", 5)]
    [InlineData("P4W", 28)]
    [InlineData("P1W2D", 9)]
    [InlineData("P0D", 0)]
    public void WholeDays_OnlyWeeksAndDays_ReturnsNumberOfDays(string text, int expected)
    {
        IsoDuration.Parse(text).WholeDays.ShouldBe(expected);
    }

    [Theory]
    [InlineData("PT24H")]
    [InlineData("P3DT18H")]
    [InlineData("P1DT1S")]
    [InlineData("P1M")]
    [InlineData("P1Y")]
    public void WholeDays_YearsMonthsOrTime_ReturnsNull(string text)
    {
        IsoDuration.Parse(text).WholeDays.ShouldBeNull();
    }

    [Fact]
    public void Constructor_NegativeComponent_ThrowsArgumentOutOfRange()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new IsoDuration(hours: -1));
    }

    [Fact]
    public void Constructor_WeeksAndDaysBeyondIntRange_ThrowsArgumentOutOfRange()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new IsoDuration(weeks: int.MaxValue / 7, days: 7));
    }

    [Fact]
    public void Constructor_Components_EqualsParsedText()
    {
        new IsoDuration(years: 1, months: 2, weeks: 3, days: 4, hours: 5, minutes: 6, seconds: 7)
            .ShouldBe(IsoDuration.Parse("P1Y2M3W4DT5H6M7S"));
    }
}
