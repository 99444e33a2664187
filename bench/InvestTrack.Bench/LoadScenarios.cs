using System.Text.Json;

namespace InvestTrack.Bench;

/// <summary>A signed-in virtual user: its session, the project ids its account may see, its own random choices.</summary>
public sealed class LoadUser(LoadSession session, IReadOnlyList<int> projectIds, int seed)
{
    public LoadSession Session => session;
    public IReadOnlyList<int> ProjectIds => projectIds;
    public Random Random { get; } = new(seed);

    /// <summary>Answers this user has had in the current run; the first and every K-th one have their body checked.</summary>
    public int Answers { get; set; }
}

/// <summary>
/// What a virtual user asks for again and again, and how a real answer looks: a fast error page, an empty shell or a
/// login form must never count as a success.
/// </summary>
public sealed record LoadScenario(string Name, string What, Func<LoadUser, string> Path, Func<string, string, bool> Looks)
{
    /// <summary>The scenarios of issue 10 item 6. Pages render on the server before any circuit opens (prerendering), and these
    /// compute their figures in that first render, so a GET of the page costs what the figures cost.</summary>
    public static LoadScenario Of(string name, int year, int month, IReadOnlyList<string> terms) => name switch
    {
        "dashboard" => new(name, $"GET /dashboard?year={year}&month={month} (the page, figures computed in its prerender)",
            _ => $"/dashboard?year={year}&month={month}",
            (_, body) => body.Contains("data-testid=\"kpi-Funds-value\"", StringComparison.Ordinal) && !body.Contains("data-testid=\"dashboard-error\"", StringComparison.Ordinal)),
        "dashboard-api" => new(name, $"GET /api/dashboard?year={year}&month={month}",
            _ => $"/api/dashboard?year={year}&month={month}",
            (_, body) => Json(body, root => root.GetProperty("kpis").GetArrayLength() > 0 && root.GetProperty("kpis")[0].TryGetProperty("value", out JsonElement _))),
        "dispatch" => new(name, $"GET /reports/dispatch?year={year}&month={month} (the page: figures and paragraph in its prerender)",
            _ => $"/reports/dispatch?year={year}&month={month}",
            (_, body) => body.Contains("data-testid=\"dispatch-paragraph\"", StringComparison.Ordinal)),
        "dispatch-api" => new(name, $"GET /api/reports/dispatch?year={year}&month={month} (figures, paragraph and the project list)",
            _ => $"/api/reports/dispatch?year={year}&month={month}",
            (_, body) => body.StartsWith('{') && body.Contains("\"inScope\":", StringComparison.Ordinal)),
        "search" => new(name, $"GET /api/projects?q=TERM (the list's text search, {terms.Count} terms drawn from the data)",
            user => $"/api/projects?q={Uri.EscapeDataString(terms[user.Random.Next(terms.Count)])}",
            (_, body) => Json(body, root => root.GetProperty("rows").ValueKind == JsonValueKind.Array && root.GetProperty("total").GetInt32() >= 0)),
        "project" => new(name, "GET /projects/{id} (the project page) for random ids in the user's scope",
            user => $"/projects/{user.ProjectIds[user.Random.Next(user.ProjectIds.Count)]}",
            (_, body) => body.Contains("data-testid=\"project-name\"", StringComparison.Ordinal)),
        "project-api" => new(name, "GET /api/projects/{id} for random ids in the user's scope",
            user => $"/api/projects/{user.ProjectIds[user.Random.Next(user.ProjectIds.Count)]}",
            (path, body) => Json(body, root => $"/api/projects/{root.GetProperty("id").GetInt32()}" == path)),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "unknown scenario"),
    };

    private static bool Json(string body, Func<JsonElement, bool> check)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return check(document.RootElement);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or IndexOutOfRangeException)
        {
            return false;
        }
    }
}
