namespace Coordination.Domain.Common;

/// <summary>
/// Working-day arithmetic for SLA due times: Monday to Friday, minus the Dutch public holidays, on the clock of one
/// time zone (Europe/Amsterdam unless told otherwise). Working hours are not modelled: any moment of a working day
/// counts. Immutable and thread-safe; one instance can serve the whole application.
/// </summary>
public sealed class WorkingDayCalendar
{
    /// <summary>The IANA id of the default time zone.</summary>
    public const string DefaultTimeZoneId = "Europe/Amsterdam";

    /// <summary>Creates a calendar.</summary>
    /// <param name="options">Which disputed holidays count; <see cref="HolidayOptions.Default"/> when omitted.</param>
    /// <param name="timeZone">The clock that decides which day a moment falls on; Europe/Amsterdam when omitted.</param>
    /// <exception cref="TimeZoneNotFoundException">No time zone is given and this machine does not know Europe/Amsterdam.</exception>
    public WorkingDayCalendar(HolidayOptions? options = null, TimeZoneInfo? timeZone = null)
    {
        Options = options ?? HolidayOptions.Default;
        TimeZone = timeZone ?? TimeZoneInfo.FindSystemTimeZoneById(DefaultTimeZoneId);
    }

    /// <summary>
    /// Where counting starts when a moment falls on a non-working day: 09:00 local time on the next working day, so a
    /// report filed on Saturday is due as if it arrived at the start of Monday's office hours.
    /// </summary>
    public static TimeOnly WorkingDayStart { get; } = new(9, 0);

    /// <summary>Which disputed holidays count.</summary>
    public HolidayOptions Options { get; }

    /// <summary>The clock that decides which day a moment falls on.</summary>
    public TimeZoneInfo TimeZone { get; }

    /// <summary>Whether <paramref name="date"/> is Monday to Friday and not a public holiday.</summary>
    /// <param name="date">The date.</param>
    /// <exception cref="ArgumentOutOfRangeException">
    /// The year is outside <see cref="DutchPublicHolidays.MinSupportedYear"/> to <see cref="DutchPublicHolidays.MaxSupportedYear"/>.
    /// </exception>
    public bool IsWorkingDay(DateOnly date) =>
        date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !DutchPublicHolidays.IsHoliday(date, Options);

    /// <summary>The date <paramref name="days"/> working days after <paramref name="start"/>.</summary>
    /// <param name="start">The day counting starts from.</param>
    /// <param name="days">Zero or more working days.</param>
    /// <returns>
    /// Counting starts at <paramref name="start"/> when it is a working day, and otherwise at the next working day:
    /// with 0 days that day itself is returned; with <c>n</c> days, the <c>n</c>-th working day after it. So Thursday
    /// plus 1 is Friday, Friday plus 1 is Monday, and Saturday plus 1 is Tuesday (Saturday counts as Monday).
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    public DateOnly AddWorkingDays(DateOnly start, int days)
    {
        ThrowIfNegative(days);

        var date = OnOrNextWorkingDay(start);
        for (var counted = 0; counted < days; counted++)
        {
            date = OnOrNextWorkingDay(date.AddDays(1));
        }

        return date;
    }

    /// <summary>The moment <paramref name="days"/> working days after <paramref name="start"/>, for SLA due times.</summary>
    /// <param name="start">The moment counting starts from, in any offset.</param>
    /// <param name="days">Zero or more working days.</param>
    /// <returns>
    /// <paramref name="start"/> is read on the calendar's clock. On a working day, the result is the same local time of
    /// day, <paramref name="days"/> working days later. On a non-working day, counting starts at
    /// <see cref="WorkingDayStart"/> (09:00) on the next working day, so the result is 09:00. Days are counted as in
    /// <see cref="AddWorkingDays(DateOnly, int)"/>. The result carries the offset in force at that moment, so across a
    /// daylight saving change the local time stays and the offset changes. A local time the clock skips is moved
    /// forward by the jump; one it shows twice is taken at its first occurrence.
    /// </returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="days"/> is negative.</exception>
    public DateTimeOffset AddWorkingDays(DateTimeOffset start, int days)
    {
        ThrowIfNegative(days);

        var local = TimeZoneInfo.ConvertTime(start, TimeZone);
        var startDate = DateOnly.FromDateTime(local.DateTime);
        var dueDate = AddWorkingDays(startDate, days);
        if (dueDate == startDate)
        {
            // Zero days on a working day: keep the exact instant rather than rebuilding it from the local time, which
            // could pick the other occurrence of an ambiguous hour.
            return local;
        }

        var timeOfDay = IsWorkingDay(startDate) ? TimeOnly.FromDateTime(local.DateTime) : WorkingDayStart;
        return AtLocalTime(dueDate.ToDateTime(timeOfDay));
    }

    /// <summary>The number of working days after <paramref name="fromExclusive"/> up to and including <paramref name="toInclusive"/>.</summary>
    /// <param name="fromExclusive">The day before the first day counted.</param>
    /// <param name="toInclusive">The last day counted.</param>
    /// <returns>
    /// The count, 0 when <paramref name="toInclusive"/> is not after <paramref name="fromExclusive"/>. For a working
    /// day <c>d</c>, <c>CountWorkingDays(d, AddWorkingDays(d, n)) == n</c>.
    /// </returns>
    public int CountWorkingDays(DateOnly fromExclusive, DateOnly toInclusive)
    {
        if (toInclusive <= fromExclusive)
        {
            return 0;
        }

        // Counted arithmetically rather than day by day, because dashboards count over long periods.
        var count = WeekdaysUpTo(toInclusive) - WeekdaysUpTo(fromExclusive);
        for (var year = fromExclusive.AddDays(1).Year; year <= toInclusive.Year; year++)
        {
            foreach (var holiday in DutchPublicHolidays.WeekdayDates(year, Options))
            {
                if (holiday > fromExclusive && holiday <= toInclusive)
                {
                    count--;
                }
            }
        }

        return count;
    }

    private static void ThrowIfNegative(int days)
    {
        if (days < 0)
        {
            throw new ArgumentOutOfRangeException(
                nameof(days), days, $"The number of working days must be zero or more (got {days}).");
        }
    }

    // Monday to Friday from 1 January 0001 (a Monday, day number 0) up to and including the date.
    private static int WeekdaysUpTo(DateOnly date)
    {
        var days = date.DayNumber + 1;
        return (days / 7 * 5) + Math.Min(days % 7, 5);
    }

    private DateOnly OnOrNextWorkingDay(DateOnly date)
    {
        while (!IsWorkingDay(date))
        {
            date = date.AddDays(1);
        }

        return date;
    }

    private DateTimeOffset AtLocalTime(DateTime local)
    {
        if (TimeZone.IsInvalidTime(local))
        {
            // The clock jumps over this time. Reading it with the offset in force before the jump lands the same
            // distance after the jump (02:30 in a 02:00 → 03:00 jump becomes 03:30). A day earlier is safely before it.
            var offsetBefore = TimeZone.GetUtcOffset(local.AddDays(-1));
            return TimeZoneInfo.ConvertTime(new DateTimeOffset(local, offsetBefore), TimeZone);
        }

        if (TimeZone.IsAmbiguousTime(local))
        {
            // The clock shows this time twice; the first occurrence, with the larger offset, is the earlier and so
            // the stricter due moment.
            return new DateTimeOffset(local, TimeZone.GetAmbiguousTimeOffsets(local).Max());
        }

        return new DateTimeOffset(local, TimeZone.GetUtcOffset(local));
    }
}
