using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Audit;

/// <summary>
/// Names the records a page of the trail is about. The name comes from the trail itself (the newest entry of that
/// record that carries a naming field), so the auditor, who may read the trail but no business record, sees what
/// the trail already holds and nothing more, and a deleted record keeps its name. A link is offered only where the
/// reader may open the record and it still exists in the reader's unit scope.
/// </summary>
public sealed class AuditObjects(IDbContextFactory<AppDbContext> dbFactory, CurrentUser user)
{
    /// <summary>The fields that name a record, best first ("code" is how order transitions record the order's number).</summary>
    private static readonly string[] NamingFields = ["Name", "DisplayName", "Code", "code", "FileName", "InvestorName", "ProjectName"];

    /// <summary>The newest entries read per kind: names change rarely, so this bounds a pathological record, not a normal one.</summary>
    private const int MaxEntriesPerKind = 2000;

    private static readonly Dictionary<string, Func<AppDbContext, List<int>, IQueryable<int>>> Existing = new()
    {
        [nameof(Projects.Project)] = (db, ids) => db.Projects.Where(x => ids.Contains(x.Id)).Select(x => x.Id),
        [nameof(Companies.Company)] = (db, ids) => db.Companies.Where(x => ids.Contains(x.Id)).Select(x => x.Id),
        [nameof(Leads.Lead)] = (db, ids) => db.Leads.Where(x => ids.Contains(x.Id)).Select(x => x.Id),
        [nameof(Activities.Activity)] = (db, ids) => db.Activities.Where(x => ids.Contains(x.Id)).Select(x => x.Id),
        [nameof(SupervisionOrders.SupervisionOrder)] = (db, ids) => db.SupervisionOrders.Where(x => ids.Contains(x.Id)).Select(x => x.Id),
        [nameof(WeeklyDispatch.CoordinationProblem)] = (db, ids) => db.CoordinationProblems.Where(x => ids.Contains(x.Id)).Select(x => x.Id),
    };

    private static readonly Dictionary<string, string> Paths = new()
    {
        [nameof(Projects.Project)] = "/projects/",
        [nameof(Companies.Company)] = "/companies/",
        [nameof(Leads.Lead)] = "/leads/",
        [nameof(Activities.Activity)] = "/activities/",
        [nameof(SupervisionOrders.SupervisionOrder)] = "/orders/",
        [nameof(WeeklyDispatch.CoordinationProblem)] = "/problems/",
    };

    public async Task<IReadOnlyList<AuditRow>> NameAsync(IReadOnlyList<AuditRow> rows, CancellationToken ct = default)
    {
        var wanted = rows.Where(r => r.ObjectType is not null && r.ObjectId is not null)
            .GroupBy(r => r.ObjectType!, r => r.ObjectId!)
            .ToDictionary(g => g.Key, g => g.Distinct().ToList());
        if (wanted.Count == 0) return rows;

        await using var db = dbFactory.CreateDbContext();
        var names = new Dictionary<(string, string), string>();
        var links = new HashSet<(string, string)>();
        foreach (var (type, ids) in wanted)
        {
            foreach (var (id, name) in await NamesAsync(db, type, ids, ct)) names[(type, id)] = name;
            foreach (var id in await OpenableAsync(db, type, ids, ct)) links.Add((type, id));
        }
        return rows.Select(r => r.ObjectType is { } t && r.ObjectId is { } i
            ? r with { ObjectName = names.GetValueOrDefault((t, i)), ObjectLink = links.Contains((t, i)) ? Paths[t] + i : null }
            : r).ToList();
    }

    private static async Task<Dictionary<string, string>> NamesAsync(AppDbContext db, string type, List<string> ids, CancellationToken ct)
    {
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(a => a.ObjectType == type && ids.Contains(a.ObjectId!)
                && ((a.NewValues != null && (a.NewValues.Contains("Name\":") || a.NewValues.Contains("ode\":")))
                    || (a.OldValues != null && (a.OldValues.Contains("Name\":") || a.OldValues.Contains("ode\":")))))
            .OrderByDescending(a => a.Id).Take(MaxEntriesPerKind)
            .Select(a => new { a.ObjectId, a.NewValues, a.OldValues })
            .ToListAsync(ct);
        var result = new Dictionary<string, string>();
        foreach (var e in entries)
        {
            if (result.ContainsKey(e.ObjectId!)) continue;
            if ((NameIn(e.NewValues) ?? NameIn(e.OldValues)) is { } name) result[e.ObjectId!] = name;
        }
        return result;
    }

    /// <summary>The first naming field of a JSON object of values, or null.</summary>
    public static string? NameIn(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return null;
        try
        {
            using var doc = JsonDocument.Parse(json);
            if (doc.RootElement.ValueKind != JsonValueKind.Object) return null;
            foreach (var field in NamingFields)
                if (doc.RootElement.TryGetProperty(field, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text)
                    return text;
            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The ids the reader may open: the record still exists in the reader's unit scope, and the role views records.</summary>
    private async Task<List<string>> OpenableAsync(AppDbContext db, string type, List<string> ids, CancellationToken ct)
    {
        if (!user.Can(Operation.ViewRecords) || !Existing.TryGetValue(type, out var query)) return [];
        var numbers = ids.Select(i => int.TryParse(i, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : 0)
            .Where(n => n > 0).ToList();
        if (numbers.Count == 0) return [];
        var found = await query(db, numbers).ToListAsync(ct);
        return found.Select(n => n.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
    }
}
