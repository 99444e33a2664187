using InvestTrack.Data;
using InvestTrack.Features.Activities;
using InvestTrack.Features.Leads;
using InvestTrack.Features.Statistics;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Dashboard;

/// <summary>Which lead figure's records to list (<see cref="DashboardOutreach.LeadsOf"/>).</summary>
public enum LeadDrillKind { New, Converted, Overdue, Big }

/// <summary>
/// The pursuit side of the dashboard for months 1..M of Year and a scope: leads registered (and of them converted into
/// projects) this year and last, overdue clocks and open big leads now, 走出去 / 请进来 this year and last.
/// ConversionRate is a percentage with 2 decimals, half up; null when no lead was registered (no rate, not 0 %).
/// </summary>
public sealed record OutreachFigures(int NewLeads, int NewLeadsLastYear, int Converted, decimal? ConversionRate,
    int OverdueClocks, int LeadsWithOverdueClocks, int BigLeads, int Outbound, int OutboundLastYear, int Inbound, int InboundLastYear, DateOnly Today);

/// <summary>One lead behind a figure.</summary>
public sealed record OutreachLead(int Id, string Name, string UnitName, string CompanyName, LeadSourceKind SourceKind, LeadStatus Status,
    DateOnly RegisteredOn, decimal EstimatedInvestmentWan, int? ProjectId, int OverdueClocks);

/// <summary>A page of the leads behind a figure; Count is the whole figure's (the number that was clicked).</summary>
public sealed record OutreachLeadPage(LeadDrillKind Kind, int Year, int Month, int? UnitId, string ScopeName, int Count, int Page, int PageSize, IReadOnlyList<OutreachLead> Rows);

/// <summary>
/// Lead and activity figures, cached with the rest of the dashboard (decision 0010): Leads, LeadClocks and Activities
/// move the data version like the funds' tables (migration OutreachDataVersion), and the key carries today's date
/// (overdue clocks) and the big-lead size. Every figure here is an index range count (Leads by RegisteredOn, LeadClocks
/// by DueOn, Activities by StartOn). Reads go through the unit filter; unitId narrows further as the dashboard's scope.
/// </summary>
public static class DashboardOutreach
{
    public static async Task<OutreachFigures> ComputeAsync(AppDbContext db, Period period, int? unitId, DateOnly today, long bigLead, CancellationToken ct)
    {
        var registered = await Registered(db, period, unitId).GroupBy(l => 1)
            .Select(g => new { Count = g.Count(), Converted = g.Count(l => l.ProjectId != null) }).SingleOrDefaultAsync(ct);
        var lastYear = await Registered(db, period.LastYear, unitId).CountAsync(ct);
        // The leads feature's own figures, so that the dashboard and the lead list count overdue and big leads one way.
        var leads = await LeadReads.FiguresAsync(db, unitId, today, bigLead, ct);
        var (outbound, inbound) = await ActivitiesAsync(db, period, unitId, ct);
        var (outboundLast, inboundLast) = await ActivitiesAsync(db, period.LastYear, unitId, ct);
        var (count, converted) = (registered?.Count ?? 0, registered?.Converted ?? 0);
        return new OutreachFigures(count, lastYear, converted, Rate(converted, count), leads.OverdueClocks, leads.LeadsWithOverdueClocks, leads.BigLeads,
            outbound, outboundLast, inbound, inboundLast, today);
    }

    /// <summary>Percent with 2 decimals, half up; null for no leads.</summary>
    public static decimal? Rate(int converted, int leads) =>
        leads == 0 ? null : Math.Round(converted * 100m / leads, 2, MidpointRounding.AwayFromZero);

    /// <summary>Leads registered in months 1..M of the period's year.</summary>
    public static IQueryable<Lead> Registered(AppDbContext db, Period period, int? unitId)
    {
        var (first, last) = (period.YearStart, period.End);
        var q = db.Leads.Where(l => l.RegisteredOn >= first && l.RegisteredOn <= last);
        return unitId is { } u ? q.Where(l => l.UnitId == u) : q;
    }

    /// <summary>
    /// The counts of the activity sentence: <see cref="ActivityQueries.Of"/> is the set ActivityQueries.ComputeAsync
    /// counts 走出去 and 请进来 from (by kind, all leader levels); the sentence's distinct places and counterparts are not
    /// needed here, and cost far more than these two counts.
    /// </summary>
    private static async Task<(int Outbound, int Inbound)> ActivitiesAsync(AppDbContext db, Period period, int? unitId, CancellationToken ct)
    {
        var kinds = await ActivityQueries.Of(db, ActivityPeriod.Of(period.Year, 1, period.Month)!, unitId, null)
            .GroupBy(a => a.Kind).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
        return (kinds.Where(k => k.Key == ActivityKind.Outbound).Sum(k => k.Count), kinds.Where(k => k.Key == ActivityKind.Inbound).Sum(k => k.Count));
    }

    /// <summary>
    /// The leads behind a figure, with the figure's own predicate: Overdue and Big repeat LeadReads.FiguresAsync's
    /// conditions (a lead with an open clock past due; an open lead of at least the big size), which a test holds equal.
    /// </summary>
    public static IQueryable<Lead> LeadsOf(AppDbContext db, LeadDrillKind kind, Period period, int? unitId, DateOnly today, long bigLead)
    {
        var leads = unitId is { } u ? db.Leads.Where(l => l.UnitId == u) : db.Leads;
        return kind switch
        {
            LeadDrillKind.New => Registered(db, period, unitId),
            LeadDrillKind.Converted => Registered(db, period, unitId).Where(l => l.ProjectId != null),
            LeadDrillKind.Overdue => leads.Where(l => db.LeadClocks.Any(c => c.LeadId == l.Id && c.MetOn == null && c.StoppedOn == null && c.DueOn < today)),
            LeadDrillKind.Big => leads.Where(l => (l.Status == LeadStatus.Registered || l.Status == LeadStatus.Assessing || l.Status == LeadStatus.Pursuing)
                && l.EstimatedInvestment >= bigLead),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };
    }

    public static async Task<(int Count, IReadOnlyList<OutreachLead> Rows)> PageAsync(AppDbContext db, IQueryable<Lead> leads, DateOnly today, int page, int pageSize, CancellationToken ct)
    {
        leads = leads.AsNoTracking();
        var count = await leads.CountAsync(ct);
        if (count == 0 || pageSize == 0 || Paging.Skip(page, pageSize) is not { } skip) return (count, []);
        var rows = await leads.OrderByDescending(l => l.RegisteredOn).ThenByDescending(l => l.Id).Skip(skip).Take(pageSize)
            .Select(l => new OutreachLead(l.Id, l.Name, db.Units.Where(u => u.Id == l.UnitId).Select(u => u.Name).First(),
                db.Companies.Where(c => c.Id == l.CompanyId).Select(c => c.Name).First(), l.SourceKind, l.Status, l.RegisteredOn,
                Money.ToWan(l.EstimatedInvestment), l.ProjectId,
                db.LeadClocks.Count(c => c.LeadId == l.Id && c.MetOn == null && c.StoppedOn == null && c.DueOn < today)))
            .ToListAsync(ct);
        return (count, rows);
    }
}
