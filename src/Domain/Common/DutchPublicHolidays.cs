using System.Collections.Concurrent;
using System.Collections.Frozen;

namespace Coordination.Domain.Common;

/// <summary>
/// The general recognised holidays of the Netherlands (Algemene termijnenwet, article 3), which SLA due times skip.
/// </summary>
public static class DutchPublicHolidays
{
    /// <summary>
    /// First supported year: Koninginnedag moved to 30 April in 1949, and the rules for earlier years are not modelled.
    /// </summary>
    public const int MinSupportedYear = 1949;

    /// <summary>Last supported year (the last year <see cref="DateOnly"/> can represent).</summary>
    public const int MaxSupportedYear = 9999;

    // SLA computation asks for the same few years over and over. The key includes the options because they change
    // the list; there are only a handful of option combinations, so the cache stays small.
    private static readonly ConcurrentDictionary<(HolidayOptions Options, int Year), HolidayYear> _cache = new();

    /// <summary>The holidays of <paramref name="year"/> in date order.</summary>
    /// <param name="year">A year from <see cref="MinSupportedYear"/> to <see cref="MaxSupportedYear"/>.</param>
    /// <param name="options">Which disputed holidays count; <see cref="HolidayOptions.Default"/> when omitted.</param>
    /// <remarks>
    /// Two holidays can share a date (Ascension Day fell on 5 May in 2005 and 2016); both are listed. Holidays on a
    /// weekend are listed too, and the Netherlands has no substitute days for them.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside the supported range.</exception>
    public static IReadOnlyList<DutchPublicHoliday> ForYear(int year, HolidayOptions? options = null) =>
        GetYear(year, options).Holidays;

    /// <summary>Whether <paramref name="date"/> is a holiday, whatever day of the week it is.</summary>
    /// <param name="date">The date.</param>
    /// <param name="options">Which disputed holidays count; <see cref="HolidayOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside the supported range.</exception>
    public static bool IsHoliday(DateOnly date, HolidayOptions? options = null) =>
        GetYear(date.Year, options).Dates.Contains(date);

    /// <summary>
    /// The holidays on <paramref name="date"/>, so the user interface can say why a day does not count: usually none
    /// or one, two when Ascension Day falls on Liberation Day.
    /// </summary>
    /// <param name="date">The date.</param>
    /// <param name="options">Which disputed holidays count; <see cref="HolidayOptions.Default"/> when omitted.</param>
    /// <exception cref="ArgumentOutOfRangeException">The year is outside the supported range.</exception>
    public static IReadOnlyList<DutchPublicHoliday> On(DateOnly date, HolidayOptions? options = null)
    {
        var year = GetYear(date.Year, options);
        return year.Dates.Contains(date) ? [.. year.Holidays.Where(holiday => holiday.Date == date)] : [];
    }

    /// <summary>Easter Sunday of <paramref name="year"/> by the Gregorian computus (anonymous algorithm).</summary>
    /// <param name="year">A year from 1583, the first full year of the Gregorian calendar, to 9999.</param>
    /// <exception cref="ArgumentOutOfRangeException">The year is before 1583 or after 9999.</exception>
    public static DateOnly EasterSunday(int year)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(year, 1583);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(year, MaxSupportedYear);

        // Meeus/Jones/Butcher: golden number, century corrections, epact, then the Sunday after the paschal full moon.
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var n = h + l - (7 * m) + 114;
        return new DateOnly(year, n / 31, (n % 31) + 1);
    }

    /// <summary>The distinct holiday dates of a year that fall on Monday to Friday, ascending.</summary>
    internal static IReadOnlyList<DateOnly> WeekdayDates(int year, HolidayOptions? options) =>
        GetYear(year, options).WeekdayDates;

    private static HolidayYear GetYear(int year, HolidayOptions? options)
    {
        if (year is < MinSupportedYear or > MaxSupportedYear)
        {
            throw new ArgumentOutOfRangeException(
                nameof(year),
                year,
                $"Dutch public holidays are known for the years {MinSupportedYear} to {MaxSupportedYear} only.");
        }

        return _cache.GetOrAdd((options ?? HolidayOptions.Default, year), static key => Compute(key.Year, key.Options));
    }

    private static HolidayYear Compute(int year, HolidayOptions options)
    {
        var easter = EasterSunday(year);
        var holidays = new List<DutchPublicHoliday>(11)
        {
            new(new DateOnly(year, 1, 1), DutchPublicHolidayKind.NewYearsDay, "Nieuwjaarsdag", "New Year's Day"),
            new(easter, DutchPublicHolidayKind.EasterSunday, "Eerste Paasdag", "Easter Sunday"),
            new(easter.AddDays(1), DutchPublicHolidayKind.EasterMonday, "Tweede Paasdag", "Easter Monday"),
            KingsDay(year),
            new(easter.AddDays(39), DutchPublicHolidayKind.AscensionDay, "Hemelvaartsdag", "Ascension Day"),
            new(easter.AddDays(49), DutchPublicHolidayKind.WhitSunday, "Eerste Pinksterdag", "Whit Sunday"),
            new(easter.AddDays(50), DutchPublicHolidayKind.WhitMonday, "Tweede Pinksterdag", "Whit Monday"),
            new(new DateOnly(year, 12, 25), DutchPublicHolidayKind.ChristmasDay, "Eerste Kerstdag", "Christmas Day"),
            new(new DateOnly(year, 12, 26), DutchPublicHolidayKind.SecondChristmasDay, "Tweede Kerstdag", "Second Christmas Day"),
        };

        if (options.IncludeGoodFriday)
        {
            holidays.Add(new(easter.AddDays(-2), DutchPublicHolidayKind.GoodFriday, "Goede Vrijdag", "Good Friday"));
        }

        var liberationDay = options.LiberationDay switch
        {
            LiberationDayPolicy.EveryYear => true,
            LiberationDayPolicy.LustrumYearsOnly => year % 5 == 0,
            LiberationDayPolicy.Never => false,
            _ => throw new ArgumentOutOfRangeException(
                nameof(options), options.LiberationDay, "Unknown Liberation Day policy."),
        };
        if (liberationDay)
        {
            holidays.Add(new(new DateOnly(year, 5, 5), DutchPublicHolidayKind.LiberationDay, "Bevrijdingsdag", "Liberation Day"));
        }

        // Order by date, then by kind, so a shared date (Ascension on 5 May) lists its holidays the same way every time.
        DutchPublicHoliday[] ordered = [.. holidays.OrderBy(holiday => holiday.Date).ThenBy(holiday => holiday.Kind)];
        var dates = ordered.Select(holiday => holiday.Date).ToFrozenSet();
        DateOnly[] weekdayDates =
        [
            .. ordered.Select(holiday => holiday.Date).Distinct()
                .Where(date => date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)),
        ];
        return new HolidayYear(ordered.AsReadOnly(), dates, weekdayDates.AsReadOnly());
    }

    private static DutchPublicHoliday KingsDay(int year)
    {
        // The monarch's birthday; never on a Sunday. Since 1980 a Sunday moves it back to Saturday, before 1980 it
        // moved forward to Monday 1 May.
        if (year >= 2014)
        {
            var date = new DateOnly(year, 4, 27);
            return new(SkipSunday(date, -1), DutchPublicHolidayKind.KingsDay, "Koningsdag", "King's Day");
        }

        var queensDay = new DateOnly(year, 4, 30);
        return new(SkipSunday(queensDay, year >= 1980 ? -1 : 1), DutchPublicHolidayKind.KingsDay, "Koninginnedag", "Queen's Day");

        static DateOnly SkipSunday(DateOnly date, int shift) => date.DayOfWeek == DayOfWeek.Sunday ? date.AddDays(shift) : date;
    }

    private sealed record HolidayYear(
        IReadOnlyList<DutchPublicHoliday> Holidays, FrozenSet<DateOnly> Dates, IReadOnlyList<DateOnly> WeekdayDates);
}

/// <summary>One Dutch public holiday, with its names for display.</summary>
/// <param name="Date">The date it falls on this year.</param>
/// <param name="Kind">Which holiday it is.</param>
/// <param name="DutchName">Its Dutch name, such as <c>Tweede Paasdag</c>.</param>
/// <param name="EnglishName">Its English name, such as <c>Easter Monday</c>.</param>
public sealed record DutchPublicHoliday(DateOnly Date, DutchPublicHolidayKind Kind, string DutchName, string EnglishName);

/// <summary>The Dutch public holidays, in calendar order.</summary>
public enum DutchPublicHolidayKind
{
    /// <summary>Nieuwjaarsdag, 1 January.</summary>
    NewYearsDay,

    /// <summary>Goede Vrijdag, two days before Easter; optional, see <see cref="HolidayOptions.IncludeGoodFriday"/>.</summary>
    GoodFriday,

    /// <summary>Eerste Paasdag.</summary>
    EasterSunday,

    /// <summary>Tweede Paasdag.</summary>
    EasterMonday,

    /// <summary>
    /// Koningsdag, 27 April (26 April when the 27th is a Sunday); until 2013 Koninginnedag, 30 April (29 April when the
    /// 30th was a Sunday, 1 May before 1980).
    /// </summary>
    KingsDay,

    /// <summary>Bevrijdingsdag, 5 May; optional, see <see cref="HolidayOptions.LiberationDay"/>.</summary>
    LiberationDay,

    /// <summary>Hemelvaartsdag, 39 days after Easter.</summary>
    AscensionDay,

    /// <summary>Eerste Pinksterdag, 49 days after Easter.</summary>
    WhitSunday,

    /// <summary>Tweede Pinksterdag, 50 days after Easter.</summary>
    WhitMonday,

    /// <summary>Eerste Kerstdag, 25 December.</summary>
    ChristmasDay,

    /// <summary>Tweede Kerstdag, 26 December.</summary>
    SecondChristmasDay,
}
