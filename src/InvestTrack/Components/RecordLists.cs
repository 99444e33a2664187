using InvestTrack.Resources;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Components;

/// <summary>
/// The lists that records' pages sit under, named as the menu names them: the middle step of the breadcrumbs and the way
/// back from a record that is not there. Each is a page every user who reads records may open (a unit test checks).
/// </summary>
public static class RecordLists
{
    public sealed record Entry(string Path, Type Resource, string Key);

    public static readonly IReadOnlyList<Entry> All =
    [
        new("/projects", typeof(SharedResource), "Nav.Projects"),
        new("/companies", typeof(CompanyResource), "Companies.Title"),
        new("/leads", typeof(LeadResource), "List.Title"),
        new("/activities", typeof(ActivityResource), "Nav.Activities"),
        new("/events", typeof(NetworkResource), "Events.Title"),
        new("/talents", typeof(NetworkResource), "Talents.Title"),
        new("/workstations", typeof(NetworkResource), "Workstations.Title"),
        new("/agencies", typeof(NetworkResource), "Agencies.Title"),
        new("/weekly-dispatch", typeof(WeeklyDispatchResource), "Nav.Dispatch"),
        new("/problems", typeof(WeeklyDispatchResource), "Nav.Problems"),
        new("/orders", typeof(SupervisionOrderResource), "Nav.Orders"),
        new("/bulletins", typeof(BulletinResource), "List.Title"),
        new("/warnings", typeof(WarningResource), "List.Title"),
        new("/funds", typeof(FundsResource), "Funds.Nav"),
    ];

    /// <summary>The list a page's address lies under (its first segment), with its name in the current language; null for none.</summary>
    /// <param name="relativePath">The address without the base, as NavigationManager.ToBaseRelativePath gives it ("projects/12?x=1").</param>
    public static (string Path, string Text)? Of(string relativePath, IStringLocalizerFactory localizers)
    {
        var first = "/" + relativePath.Split('/', '?', '#')[0];
        return All.FirstOrDefault(e => e.Path == first) is { } entry ? (entry.Path, localizers.Create(entry.Resource)[entry.Key].Value) : null;
    }
}
