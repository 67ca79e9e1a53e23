using Coordination.Domain.Common;
using Shouldly;
using Xunit;

namespace Coordination.Domain.Tests.Common;

// Every expected date below was checked independently with python-dateutil's easter(), Python's zoneinfo and a
// calendar, not derived from the code under test.
public sealed class WorkingDayCalendarTests
{
    private static readonly TimeSpan _winter = TimeSpan.FromHours(1);
    private static readonly TimeSpan _summer = TimeSpan.FromHours(2);

    private readonly WorkingDayCalendar _calendar = new();

    [Fact]
    public void Constructor_NoArguments_UsesAmsterdamAndDefaultOptions()
    {
        _calendar.TimeZone.Id.ShouldBe("Europe/Amsterdam");
        _calendar.Options.ShouldBe(HolidayOptions.Default);
    }

    [Theory]
    [InlineData(2026, 3, 16, true)] // Monday
    [InlineData(2026, 3, 20, true)] // Friday
    [InlineData(2026, 3, 21, false)] // Saturday
    [InlineData(2026, 3, 22, false)] // Sunday
    [InlineData(2026, 4, 27, false)] // Koningsdag, a Monday
    [InlineData(2026, 5, 14, false)] // Hemelvaartsdag, a Thursday
    [InlineData(2026, 1, 1, false)] // Nieuwjaarsdag, a Thursday
    [InlineData(2026, 12, 24, true)] // Christmas Eve is an ordinary day
    [InlineData(2021, 12, 27, true)] // Monday after a weekend Christmas: no substitute day
    public void IsWorkingDay_Date_ReturnsWhetherWeekdayAndNotHoliday(int year, int month, int day, bool expected)
    {
        _calendar.IsWorkingDay(new DateOnly(year, month, day)).ShouldBe(expected);
    }

    [Fact]
    public void IsWorkingDay_GoodFridayExcluded_GoodFridayIsWorkingDay()
    {
        var calendar = new WorkingDayCalendar(new HolidayOptions { IncludeGoodFriday = false });

        calendar.IsWorkingDay(new DateOnly(2026, 4, 3)).ShouldBeTrue();
        _calendar.IsWorkingDay(new DateOnly(2026, 4, 3)).ShouldBeFalse();
    }

    [Fact]
    public void AddWorkingDays_OverEaster2026_SkipsGoodFridayWeekendAndEasterMonday()
    {
        // Thursday 2 April; Friday 3 Good Friday, 4-5 weekend and Easter Sunday, Monday 6 Easter Monday.
        _calendar.AddWorkingDays(new DateOnly(2026, 4, 2), 1).ShouldBe(new DateOnly(2026, 4, 7));
    }

    [Fact]
    public void AddWorkingDays_OverEaster2026WithoutGoodFriday_CountsGoodFriday()
    {
        var calendar = new WorkingDayCalendar(new HolidayOptions { IncludeGoodFriday = false });

        calendar.AddWorkingDays(new DateOnly(2026, 4, 2), 1).ShouldBe(new DateOnly(2026, 4, 3));
        calendar.AddWorkingDays(new DateOnly(2026, 4, 2), 2).ShouldBe(new DateOnly(2026, 4, 7));
    }

    [Theory]
    [InlineData(1, 2026, 3, 16)] // Friday 13 March + 1 = Monday
    [InlineData(5, 2026, 3, 20)] // + 5 = next Friday
    [InlineData(6, 2026, 3, 23)] // + 6 = Monday after that
    public void AddWorkingDays_OverWeekend_SkipsSaturdayAndSunday(int days, int year, int month, int day)
    {
        _calendar.AddWorkingDays(new DateOnly(2026, 3, 13), days).ShouldBe(new DateOnly(year, month, day));
    }

    [Theory]
    [InlineData(2026, 12, 23, 1, 2026, 12, 24)] // Wednesday + 1 = Christmas Eve, a working day
    [InlineData(2026, 12, 23, 2, 2026, 12, 28)] // Friday 25 Christmas, 26-27 weekend
    [InlineData(2026, 12, 31, 1, 2027, 1, 4)] // Thursday + 1: Friday 1 January is New Year's Day
    [InlineData(2021, 12, 24, 1, 2021, 12, 27)] // Christmas on Saturday and Sunday: Monday is a working day
    public void AddWorkingDays_OverChristmasAndNewYear_SkipsHolidays(
        int year, int month, int day, int days, int expectedYear, int expectedMonth, int expectedDay)
    {
        _calendar.AddWorkingDays(new DateOnly(year, month, day), days)
            .ShouldBe(new DateOnly(expectedYear, expectedMonth, expectedDay));
    }

    [Fact]
    public void AddWorkingDays_OverAscensionAndWhitMonday2026_SkipsBoth()
    {
        _calendar.AddWorkingDays(new DateOnly(2026, 5, 13), 1).ShouldBe(new DateOnly(2026, 5, 15));
        _calendar.AddWorkingDays(new DateOnly(2026, 5, 22), 1).ShouldBe(new DateOnly(2026, 5, 26));
    }

    [Fact]
    public void AddWorkingDays_OverLiberationDay2025_DependsOnPolicy()
    {
        // Friday 2 May 2025; Monday 5 May is Liberation Day, and 2025 is a lustrum year.
        var start = new DateOnly(2025, 5, 2);
        var lustrum = new WorkingDayCalendar(new HolidayOptions { LiberationDay = LiberationDayPolicy.LustrumYearsOnly });
        var never = new WorkingDayCalendar(new HolidayOptions { LiberationDay = LiberationDayPolicy.Never });

        _calendar.AddWorkingDays(start, 1).ShouldBe(new DateOnly(2025, 5, 6));
        lustrum.AddWorkingDays(start, 1).ShouldBe(new DateOnly(2025, 5, 6));
        never.AddWorkingDays(start, 1).ShouldBe(new DateOnly(2025, 5, 5));
    }

    [Fact]
    public void AddWorkingDays_LiberationDayLustrumOnlyIn2026_5MayIsWorkingDay()
    {
        // Monday 4 May 2026 + 1: Tuesday 5 May counts in a non-lustrum year.
        var lustrum = new WorkingDayCalendar(new HolidayOptions { LiberationDay = LiberationDayPolicy.LustrumYearsOnly });

        lustrum.AddWorkingDays(new DateOnly(2026, 5, 4), 1).ShouldBe(new DateOnly(2026, 5, 5));
        _calendar.AddWorkingDays(new DateOnly(2026, 5, 4), 1).ShouldBe(new DateOnly(2026, 5, 6));
    }

    [Fact]
    public void AddWorkingDays_ZeroDaysOnWorkingDay_ReturnsStart()
    {
        _calendar.AddWorkingDays(new DateOnly(2026, 3, 18), 0).ShouldBe(new DateOnly(2026, 3, 18));
    }

    [Theory]
    [InlineData(2026, 3, 14, 2026, 3, 16)] // Saturday → Monday
    [InlineData(2026, 4, 5, 2026, 4, 7)] // Easter Sunday → Tuesday, past Easter Monday
    [InlineData(2026, 4, 3, 2026, 4, 7)] // Good Friday → Tuesday
    public void AddWorkingDays_ZeroDaysOnNonWorkingDay_ReturnsNextWorkingDay(
        int year, int month, int day, int expectedYear, int expectedMonth, int expectedDay)
    {
        _calendar.AddWorkingDays(new DateOnly(year, month, day), 0)
            .ShouldBe(new DateOnly(expectedYear, expectedMonth, expectedDay));
    }

    [Fact]
    public void AddWorkingDays_StartOnNonWorkingDay_CountsFromNextWorkingDay()
    {
        // Saturday 4 April 2026 counts as Tuesday 7 April (after Easter Monday), so + 1 is Wednesday 8 April.
        _calendar.AddWorkingDays(new DateOnly(2026, 4, 4), 1).ShouldBe(new DateOnly(2026, 4, 8));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(int.MinValue)]
    public void AddWorkingDays_NegativeDays_ThrowsWithClearMessage(int days)
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(() => _calendar.AddWorkingDays(new DateOnly(2026, 3, 16), days));

        exception.ParamName.ShouldBe("days");
        exception.Message.ShouldContain("zero or more");
    }

    [Fact]
    public void AddWorkingDays_NegativeDaysForMoment_Throws()
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(
            () => _calendar.AddWorkingDays(new DateTimeOffset(2026, 3, 16, 10, 0, 0, _winter), -3));

        exception.ParamName.ShouldBe("days");
    }

    [Fact]
    public void AddWorkingDays_MomentOnWorkingDay_KeepsLocalTimeOfDay()
    {
        var result = _calendar.AddWorkingDays(new DateTimeOffset(2026, 3, 11, 14, 45, 30, _winter), 3);

        ShouldBeExactly(result, new DateTimeOffset(2026, 3, 16, 14, 45, 30, _winter));
    }

    [Fact]
    public void AddWorkingDays_AcrossSpringDaylightSavingChange_KeepsLocalTimeAndTakesSummerOffset()
    {
        // Clocks go forward on Sunday 29 March 2026.
        var result = _calendar.AddWorkingDays(new DateTimeOffset(2026, 3, 27, 10, 0, 0, _winter), 1);

        ShouldBeExactly(result, new DateTimeOffset(2026, 3, 30, 10, 0, 0, _summer));
    }

    [Fact]
    public void AddWorkingDays_AcrossAutumnDaylightSavingChange_KeepsLocalTimeAndTakesWinterOffset()
    {
        // Clocks go back on Sunday 25 October 2026.
        var result = _calendar.AddWorkingDays(new DateTimeOffset(2026, 10, 23, 10, 0, 0, _summer), 1);

        ShouldBeExactly(result, new DateTimeOffset(2026, 10, 26, 10, 0, 0, _winter));
    }

    [Fact]
    public void AddWorkingDays_MomentInUtc_IsReadOnAmsterdamClock()
    {
        // 23:30 UTC on Thursday 26 March is 00:30 on Friday 27 March in Amsterdam; Friday + 1 is Monday.
        var result = _calendar.AddWorkingDays(new DateTimeOffset(2026, 3, 26, 23, 30, 0, TimeSpan.Zero), 1);

        ShouldBeExactly(result, new DateTimeOffset(2026, 3, 30, 0, 30, 0, _summer));
    }

    [Fact]
    public void AddWorkingDays_OtherTimeZone_ReadsMomentOnThatClock()
    {
        // The same instant is still Thursday on a UTC clock, so + 1 is Friday.
        var utcCalendar = new WorkingDayCalendar(timeZone: TimeZoneInfo.Utc);

        var result = utcCalendar.AddWorkingDays(new DateTimeOffset(2026, 3, 26, 23, 30, 0, TimeSpan.Zero), 1);

        ShouldBeExactly(result, new DateTimeOffset(2026, 3, 27, 23, 30, 0, TimeSpan.Zero));
    }

    [Fact]
    public void AddWorkingDays_MomentOnNonWorkingDay_CountsFrom0900OnNextWorkingDay()
    {
        // Saturday 4 April 2026, 14:00: counting starts Tuesday 7 April 09:00 (after Easter Monday).
        var start = new DateTimeOffset(2026, 4, 4, 14, 0, 0, _summer);

        ShouldBeExactly(_calendar.AddWorkingDays(start, 0), new DateTimeOffset(2026, 4, 7, 9, 0, 0, _summer));
        ShouldBeExactly(_calendar.AddWorkingDays(start, 1), new DateTimeOffset(2026, 4, 8, 9, 0, 0, _summer));
    }

    [Fact]
    public void AddWorkingDays_MomentOnSundayBeforeDaylightSavingChange_Returns0900WithSummerOffset()
    {
        // Sunday 29 March 2026 at 01:00 is still winter time; the due moment on Monday is summer time.
        var result = _calendar.AddWorkingDays(new DateTimeOffset(2026, 3, 29, 1, 0, 0, _winter), 0);

        ShouldBeExactly(result, new DateTimeOffset(2026, 3, 30, 9, 0, 0, _summer));
    }

    [Fact]
    public void AddWorkingDays_ZeroDaysOnWorkingDay_ReturnsSameMomentOnLocalClock()
    {
        var start = new DateTimeOffset(2026, 3, 18, 8, 15, 0, TimeSpan.Zero);

        ShouldBeExactly(_calendar.AddWorkingDays(start, 0), new DateTimeOffset(2026, 3, 18, 9, 15, 0, _winter));
    }

    [Fact]
    public void AddWorkingDays_ResultInSkippedHour_MovesForwardByTheJump()
    {
        // In this zone clocks jump from 02:00 to 03:00 on Friday 27 March 2026, so 02:30 does not exist that day.
        var calendar = new WorkingDayCalendar(timeZone: FridayShiftZone());
        calendar.TimeZone.IsInvalidTime(new DateTime(2026, 3, 27, 2, 30, 0)).ShouldBeTrue();

        var result = calendar.AddWorkingDays(new DateTimeOffset(2026, 3, 26, 2, 30, 0, TimeSpan.FromHours(2)), 1);

        ShouldBeExactly(result, new DateTimeOffset(2026, 3, 27, 3, 30, 0, TimeSpan.FromHours(3)));
    }

    [Fact]
    public void AddWorkingDays_ResultInRepeatedHour_TakesFirstOccurrence()
    {
        // In this zone clocks go back from 02:00 to 01:00 on Friday 30 October 2026, so 01:30 happens twice.
        var calendar = new WorkingDayCalendar(timeZone: FridayShiftZone());
        calendar.TimeZone.IsAmbiguousTime(new DateTime(2026, 10, 30, 1, 30, 0)).ShouldBeTrue();

        var result = calendar.AddWorkingDays(new DateTimeOffset(2026, 10, 29, 1, 30, 0, TimeSpan.FromHours(3)), 1);

        ShouldBeExactly(result, new DateTimeOffset(2026, 10, 30, 1, 30, 0, TimeSpan.FromHours(3)));
    }

    [Fact]
    public void AddWorkingDays_ZeroDaysInSecondOccurrenceOfRepeatedHour_KeepsInstant()
    {
        var calendar = new WorkingDayCalendar(timeZone: FridayShiftZone());
        var secondOccurrence = new DateTimeOffset(2026, 10, 30, 1, 30, 0, TimeSpan.FromHours(2));

        ShouldBeExactly(calendar.AddWorkingDays(secondOccurrence, 0), secondOccurrence);
    }

    [Theory]
    [InlineData(2026, 3, 16, 2026, 3, 16, 0)] // same day
    [InlineData(2026, 3, 20, 2026, 3, 16, 0)] // to before from
    [InlineData(2026, 3, 16, 2026, 3, 20, 4)] // Monday (exclusive) to Friday
    [InlineData(2026, 3, 20, 2026, 3, 23, 1)] // Friday to Monday
    [InlineData(2026, 3, 21, 2026, 3, 22, 0)] // Saturday to Sunday
    [InlineData(2026, 4, 1, 2026, 4, 8, 3)] // Easter: 2, 7 and 8 April
    [InlineData(2026, 12, 23, 2027, 1, 5, 7)] // Christmas and New Year
    [InlineData(2025, 12, 31, 2026, 12, 31, 253)] // all of 2026: 261 weekdays, 8 of them holidays
    [InlineData(2015, 12, 31, 2016, 12, 31, 254)] // all of 2016: Ascension and Liberation Day share 5 May
    [InlineData(2023, 6, 15, 2027, 2, 10, 928)] // several years
    public void CountWorkingDays_Range_ReturnsWorkingDaysAfterFromUpToTo(
        int fromYear, int fromMonth, int fromDay, int toYear, int toMonth, int toDay, int expected)
    {
        _calendar.CountWorkingDays(new DateOnly(fromYear, fromMonth, fromDay), new DateOnly(toYear, toMonth, toDay))
            .ShouldBe(expected);
    }

    [Fact]
    public void CountWorkingDays_Options_ChangeTheCount()
    {
        var from = new DateOnly(2025, 12, 31);
        var to = new DateOnly(2026, 12, 31);
        var lenient = new WorkingDayCalendar(
            new HolidayOptions { IncludeGoodFriday = false, LiberationDay = LiberationDayPolicy.Never });

        lenient.CountWorkingDays(from, to).ShouldBe(255);
        new WorkingDayCalendar(new HolidayOptions { IncludeGoodFriday = false }).CountWorkingDays(new DateOnly(2026, 4, 1), new DateOnly(2026, 4, 8))
            .ShouldBe(4);
    }

    [Fact]
    public void CountWorkingDays_AnyRange_MatchesDayByDayCount()
    {
        var random = new Random(20260405);
        for (var run = 0; run < 300; run++)
        {
            var from = new DateOnly(2020, 1, 1).AddDays(random.Next(0, 3650));
            var to = from.AddDays(random.Next(-5, 800));

            var expected = 0;
            for (var day = from.AddDays(1); day <= to; day = day.AddDays(1))
            {
                expected += _calendar.IsWorkingDay(day) ? 1 : 0;
            }

            _calendar.CountWorkingDays(from, to).ShouldBe(expected, $"from {from:O} to {to:O}");
        }
    }

    [Fact]
    public void CountWorkingDays_AfterAddWorkingDays_ReturnsTheDaysAdded()
    {
        for (var start = new DateOnly(2025, 12, 1); start <= new DateOnly(2027, 1, 31); start = start.AddDays(1))
        {
            if (!_calendar.IsWorkingDay(start))
            {
                continue;
            }

            foreach (var days in (int[])[0, 1, 2, 5, 10, 25])
            {
                var due = _calendar.AddWorkingDays(start, days);

                _calendar.IsWorkingDay(due).ShouldBeTrue($"{start:O} + {days}");
                _calendar.CountWorkingDays(start, due).ShouldBe(days, $"{start:O} + {days}");
            }
        }
    }

    // DateTimeOffset equality ignores the offset; a due time must also show the right local clock time.
    private static void ShouldBeExactly(DateTimeOffset actual, DateTimeOffset expected)
    {
        actual.ShouldBe(expected);
        actual.Offset.ShouldBe(expected.Offset);
    }

    // A zone whose clocks change on a Friday (as Israel's do), so a due moment can land in a skipped or repeated hour.
    private static TimeZoneInfo FridayShiftZone()
    {
        var rule = TimeZoneInfo.AdjustmentRule.CreateAdjustmentRule(
            new DateTime(2000, 1, 1),
            new DateTime(2099, 12, 31),
            TimeSpan.FromHours(1),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 3, 5, DayOfWeek.Friday),
            TimeZoneInfo.TransitionTime.CreateFloatingDateRule(new DateTime(1, 1, 1, 2, 0, 0), 10, 5, DayOfWeek.Friday));
        return TimeZoneInfo.CreateCustomTimeZone(
            "Test/FridayShift", TimeSpan.FromHours(2), "Friday shift", "Friday shift standard", "Friday shift summer", [rule]);
    }
}
