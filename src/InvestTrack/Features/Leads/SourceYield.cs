using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Companies;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Leads;

/// <summary>What the yield is ranked by: source kind, referrer (with its kind), or talent workstation.</summary>
public enum YieldBy { Source, Referrer, Workstation }

/// <summary>
/// One source's yield: its leads, the projects converted from them, those signed, their 合同引资额 and audited funds
/// (all years, all sources, hundredths of a 万元) and the median days from registration to signing. A workstation row
/// carries the workstation's name when the reader may see it.
/// </summary>
public sealed record YieldRow(LeadSourceKind? Source, string? Referrer, int? WorkstationId, int Leads, int Projects, int Signed,
    long Contracted, long AuditedFunds, double? MedianDaysToSign, string? WorkstationName = null);

/// <summary>One page of a ranking and how many groups the whole ranking has (124 317 referrers at province size).</summary>
public sealed record YieldPage(IReadOnlyList<YieldRow> Rows, int Total, int Page, int PageSize);

/// <summary>
/// The yield of sources (issue 11): one grouped statement over the leads in the user's scope, each lead joined to its
/// project, ordered and paged in SQL; then, for the page's groups only, their audited funds and the median from their
/// signed leads' two dates. Audited funds are the
/// running year totals' Through12 (FundsYearTotal: audited records, every month of every year), as the statistics read them.
/// </summary>
public sealed class SourceYield(IReadDbContextFactory dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<LeadResource> t, TimeProvider clock)
{
    public const int MaxPageSize = 500;

    public async Task<YieldPage> RankAsync(YieldBy by, int? unitId = null, int page = 1, int pageSize = 50, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(Lead));
        (page, pageSize) = (Math.Max(page, 1), Math.Clamp(pageSize, 1, MaxPageSize));
        await using var db = dbFactory.CreateDbContext();
        var total = await CountAsync(db, by, unitId, ct);
        var rows = await ComputeAsync(db, by, unitId, ct, (page - 1) * pageSize, pageSize);
        return new YieldPage(rows, total, page, pageSize);
    }

    private sealed class Keyed
    {
        public int Kind { get; init; }
        public string? Text { get; init; }
        public int? Number { get; init; }
        public int? ProjectId { get; init; }
        public DateOnly RegisteredOn { get; init; }
    }

    private sealed record Key(int Kind, string? Text, int? Number);

    private static IQueryable<Keyed> KeyedLeads(AppDbContext db, YieldBy by, int? unitId)
    {
        var leads = db.Leads.AsNoTracking();
        if (unitId is { } u) leads = leads.Where(l => l.UnitId == u);
        return by switch
        {
            YieldBy.Referrer => leads.Where(l => l.Referrer != null)
                .Select(l => new Keyed { Kind = (int)l.SourceKind, Text = l.Referrer, Number = null, ProjectId = l.ProjectId, RegisteredOn = l.RegisteredOn }),
            YieldBy.Workstation => leads.Where(l => l.WorkstationId != null)
                .Select(l => new Keyed { Kind = 0, Text = null, Number = l.WorkstationId, ProjectId = l.ProjectId, RegisteredOn = l.RegisteredOn }),
            _ => leads.Select(l => new Keyed { Kind = (int)l.SourceKind, Text = null, Number = null, ProjectId = l.ProjectId, RegisteredOn = l.RegisteredOn }),
        };
    }

    /// <summary>How many groups the ranking has: the distinct keys of the leads alone, no joins.</summary>
    public static Task<int> CountAsync(AppDbContext db, YieldBy by, int? unitId, CancellationToken ct) =>
        KeyedLeads(db, by, unitId).Select(k => new { k.Kind, k.Text, k.Number }).Distinct().CountAsync(ct);

    /// <summary>
    /// The ranking (all of it, or `take` groups after `skip`), in the order of the page. The order needs no funds, so the
    /// audited funds are summed for the page's groups only, by their leads' projects (a project has at most one lead, and
    /// each year total one project: the sums are exact); at province size, summing every project's totals to rank 124 317
    /// referrers cost more than the ranking itself (bench/README.md, source yield).
    /// </summary>
    public static async Task<IReadOnlyList<YieldRow>> ComputeAsync(AppDbContext db, YieldBy by, int? unitId, CancellationToken ct, int skip = 0, int? take = null)
    {
        var keyed = KeyedLeads(db, by, unitId);
        var joined = from k in keyed
                     join p in db.Projects on k.ProjectId equals p.Id into ps
                     from p in ps.DefaultIfEmpty()
                     select new
                     {
                         k.Kind, k.Text, k.Number, Project = k.ProjectId != null ? 1 : 0,
                         Signed = p.SignedOn != null ? 1 : 0,
                         Contracted = p.ContractedInvestment ?? 0L,
                     };
        // Ties broken by the key, referrers in ordinal (code point) order on both databases.
        var collation = db.Database.IsNpgsql() ? "C" : "BINARY";
        var grouped = joined.GroupBy(j => new { j.Kind, j.Text, j.Number })
            .Select(g => new
            {
                g.Key.Kind, g.Key.Text, g.Key.Number, Leads = g.Count(), Projects = g.Sum(j => j.Project),
                Signed = g.Sum(j => j.Signed), Contracted = g.Sum(j => j.Contracted),
            })
            .OrderByDescending(r => r.Signed).ThenByDescending(r => r.Contracted).ThenByDescending(r => r.Projects).ThenByDescending(r => r.Leads)
            .ThenBy(r => r.Kind).ThenBy(r => EF.Functions.Collate(r.Text, collation)).ThenBy(r => r.Number);
        var paged = take is { } n ? grouped.Skip(skip).Take(n) : grouped;
        var counts = await paged.ToListAsync(ct);

        // Only the page's groups (their referrers or workstations; the source kinds are few), for the funds and the medians.
        IQueryable<Keyed> OfPage(Func<Key, bool> wanted)
        {
            if (take is null) return keyed;
            var keys = counts.Select(c => new Key(c.Kind, c.Text, c.Number)).Where(wanted).ToList();
            var (texts, numbers, kinds) = (keys.Where(k => k.Text != null).Select(k => k.Text!).Distinct().ToList(),
                keys.Where(k => k.Number != null).Select(k => k.Number!.Value).Distinct().ToList(), keys.Select(k => k.Kind).Distinct().ToList());
            return by switch
            {
                YieldBy.Referrer => keyed.Where(k => texts.Contains(k.Text!)),
                YieldBy.Workstation => keyed.Where(k => numbers.Contains(k.Number!.Value)),
                _ => keyed.Where(k => kinds.Contains(k.Kind)),
            };
        }
        var projectsBy = counts.Where(c => c.Projects > 0).Select(c => new Key(c.Kind, c.Text, c.Number)).ToHashSet();
        var funds = await (from k in OfPage(projectsBy.Contains)
                           join f in db.FundsYearTotals on k.ProjectId equals (int?)f.ProjectId
                           group f.Through12 by new { k.Kind, k.Text, k.Number } into g
                           select new { g.Key.Kind, g.Key.Text, g.Key.Number, Funds = g.Sum() }).ToListAsync(ct);
        var fundsBy = funds.ToDictionary(f => new Key(f.Kind, f.Text, f.Number), f => f.Funds);

        var signedBy = counts.Where(c => c.Signed > 0).Select(c => new Key(c.Kind, c.Text, c.Number)).ToHashSet();
        var signings = from k in OfPage(signedBy.Contains)
                       join p in db.Projects on k.ProjectId equals p.Id
                       where p.SignedOn != null
                       select new { k.Kind, k.Text, k.Number, k.RegisteredOn, SignedOn = p.SignedOn!.Value };
        var daysBy = (await signings.ToListAsync(ct)).GroupBy(s => new Key(s.Kind, s.Text, s.Number))
            .ToDictionary(g => g.Key, g => g.Select(s => s.SignedOn.DayNumber - s.RegisteredOn.DayNumber).ToList());
        var stationIds = counts.Where(c => c.Number != null).Select(c => c.Number!.Value).ToList();
        // The workstation table is unit-scoped: another unit's workstation keeps its number, not its name.
        var names = stationIds.Count == 0 ? [] : await db.TalentWorkstations.AsNoTracking().Where(w => stationIds.Contains(w.Id))
            .ToDictionaryAsync(w => w.Id, w => w.Name, ct);
        return [.. counts.Select(c => new YieldRow(by == YieldBy.Workstation ? null : (LeadSourceKind)c.Kind, c.Text, c.Number, c.Leads, c.Projects,
            c.Signed, c.Contracted, fundsBy.GetValueOrDefault(new Key(c.Kind, c.Text, c.Number)),
            Median(daysBy.GetValueOrDefault(new Key(c.Kind, c.Text, c.Number))),
            c.Number is { } w ? names.GetValueOrDefault(w) : null))];
    }

    /// <summary>The middle value, or the mean of the two middle ones; null without values.</summary>
    public static double? Median(IReadOnlyList<int>? values)
    {
        if (values is not { Count: > 0 }) return null;
        var sorted = values.Order().ToArray();
        var mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2.0;
    }

    public string Label(YieldRow row) => row.WorkstationId is { } w
        ? row.WorkstationName ?? t["Yield.Workstation", w]
        : row.Referrer is { } r ? r + Kernel.DisplayFormat.Bracketed(t[$"Source.{row.Source}"]) : t[$"Source.{row.Source}"];

    public async Task<ExportFile> ExportAsync(YieldBy by, ExportFormat format, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ExportRecords, nameof(Lead));
        IReadOnlyList<YieldRow> rows;
        await using (var db = dbFactory.CreateDbContext()) rows = await ComputeAsync(db, by, null, ct);
        var sheet = ExportSheet.Of("线索来源成效", rows,
            ExportColumn<YieldRow>.Text(t["Yield.Source"], Label),
            ExportColumn<YieldRow>.Count(t["Yield.Leads"], r => r.Leads),
            ExportColumn<YieldRow>.Count(t["Yield.Projects"], r => r.Projects),
            ExportColumn<YieldRow>.Count(t["Yield.Signed"], r => r.Signed),
            ExportColumn<YieldRow>.Wan(t["Yield.Contracted"], r => r.Contracted),
            ExportColumn<YieldRow>.Wan(t["Yield.Funds"], r => r.AuditedFunds),
            ExportColumn<YieldRow>.Number(t["Yield.MedianDays"], r => r.MedianDaysToSign is { } d ? (decimal)d : null));
        var stamp = ExportFile.Stamp(clock);
        var file = ExportFile.Of(sheet, format == ExportFormat.Csv, $"线索来源成效-{stamp}", $"lead-yield-{stamp}");
        await audit.WriteAsync("Export", nameof(Lead), details: AdminGuard.Serialize(new { format = format.ToString(), rows = rows.Count, file = file.AsciiFileName, by = by.ToString() }), ct: ct);
        return file;
    }
}
