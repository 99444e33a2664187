using InvestTrack.Data;
using InvestTrack.Features.Supervision;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Warnings;

/// <summary>
/// The stored warnings as the user may see them: every query goes through the unit filter of <see cref="WarningItem"/>
/// (a county sees its own and its zones' projects, leads and unit row), so another unit's warning is "not found".
/// </summary>
public sealed class WarningReads(IDbContextFactory<AppDbContext> dbFactory, IStringLocalizer<WarningResource> t)
{
    public const int MaxPageSize = 200;

    /// <summary>The 旬 of the latest stored run (the runs are the city's; only their keys are read here).</summary>
    public async Task<string?> LatestXunAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.WarningRuns.AsNoTracking().OrderByDescending(r => r.Xun).Select(r => r.Xun).FirstOrDefaultAsync(ct);
    }

    /// <summary>The 旬 that have a stored run, newest first (for the 旬 picker).</summary>
    public async Task<IReadOnlyList<string>> RunXunsAsync(int take = 36, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.WarningRuns.AsNoTracking().OrderByDescending(r => r.Xun).Select(r => r.Xun).Take(take).ToListAsync(ct);
    }

    public async Task<WarningPage> PageAsync(WarningFilter filter, CancellationToken ct = default)
    {
        var xun = filter.Xun ?? await LatestXunAsync(ct);
        if (xun is null) return new WarningPage(null, null, [], 0, 1, filter.PageSize);
        await using var db = dbFactory.CreateDbContext();
        var query = Filtered(db, filter with { Xun = xun });
        var total = await query.CountAsync(ct);
        var size = Math.Clamp(filter.PageSize, 1, MaxPageSize);
        var skip = Kernel.Paging.Skip(filter.Page, size);
        var rows = skip is null ? [] : await RowsAsync(db, Sorted(db, query, filter.Sort).Skip(skip.Value).Take(size), ct);
        return new WarningPage(xun, WarningText.Label(xun), rows, total, Math.Max(filter.Page, 1), size);
    }

    /// <summary>Every row of the filter (an export), up to <paramref name="max"/>.</summary>
    public async Task<IReadOnlyList<WarningRow>> AllAsync(WarningFilter filter, int max, CancellationToken ct = default)
    {
        var xun = filter.Xun ?? await LatestXunAsync(ct);
        if (xun is null) return [];
        await using var db = dbFactory.CreateDbContext();
        return await RowsAsync(db, Sorted(db, Filtered(db, filter with { Xun = xun }), filter.Sort).Take(max), ct);
    }

    /// <summary>One warning, any colour; null when missing or outside the user's units.</summary>
    public async Task<WarningRow?> FindAsync(string xun, WarningKind kind, int subjectId, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var rows = await RowsAsync(db, db.WarningItems.AsNoTracking().Where(i => i.Xun == xun && i.Kind == kind && i.SubjectId == subjectId), ct);
        return rows.SingleOrDefault();
    }

    /// <summary>A subject's shown colour in each of the last <paramref name="count"/> runs, oldest first (the strip).</summary>
    public async Task<IReadOnlyList<XunColour>> HistoryAsync(WarningKind kind, int subjectId, int count = 18, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var runs = await db.WarningRuns.AsNoTracking().OrderByDescending(r => r.Xun).Select(r => r.Xun).Take(count).ToListAsync(ct);
        if (runs.Count == 0) return [];
        var oldest = runs[^1];
        var colours = await db.WarningItems.AsNoTracking().Where(i => i.Kind == kind && i.SubjectId == subjectId && string.Compare(i.Xun, oldest) >= 0)
            .Select(i => new { i.Xun, i.Shown }).ToDictionaryAsync(i => i.Xun, i => i.Shown, ct);
        return [.. runs.AsEnumerable().Reverse().Select(x => new XunColour(x, WarningText.Label(x), colours.TryGetValue(x, out var c) ? c : null))];
    }

    private static IQueryable<WarningItem> Filtered(AppDbContext db, WarningFilter f)
    {
        var query = db.WarningItems.AsNoTracking().Where(i => i.Xun == f.Xun && i.Shown != WarningColour.Green);
        if (f.Colour is { } colour) query = query.Where(i => i.Shown == colour);
        if (f.Kind is { } kind) query = query.Where(i => i.Kind == kind);
        if (f.UnitId is { } unit) query = query.Where(i => i.UnitId == unit);
        if (!string.IsNullOrWhiteSpace(f.Rule))
            query = query.Where(i => db.WarningRuleResults.Any(r => r.Xun == i.Xun && r.Kind == i.Kind && r.SubjectId == i.SubjectId && r.RuleId == f.Rule && r.Colour != WarningColour.Green));
        if (f.State is { } state)
        {
            var handled = db.WarningHandlings.Where(h => h.Xun == f.Xun);
            query = state == HandlingState.Open
                ? query.Where(i => !handled.Any(h => h.Kind == i.Kind && h.SubjectId == i.SubjectId && h.State != HandlingState.Open))
                : query.Where(i => handled.Any(h => h.Kind == i.Kind && h.SubjectId == i.SubjectId && h.State == state));
        }
        return query;
    }

    private static IQueryable<WarningItem> Sorted(AppDbContext db, IQueryable<WarningItem> query, WarningSort sort) => sort switch
    {
        WarningSort.Unit => query.OrderBy(i => db.Units.Where(u => u.Id == i.UnitId).Select(u => u.SortOrder).FirstOrDefault()).ThenBy(i => i.UnitId)
            .ThenByDescending(i => i.Shown).ThenBy(i => i.Kind).ThenBy(i => i.SubjectId),
        WarningSort.Kind => query.OrderBy(i => i.Kind).ThenByDescending(i => i.Shown).ThenBy(i => i.UnitId).ThenBy(i => i.SubjectId),
        WarningSort.Subject => query.OrderBy(i => i.Kind).ThenBy(i => i.SubjectId),
        _ => query.OrderByDescending(i => i.Shown).ThenBy(i => i.Kind).ThenBy(i => i.UnitId).ThenBy(i => i.SubjectId),
    };

    /// <summary>The rows of the given items in their order, with names, handling and rule results read in a few queries.</summary>
    private async Task<List<WarningRow>> RowsAsync(AppDbContext db, IQueryable<WarningItem> items, CancellationToken ct)
    {
        var list = await items.ToListAsync(ct);
        if (list.Count == 0) return [];
        var xuns = list.Select(i => i.Xun).Distinct().ToList();
        var subjects = list.Select(i => i.SubjectId).Distinct().ToList();
        var unitIds = list.Select(i => i.UnitId).Distinct().ToList();
        var projectIds = list.Where(i => i.Kind == WarningKind.Project).Select(i => i.SubjectId).ToList();
        var leadIds = list.Where(i => i.Kind == WarningKind.Lead).Select(i => i.SubjectId).ToList();
        var keys = list.Select(i => (i.Xun, i.Kind, i.SubjectId)).ToHashSet();
        var units = await db.Units.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        var projects = projectIds.Count == 0 ? [] : await db.Projects.AsNoTracking().Where(p => projectIds.Contains(p.Id))
            .Select(p => new { p.Id, p.Name, p.Code }).ToDictionaryAsync(p => p.Id, ct);
        var leads = leadIds.Count == 0 ? [] : await db.Leads.AsNoTracking().Where(l => leadIds.Contains(l.Id)).ToDictionaryAsync(l => l.Id, l => l.Name, ct);
        var handlings = (await db.WarningHandlings.AsNoTracking().Where(h => xuns.Contains(h.Xun) && subjects.Contains(h.SubjectId)).ToListAsync(ct))
            .Where(h => keys.Contains((h.Xun, h.Kind, h.SubjectId))).ToDictionary(h => (h.Xun, h.Kind, h.SubjectId));
        var results = (await db.WarningRuleResults.AsNoTracking().Where(r => xuns.Contains(r.Xun) && subjects.Contains(r.SubjectId)).ToListAsync(ct))
            .Where(r => keys.Contains((r.Xun, r.Kind, r.SubjectId))).ToLookup(r => (r.Xun, r.Kind, r.SubjectId));
        return [.. list.Select(i =>
        {
            var h = handlings.GetValueOrDefault((i.Xun, i.Kind, i.SubjectId));
            var rules = results[(i.Xun, i.Kind, i.SubjectId)].OrderByDescending(x => x.Colour).ThenBy(x => x.RuleId, StringComparer.Ordinal)
                .Select(x => new WarningRuleView(x.RuleId, WarningText.RuleName(t, x.RuleId), x.Colour, WarningText.Sentence(t, x),
                    x.Item, x.Date, x.Days, x.WorkingDaysLeft, x.Months, x.Actual, x.Target, x.Completion, x.Pace)).ToList();
            var unitName = units.GetValueOrDefault(i.UnitId) ?? "";
            var project = projects.GetValueOrDefault(i.SubjectId);
            var name = i.Kind switch { WarningKind.Project => project?.Name, WarningKind.Lead => leads.GetValueOrDefault(i.SubjectId), _ => unitName } ?? $"#{i.SubjectId}";
            return new WarningRow(i.Xun, WarningText.Label(i.Xun), i.Kind, i.SubjectId, name, i.Kind == WarningKind.Project ? project?.Code : null, i.UnitId, unitName,
                i.Raw, i.Shown, i.PreviousShown, rules, h?.State ?? HandlingState.Open, h?.AcknowledgedBy, h?.AcknowledgedAt, h?.AcknowledgeNote,
                h?.ResolvedBy, h?.ResolvedAt, h?.ResolveNote, h?.Version ?? 0);
        })];
    }
}
