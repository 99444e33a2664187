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
/// (all years, all sources, hundredths of a 万元) and the median days from registration to signing.
/// </summary>
public sealed record YieldRow(LeadSourceKind? Source, string? Referrer, int? WorkstationId, int Leads, int Projects, int Signed,
    long Contracted, long AuditedFunds, double? MedianDaysToSign);

/// <summary>
/// The yield of sources (issue 11): counts and exact sums grouped in SQL over the leads in the user's scope; the
/// median from the signed leads' two dates, fetched per lead. Audited funds are the running year totals' Through12
/// (FundsYearTotal: audited records, every month of every year), as the statistics read them.
/// </summary>
public sealed class SourceYield(IReadDbContextFactory dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<LeadResource> t, TimeProvider clock)
{
    public async Task<IReadOnlyList<YieldRow>> RankAsync(YieldBy by, int? unitId = null, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(Lead));
        await using var db = dbFactory.CreateDbContext();
        return await ComputeAsync(db, by, unitId, ct);
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

    public static async Task<IReadOnlyList<YieldRow>> ComputeAsync(AppDbContext db, YieldBy by, int? unitId, CancellationToken ct)
    {
        var leads = db.Leads.AsNoTracking();
        if (unitId is { } u) leads = leads.Where(l => l.UnitId == u);
        var keyed = by switch
        {
            YieldBy.Referrer => leads.Where(l => l.Referrer != null)
                .Select(l => new Keyed { Kind = (int)l.SourceKind, Text = l.Referrer, Number = null, ProjectId = l.ProjectId, RegisteredOn = l.RegisteredOn }),
            YieldBy.Workstation => leads.Where(l => l.WorkstationId != null)
                .Select(l => new Keyed { Kind = 0, Text = null, Number = l.WorkstationId, ProjectId = l.ProjectId, RegisteredOn = l.RegisteredOn }),
            _ => leads.Select(l => new Keyed { Kind = (int)l.SourceKind, Text = null, Number = null, ProjectId = l.ProjectId, RegisteredOn = l.RegisteredOn }),
        };
        var counts = await keyed.GroupBy(k => new { k.Kind, k.Text, k.Number })
            .Select(g => new { g.Key.Kind, g.Key.Text, g.Key.Number, Leads = g.Count(), Projects = g.Count(k => k.ProjectId != null) }).ToListAsync(ct);
        var projects = await (from k in keyed
                              join p in db.Projects on k.ProjectId equals p.Id
                              group p by new { k.Kind, k.Text, k.Number } into g
                              select new { g.Key.Kind, g.Key.Text, g.Key.Number, Signed = g.Count(p => p.SignedOn != null), Contracted = g.Sum(p => p.ContractedInvestment ?? 0) })
            .ToListAsync(ct);
        var funds = await (from k in keyed
                           join f in db.FundsYearTotals on k.ProjectId equals f.ProjectId
                           group f by new { k.Kind, k.Text, k.Number } into g
                           select new { g.Key.Kind, g.Key.Text, g.Key.Number, Funds = g.Sum(f => f.Through12) }).ToListAsync(ct);
        var signings = await (from k in keyed
                              join p in db.Projects on k.ProjectId equals p.Id
                              where p.SignedOn != null
                              select new { k.Kind, k.Text, k.Number, k.RegisteredOn, SignedOn = p.SignedOn!.Value }).ToListAsync(ct);

        var projectsBy = projects.ToDictionary(p => new Key(p.Kind, p.Text, p.Number));
        var fundsBy = funds.ToDictionary(f => new Key(f.Kind, f.Text, f.Number), f => f.Funds);
        var daysBy = signings.GroupBy(s => new Key(s.Kind, s.Text, s.Number))
            .ToDictionary(g => g.Key, g => g.Select(s => s.SignedOn.DayNumber - s.RegisteredOn.DayNumber).ToList());
        return [.. counts.Select(c =>
            {
                var key = new Key(c.Kind, c.Text, c.Number);
                var p = projectsBy.GetValueOrDefault(key);
                return new YieldRow(by == YieldBy.Workstation ? null : (LeadSourceKind)c.Kind, c.Text, c.Number, c.Leads, c.Projects,
                    p?.Signed ?? 0, p?.Contracted ?? 0, fundsBy.GetValueOrDefault(key), Median(daysBy.GetValueOrDefault(key)));
            })
            .OrderByDescending(r => r.Signed).ThenByDescending(r => r.Contracted).ThenByDescending(r => r.Projects).ThenByDescending(r => r.Leads)
            .ThenBy(r => r.Source).ThenBy(r => r.Referrer, StringComparer.Ordinal).ThenBy(r => r.WorkstationId)];
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
        ? t["Yield.Workstation", w]
        : row.Referrer is { } r ? $"{r}（{t[$"Source.{row.Source}"]}）" : t[$"Source.{row.Source}"];

    public async Task<ExportFile> ExportAsync(YieldBy by, ExportFormat format, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ExportRecords, nameof(Lead));
        var rows = await RankAsync(by, null, ct);
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
