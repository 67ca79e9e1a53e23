using Coordination.Domain.Common;
using Shouldly;
using Xunit;

namespace Coordination.Domain.Tests.Common;

public sealed class DutchPublicHolidaysTests
{
    // Expected dates checked against python-dateutil's easter() and a calendar.
    [Theory]
    [InlineData(2024, 3, 31)]
    [InlineData(2025, 4, 20)]
    [InlineData(2026, 4, 5)]
    [InlineData(2027, 3, 28)]
    [InlineData(2038, 4, 25)] // latest possible date
    [InlineData(2008, 3, 23)]
    [InlineData(2011, 4, 24)]
    [InlineData(2285, 3, 22)] // earliest possible date
    public void EasterSunday_KnownYear_ReturnsPublishedDate(int year, int month, int day)
    {
        DutchPublicHolidays.EasterSunday(year).ShouldBe(new DateOnly(year, month, day));
    }

    [Fact]
    public void EasterSunday_EveryGregorianYear_IsASundayFrom22MarchTo25April()
    {
        for (var year = 1583; year <= 9999; year++)
        {
            var easter = DutchPublicHolidays.EasterSunday(year);

            easter.DayOfWeek.ShouldBe(DayOfWeek.Sunday, $"Easter {year}");
            easter.ShouldBeInRange(new DateOnly(year, 3, 22), new DateOnly(year, 4, 25), $"Easter {year}");
        }
    }

    [Theory]
    [InlineData(1582)]
    [InlineData(10000)]
    public void EasterSunday_YearOutsideGregorianRange_Throws(int year)
    {
        Should.Throw<ArgumentOutOfRangeException>(() => DutchPublicHolidays.EasterSunday(year));
    }

    [Fact]
    public void ForYear_2026_ListsElevenHolidaysInDateOrderWithNames()
    {
        var holidays = DutchPublicHolidays.ForYear(2026);

        holidays.Select(h => (h.Date, h.Kind, h.DutchName, h.EnglishName)).ShouldBe(
        [
            (new DateOnly(2026, 1, 1), DutchPublicHolidayKind.NewYearsDay, "Nieuwjaarsdag", "New Year's Day"),
            (new DateOnly(2026, 4, 3), DutchPublicHolidayKind.GoodFriday, "Goede Vrijdag", "Good Friday"),
            (new DateOnly(2026, 4, 5), DutchPublicHolidayKind.EasterSunday, "Eerste Paasdag", "Easter Sunday"),
            (new DateOnly(2026, 4, 6), DutchPublicHolidayKind.EasterMonday, "Tweede Paasdag", "Easter Monday"),
            (new DateOnly(2026, 4, 27), DutchPublicHolidayKind.KingsDay, "Koningsdag", "King's Day"),
            (new DateOnly(2026, 5, 5), DutchPublicHolidayKind.LiberationDay, "Bevrijdingsdag", "Liberation Day"),
            (new DateOnly(2026, 5, 14), DutchPublicHolidayKind.AscensionDay, "Hemelvaartsdag", "Ascension Day"),
            (new DateOnly(2026, 5, 24), DutchPublicHolidayKind.WhitSunday, "Eerste Pinksterdag", "Whit Sunday"),
            (new DateOnly(2026, 5, 25), DutchPublicHolidayKind.WhitMonday, "Tweede Pinksterdag", "Whit Monday"),
            (new DateOnly(2026, 12, 25), DutchPublicHolidayKind.ChristmasDay, "Eerste Kerstdag", "Christmas Day"),
            (new DateOnly(2026, 12, 26), DutchPublicHolidayKind.SecondChristmasDay, "Tweede Kerstdag", "Second Christmas Day"),
        ]);
    }

    [Theory]
    [InlineData(2026, 4, 27)] // Monday
    [InlineData(2025, 4, 26)] // 27 April 2025 is a Sunday, so Saturday the 26th
    [InlineData(2014, 4, 26)] // the first Koningsdag: 27 April 2014 was a Sunday
    [InlineData(2031, 4, 26)] // 27 April 2031 is a Sunday
    public void ForYear_SinceKingWillemAlexander_KingsDayIs27AprilOrSaturdayBefore(int year, int month, int day)
    {
        var kingsDay = DutchPublicHolidays.ForYear(year).Single(h => h.Kind == DutchPublicHolidayKind.KingsDay);

        kingsDay.Date.ShouldBe(new DateOnly(year, month, day));
        kingsDay.DutchName.ShouldBe("Koningsdag");
        kingsDay.EnglishName.ShouldBe("King's Day");
    }

    [Theory]
    [InlineData(2013, 4, 30)] // the last Koninginnedag, a Tuesday
    [InlineData(2006, 4, 29)] // 30 April 2006 was a Sunday: Saturday before, the rule since 1980
    [InlineData(2000, 4, 29)] // 30 April 2000 was a Sunday
    [InlineData(1978, 5, 1)] // 30 April 1978 was a Sunday: Monday after, the rule before 1980
    [InlineData(1949, 4, 30)] // the first year on Queen Juliana's birthday
    public void ForYear_Before2014_QueensDayIs30AprilMovedOffSunday(int year, int month, int day)
    {
        var queensDay = DutchPublicHolidays.ForYear(year).Single(h => h.Kind == DutchPublicHolidayKind.KingsDay);

        queensDay.Date.ShouldBe(new DateOnly(year, month, day));
        queensDay.DutchName.ShouldBe("Koninginnedag");
        queensDay.EnglishName.ShouldBe("Queen's Day");
    }

    [Fact]
    public void ForYear_2026_MoveableFeastsFollowEaster()
    {
        var holidays = DutchPublicHolidays.ForYear(2026).ToDictionary(h => h.Kind, h => h.Date);

        holidays[DutchPublicHolidayKind.GoodFriday].ShouldBe(new DateOnly(2026, 4, 3));
        holidays[DutchPublicHolidayKind.AscensionDay].ShouldBe(new DateOnly(2026, 5, 14));
        holidays[DutchPublicHolidayKind.AscensionDay].DayOfWeek.ShouldBe(DayOfWeek.Thursday);
        holidays[DutchPublicHolidayKind.WhitMonday].ShouldBe(new DateOnly(2026, 5, 25));
        holidays[DutchPublicHolidayKind.WhitMonday].DayOfWeek.ShouldBe(DayOfWeek.Monday);
    }

    [Fact]
    public void ForYear_AscensionOnLiberationDay_ListsBoth()
    {
        // Easter 2016 was 27 March, so Ascension Day (Easter + 39) fell on 5 May.
        var fifthOfMay = new DateOnly(2016, 5, 5);

        DutchPublicHolidays.ForYear(2016).Count.ShouldBe(11);
        DutchPublicHolidays.On(fifthOfMay).Select(h => h.Kind).ShouldBe(
            [DutchPublicHolidayKind.LiberationDay, DutchPublicHolidayKind.AscensionDay]);
    }

    [Fact]
    public void ForYear_GoodFridayExcluded_OmitsGoodFriday()
    {
        var options = new HolidayOptions { IncludeGoodFriday = false };

        var holidays = DutchPublicHolidays.ForYear(2026, options);

        holidays.Count.ShouldBe(10);
        holidays.ShouldNotContain(h => h.Kind == DutchPublicHolidayKind.GoodFriday);
        DutchPublicHolidays.IsHoliday(new DateOnly(2026, 4, 3), options).ShouldBeFalse();
        DutchPublicHolidays.IsHoliday(new DateOnly(2026, 4, 3)).ShouldBeTrue();
    }

    [Theory]
    [InlineData(LiberationDayPolicy.EveryYear, 2025, true)]
    [InlineData(LiberationDayPolicy.EveryYear, 2026, true)]
    [InlineData(LiberationDayPolicy.LustrumYearsOnly, 2025, true)]
    [InlineData(LiberationDayPolicy.LustrumYearsOnly, 2026, false)]
    [InlineData(LiberationDayPolicy.LustrumYearsOnly, 2030, true)]
    [InlineData(LiberationDayPolicy.Never, 2025, false)]
    public void IsHoliday_LiberationDayPolicy_DecidesWhether5MayCounts(LiberationDayPolicy policy, int year, bool expected)
    {
        var options = new HolidayOptions { LiberationDay = policy };

        DutchPublicHolidays.IsHoliday(new DateOnly(year, 5, 5), options).ShouldBe(expected);
        DutchPublicHolidays.ForYear(year, options).Any(h => h.Kind == DutchPublicHolidayKind.LiberationDay).ShouldBe(expected);
    }

    [Fact]
    public void Default_IncludesGoodFridayAndLiberationDayEveryYear()
    {
        HolidayOptions.Default.IncludeGoodFriday.ShouldBeTrue();
        HolidayOptions.Default.LiberationDay.ShouldBe(LiberationDayPolicy.EveryYear);
        DutchPublicHolidays.ForYear(2026, HolidayOptions.Default).ShouldBeSameAs(DutchPublicHolidays.ForYear(2026));
    }

    [Fact]
    public void IsHoliday_ChristmasOnWeekend_NoSubstituteDay()
    {
        // 25 and 26 December 2021 were Saturday and Sunday; the Netherlands does not move them to Monday.
        DutchPublicHolidays.IsHoliday(new DateOnly(2021, 12, 25)).ShouldBeTrue();
        DutchPublicHolidays.IsHoliday(new DateOnly(2021, 12, 26)).ShouldBeTrue();
        DutchPublicHolidays.IsHoliday(new DateOnly(2021, 12, 27)).ShouldBeFalse();
    }

    [Theory]
    [InlineData(2026, 4, 28)] // day after Koningsdag
    [InlineData(2026, 12, 24)] // Christmas Eve
    [InlineData(2026, 12, 31)] // New Year's Eve
    [InlineData(2026, 4, 2)] // Maundy Thursday
    public void IsHoliday_OrdinaryDay_ReturnsFalse(int year, int month, int day)
    {
        var date = new DateOnly(year, month, day);

        DutchPublicHolidays.IsHoliday(date).ShouldBeFalse();
        DutchPublicHolidays.On(date).ShouldBeEmpty();
    }

    [Fact]
    public void On_EasterMonday2026_ReturnsItsNames()
    {
        var holiday = DutchPublicHolidays.On(new DateOnly(2026, 4, 6)).ShouldHaveSingleItem();

        holiday.DutchName.ShouldBe("Tweede Paasdag");
        holiday.EnglishName.ShouldBe("Easter Monday");
    }

    [Fact]
    public void ForYear_CalledTwice_ReturnsCachedList()
    {
        var options = new HolidayOptions { LiberationDay = LiberationDayPolicy.Never };

        // An equal but distinct options instance must hit the same cache entry.
        DutchPublicHolidays.ForYear(2027, options)
            .ShouldBeSameAs(DutchPublicHolidays.ForYear(2027, new HolidayOptions { LiberationDay = LiberationDayPolicy.Never }));
    }

    [Fact]
    public void ForYear_ConcurrentCallers_AllSeeTheSameHolidays()
    {
        var results = new IReadOnlyList<DutchPublicHoliday>[64];

        Parallel.For(0, results.Length, i => results[i] = DutchPublicHolidays.ForYear(2040 + (i % 8)));

        for (var i = 0; i < results.Length; i++)
        {
            var year = 2040 + (i % 8);
            results[i].Count.ShouldBe(11);
            results[i].ShouldAllBe(h => h.Date.Year == year);
            results[i].Select(h => h.Date).ShouldBeInOrder();
        }
    }

    [Theory]
    [InlineData(1948)]
    [InlineData(1)]
    public void ForYear_BeforeSupportedRange_ThrowsWithRange(int year)
    {
        var exception = Should.Throw<ArgumentOutOfRangeException>(() => DutchPublicHolidays.ForYear(year));

        exception.ParamName.ShouldBe("year");
        exception.Message.ShouldContain("1949");
    }

    [Fact]
    public void ForYear_UnknownLiberationDayPolicy_Throws()
    {
        var options = new HolidayOptions { LiberationDay = (LiberationDayPolicy)42 };

        Should.Throw<ArgumentOutOfRangeException>(() => DutchPublicHolidays.ForYear(2026, options));
    }
}
