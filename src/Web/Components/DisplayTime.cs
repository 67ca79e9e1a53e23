namespace Coordination.Web.Components;

/// <summary>
/// Shows moments in Dutch time whatever the server's time zone: the users are in the Netherlands, and on Blazor Server
/// "local time" would be the server's.
/// </summary>
public static class DisplayTime
{
    private static readonly TimeZoneInfo _amsterdam = TimeZoneInfo.FindSystemTimeZoneById("Europe/Amsterdam");

    /// <summary>The moment in Europe/Amsterdam time.</summary>
    public static DateTimeOffset ToAmsterdam(this DateTimeOffset moment) => TimeZoneInfo.ConvertTime(moment, _amsterdam);

    /// <summary>The moment in Europe/Amsterdam time, or null.</summary>
    public static DateTimeOffset? ToAmsterdam(this DateTimeOffset? moment) => moment is { } m ? m.ToAmsterdam() : null;
}
