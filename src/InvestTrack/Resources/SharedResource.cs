using System.Globalization;
using System.Resources;

namespace InvestTrack.Resources;

/// <summary>
/// Marker for the shared UI strings (SharedResource.resx in Chinese, SharedResource.en.resx in English). The static
/// lookup serves code that has no IStringLocalizer, such as the DbContext's text checks.
/// </summary>
public sealed class SharedResource
{
    private static readonly ResourceManager Manager = new("InvestTrack.Resources.SharedResource", typeof(SharedResource).Assembly);

    /// <summary>The string of a key in the current UI language (the key itself when missing).</summary>
    public static string Text(string key) => Manager.GetString(key, CultureInfo.CurrentUICulture) ?? key;
}
