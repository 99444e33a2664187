using System.Runtime.CompilerServices;

namespace InvestTrack.BrowserTests;

/// <summary>
/// The server of these tests runs in this process, in the city's time zone, as docs/operations.md asks of a real server
/// (TZ=Asia/Shanghai): MudBlazor's calendars mark "today" by the server's local zone, while the app's rules count days in
/// China Standard Time. On a UTC machine after 16:00 UTC the calendar would mark yesterday.
/// </summary>
internal static class CityTimeZone
{
    [ModuleInitializer]
    internal static void Apply()
    {
        Environment.SetEnvironmentVariable("TZ", "Asia/Shanghai");
        TimeZoneInfo.ClearCachedData();
        if (TimeZoneInfo.Local.BaseUtcOffset != TimeSpan.FromHours(8))
            throw new InvalidOperationException($"the time zone Asia/Shanghai is not available (local zone {TimeZoneInfo.Local.Id}): install tzdata");
    }
}
