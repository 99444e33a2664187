using InvestTrack.Features.ReferenceData;

namespace InvestTrack.Features.Activities;

/// <summary>A destination as parsed: its codes and the text shown.</summary>
public sealed record ParsedDestination(string ProvinceCode, string? CityCode, string Display);

/// <summary>A counterpart as parsed from 类型:名称.</summary>
public sealed record ParsedCounterpart(CounterpartType Type, string Name);

/// <summary>What is wrong with one entry of a 目的地 or 对接对象 cell; the entry is quoted in the message.</summary>
public enum EntryProblem { None, UnknownPlace, Abroad, NoType, UnknownType, NoName, NameTooLong }

/// <summary>
/// The words and lists of the 活动 sheet (import.md), shared by the import, the form and the API: places and
/// counterparts separated by ；or ;, each counterpart 类型:名称 (a full-width ：is read alike).
/// </summary>
public static class ActivityText
{
    public static readonly IReadOnlyDictionary<string, ActivityKind> Kinds = new Dictionary<string, ActivityKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["走出去"] = ActivityKind.Outbound, ["outbound"] = ActivityKind.Outbound,
        ["请进来"] = ActivityKind.Inbound, ["inbound"] = ActivityKind.Inbound,
    };

    public static readonly IReadOnlyDictionary<string, LeaderLevel> Levels = new Dictionary<string, LeaderLevel>(StringComparer.OrdinalIgnoreCase)
    {
        ["市级"] = LeaderLevel.City, ["city"] = LeaderLevel.City,
        ["县级"] = LeaderLevel.County, ["county"] = LeaderLevel.County,
        ["部门"] = LeaderLevel.Department, ["department"] = LeaderLevel.Department,
    };

    public static readonly IReadOnlyDictionary<string, CounterpartType> Types = new Dictionary<string, CounterpartType>(StringComparer.OrdinalIgnoreCase)
    {
        ["企业"] = CounterpartType.Company, ["商协会"] = CounterpartType.Association, ["高校"] = CounterpartType.University,
        ["产业园区"] = CounterpartType.IndustrialPark, ["政府"] = CounterpartType.Government,
    };

    public static string KindName(ActivityKind kind) => kind == ActivityKind.Outbound ? "走出去" : "请进来";

    public static string LevelName(LeaderLevel level) => level switch
    {
        LeaderLevel.City => "市级",
        LeaderLevel.County => "县级",
        _ => "部门",
    };

    public static string TypeName(CounterpartType type) => type switch
    {
        CounterpartType.Company => "企业",
        CounterpartType.Association => "商协会",
        CounterpartType.University => "高校",
        CounterpartType.IndustrialPark => "产业园区",
        _ => "政府",
    };

    /// <summary>The entries of a list cell: split at ；and ;, trimmed, blanks dropped.</summary>
    public static IEnumerable<string> Entries(string? text) =>
        string.IsNullOrWhiteSpace(text) ? []
        : text.Split(['；', ';'], StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Where(e => e.Trim('\u3000').Length > 0).Select(e => e.Trim('\u3000'));

    /// <summary>
    /// One destination: a province-level name optionally followed by a city. A country is refused (a destination
    /// abroad is not what the sheet counts), and so is anything the reference data does not know.
    /// </summary>
    public static (ParsedDestination? Destination, EntryProblem Problem) Destination(Places places, string entry)
    {
        var place = places.Parse(entry);
        if (place is null) return (null, EntryProblem.UnknownPlace);
        if (place.ProvinceCode is null) return (null, EntryProblem.Abroad);
        return (new ParsedDestination(place.ProvinceCode, place.CityCode, place.Display), EntryProblem.None);
    }

    /// <summary>Every destination of a cell, or the first entry that fails with its problem.</summary>
    public static (List<ParsedDestination> Destinations, string? Failed, EntryProblem Problem) Destinations(Places places, string? text)
    {
        var list = new List<ParsedDestination>();
        foreach (var entry in Entries(text))
        {
            var (d, problem) = Destination(places, entry);
            if (d is null) return (list, entry, problem);
            list.Add(d);
        }
        return (list, null, EntryProblem.None);
    }

    /// <summary>One counterpart 类型:名称; the name is trimmed and kept as written (distinct counts compare it exactly).</summary>
    public static (ParsedCounterpart? Counterpart, EntryProblem Problem) Counterpart(string entry)
    {
        var colon = entry.IndexOfAny([':', '：']);
        if (colon < 0) return (null, EntryProblem.NoType);
        var type = entry[..colon].Trim().Trim('\u3000');
        var name = entry[(colon + 1)..].Trim().Trim('\u3000');
        if (type.Length == 0) return (null, EntryProblem.NoType);
        if (!Types.TryGetValue(type, out var t)) return (null, EntryProblem.UnknownType);
        if (name.Length == 0) return (null, EntryProblem.NoName);
        if (name.Length > ActivityConfiguration.NameMaxLength) return (null, EntryProblem.NameTooLong);
        return (new ParsedCounterpart(t, name), EntryProblem.None);
    }

    public static (List<ParsedCounterpart> Counterparts, string? Failed, EntryProblem Problem) Counterparts(string? text)
    {
        var list = new List<ParsedCounterpart>();
        foreach (var entry in Entries(text))
        {
            var (c, problem) = Counterpart(entry);
            if (c is null) return (list, entry, problem);
            list.Add(c);
        }
        return (list, null, EntryProblem.None);
    }

    /// <summary>A list as the sheet writes it: 企业:名称；商协会:名称.</summary>
    public static string Format(IEnumerable<ParsedCounterpart> counterparts) =>
        string.Join('；', counterparts.Select(c => $"{TypeName(c.Type)}:{c.Name}"));

    public static string Format(IEnumerable<ParsedDestination> destinations) => string.Join('；', destinations.Select(d => d.Display));
}
