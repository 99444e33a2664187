using System.Globalization;
using System.Resources;

namespace InvestTrack.Resources;

/// <summary>
/// Strings of the project pages and service (ProjectResource.resx Chinese, .en.resx English). The static
/// properties serve DataAnnotations (ErrorMessageResourceType), which cannot use an IStringLocalizer.
/// </summary>
public sealed class ProjectResource
{
    private static readonly ResourceManager Manager = new("InvestTrack.Resources.ProjectResource", typeof(ProjectResource).Assembly);

    private static string Get(string key) => Manager.GetString(key, CultureInfo.CurrentUICulture) ?? key;

    public static string Required => Get("Error.Required");
    public static string TooLong => Get("Error.TooLong");
    public static string AmountNegative => Get("Error.AmountNegative");
}
