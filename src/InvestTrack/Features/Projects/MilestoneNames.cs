using InvestTrack.Resources;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Projects;

/// <summary>
/// A milestone's or plan step's name in the user's language. The built-in kinds are stored by their Chinese names (立项,
/// 施工许可, and the steps that close from the project's dates, 签约, 开工, 竣工投产): those read in English in English. A name
/// the city configured is shown as it was written.
/// </summary>
public static class MilestoneNames
{
    private static readonly Dictionary<string, string> Keys = new(StringComparer.Ordinal)
    {
        ["立项"] = "MilestoneKind.Approval",
        ["用地"] = "MilestoneKind.Land",
        ["规划"] = "MilestoneKind.Planning",
        ["施工许可"] = "MilestoneKind.ConstructionPermit",
        ["签约"] = "MilestoneKind.Signing",
        ["开工"] = "MilestoneKind.Start",
        ["竣工"] = "MilestoneKind.Completion",
        ["投产"] = "MilestoneKind.Production",
        ["竣工投产"] = "MilestoneKind.CompletionProduction",
    };

    public static string Of(string kind, IStringLocalizer<ProjectResource> p) => Keys.TryGetValue(kind, out var key) ? p[key] : kind;

    /// <summary>The resource keys of the built-in names (a unit test checks both languages have them).</summary>
    public static IEnumerable<string> ResourceKeys => Keys.Values;
}
