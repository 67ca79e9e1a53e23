namespace Coordination.Domain.Common;

/// <summary>
/// Which of the disputed Dutch public holidays count as non-working days. The Algemene termijnenwet lists Good
/// Friday and Liberation Day, but collective labour agreements differ: many organisations work on Good Friday, and
/// many give Liberation Day off only in lustrum years. Counting both every year is a modelling assumption of this
/// application, so it is configurable rather than hard-coded.
/// </summary>
public sealed record HolidayOptions
{
    /// <summary>Good Friday and Liberation Day every year: the Algemene termijnenwet as written.</summary>
    public static HolidayOptions Default { get; } = new();

    /// <summary>Whether Goede Vrijdag (Good Friday) is a holiday. Defaults to <see langword="true"/>.</summary>
    public bool IncludeGoodFriday { get; init; } = true;

    /// <summary>In which years Bevrijdingsdag (5 May) is a holiday. Defaults to every year.</summary>
    public LiberationDayPolicy LiberationDay { get; init; } = LiberationDayPolicy.EveryYear;
}

/// <summary>In which years Bevrijdingsdag (Liberation Day, 5 May) counts as a holiday.</summary>
public enum LiberationDayPolicy
{
    /// <summary>Every year.</summary>
    EveryYear,

    /// <summary>Only in lustrum years (the year is divisible by 5: 2025, 2030, ...).</summary>
    LustrumYearsOnly,

    /// <summary>Never.</summary>
    Never,
}
