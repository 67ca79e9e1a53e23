using Microsoft.Extensions.Localization;

namespace Coordination.Web.Components.Pages.Tasks;

/// <summary>How long a task has existed, as the queues show it: whole days, or hours on its first day.</summary>
internal static class TaskAge
{
    public static string Text(IStringLocalizer localizer, DateTimeOffset createdAt, DateTimeOffset now)
    {
        var age = now - createdAt;
        return age.TotalDays >= 1 ? localizer["AgeDays", (int)age.TotalDays] : localizer["AgeHours", Math.Max(0, (int)age.TotalHours)];
    }
}
