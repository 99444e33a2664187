using InvestTrack.Features.ReferenceData;

namespace InvestTrack.Features.Projects;

/// <summary>The list filter as URL query parameters, both ways (the page, the export links, bookmarks).</summary>
public static class ProjectListUrl
{
    public static ProjectFilter Parse(string? q, string? stage, string? status, int? unit, int? industry, string? tier, string? origin,
        int? year, string? leader, string? sort, bool? desc, int? page) => new(
            Text: string.IsNullOrWhiteSpace(q) ? null : q.Trim(),
            Stage: Enum.TryParse<ProjectStage>(stage, out var s) && Enum.IsDefined(s) ? s : null,
            UnitId: unit,
            Status: Enum.TryParse<ProjectStatus>(status, out var st) && Enum.IsDefined(st) ? st : null,
            IndustryId: industry,
            Tier: Enum.TryParse<InvestmentTier>(tier, out var t) && Enum.IsDefined(t) ? t : null,
            Origin: Enum.TryParse<OriginClass>(origin, out var o) && Enum.IsDefined(o) ? o : null,
            SignedYear: year is >= 1900 and <= 2200 ? year : null,
            Leader: string.IsNullOrWhiteSpace(leader) ? null : leader.Trim(),
            Sort: Enum.TryParse<ProjectSort>(sort, out var so) && Enum.IsDefined(so) ? so : ProjectSort.Code,
            Descending: desc ?? false,
            Page: Math.Max(page ?? 1, 1));

    public static Dictionary<string, object?> ToQuery(ProjectFilter f) => new()
    {
        ["q"] = f.Text,
        ["stage"] = f.Stage?.ToString(),
        ["status"] = f.Status?.ToString(),
        ["unit"] = f.UnitId,
        ["industry"] = f.IndustryId,
        ["tier"] = f.Tier?.ToString(),
        ["origin"] = f.Origin?.ToString(),
        ["year"] = f.SignedYear,
        ["leader"] = f.Leader,
        ["sort"] = f.Sort == ProjectSort.Code ? null : f.Sort.ToString(),
        ["desc"] = f.Descending ? "true" : null,
        ["page"] = f.Page > 1 ? f.Page : null,
    };
}
