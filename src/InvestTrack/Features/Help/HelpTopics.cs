using System.Globalization;
using System.Reflection;

namespace InvestTrack.Features.Help;

/// <summary>A feature's help page: the addresses it explains (longest prefix wins) and the rules in docs/ it points to.</summary>
public sealed record HelpTopic(string Key, string[] Prefixes, string[] Rules);

/// <summary>
/// The help of each feature, written per language as Markdown beside this file (Topics/{key}.zh-CN.md and .en.md) and
/// compiled into the program with the rules in docs/, so the help can never drift from the build it describes.
/// </summary>
public static class HelpTopics
{
    public static readonly IReadOnlyList<HelpTopic> All =
    [
        new("workbench", ["/inbox", "/search", "/account"], []),
        new("projects", ["/projects"], ["statistics.md", "import-format.md"]),
        new("companies", ["/companies"], ["decisions/0004-companies.md"]),
        new("funds", ["/funds", "/projects/{id}/funds"], ["statistics.md", "decisions/0007-funds-year-totals.md"]),
        new("leads", ["/leads"], ["leads.md"]),
        new("activities", ["/activities", "/reports/activities"], ["statistics.md"]),
        new("network", ["/events", "/agencies", "/talents", "/workstations", "/talent-retention"], []),
        new("dashboard", ["/dashboard"], ["statistics.md", "decisions/0010-figures-cache.md"]),
        new("dispatch-report", ["/reports/dispatch"], ["statistics.md"]),
        new("targets", ["/targets"], ["statistics.md"]),
        new("weekly-dispatch", ["/weekly-dispatch", "/problems"], ["weekly-dispatch.md"]),
        new("node-plans", ["/plans"], ["node-plans.md"]),
        new("warnings", ["/warnings"], ["supervision.md"]),
        new("orders", ["/orders"], ["supervision-orders.md"]),
        new("assessment", ["/assessment"], ["supervision.md", "decisions/0012-published-rankings.md"]),
        new("bulletins", ["/bulletins"], ["bulletin.md"]),
        new("import", ["/import"], ["import-format.md"]),
        new("audit", ["/audit"], ["security.md"]),
        new("admin", ["/admin"], ["security.md", "decisions/0003-unit-scoping.md"]),
        new("api-tokens", ["/account/tokens"], ["security.md"]),
    ];

    /// <summary>The topic of an address (a path relative to the app, with or without its leading slash); the workbench's by default.</summary>
    public static HelpTopic For(string path)
    {
        var clean = "/" + path.Split('?', '#')[0].Trim('/');
        var generic = string.Join('/', clean.Split('/').Select(s => s.Length > 0 && s.All(char.IsAsciiDigit) ? "{id}" : s));
        return All.SelectMany(t => t.Prefixes.Select(p => (Topic: t, Prefix: p)))
            .Where(x => Starts(generic, x.Prefix))
            .OrderByDescending(x => x.Prefix.Length).Select(x => x.Topic).FirstOrDefault() ?? All[0];
    }

    private static bool Starts(string path, string prefix) =>
        path == prefix || path.StartsWith(prefix + "/", StringComparison.Ordinal);

    public static HelpTopic? Find(string key) => All.FirstOrDefault(t => t.Key == key);

    /// <summary>The topic's Markdown in the user's language (Chinese unless English is asked for).</summary>
    public static string? Text(HelpTopic topic, CultureInfo culture) =>
        Read($"help/{topic.Key}.{(Kernel.DisplayFormat.IsChinese(culture) ? "zh-CN" : "en")}.md");

    /// <summary>A rules document of docs/ by its path there (e.g. "statistics.md", "decisions/0006-statistics.md"), or null.</summary>
    public static string? Rules(string path) =>
        path.EndsWith(".md", StringComparison.Ordinal) && !path.Contains("..", StringComparison.Ordinal) ? Read("docs/" + path) : null;

    /// <summary>
    /// The compiled-in texts never change while the program runs: each is read once. Only texts that exist are kept, so
    /// that addresses made up by a visitor cannot grow the cache.
    /// </summary>
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, string> Texts = new(StringComparer.Ordinal);

    private static string? Read(string name)
    {
        if (Texts.TryGetValue(name, out var text)) return text;
        var read = ReadResource(name);
        if (read is not null) Texts.TryAdd(name, read);
        return read;
    }

    private static string? ReadResource(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(name);
        if (stream is null) return null;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
