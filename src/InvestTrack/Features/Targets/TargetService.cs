using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Admin;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Statistics;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.Targets;

/// <summary>
/// Annual targets (谋: the year's plan per unit and for the whole city). City staff set them (SetTargets);
/// everyone who reads records reads the targets of the units in their scope and the city's — the DbContext's
/// query filter and write guard scope targets as every unit-owned record (docs/decisions/0003-unit-scoping.md).
/// Changes are audited by AppDbContext; a stale version is refused.
/// </summary>
public sealed class TargetService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<TargetsResource> t,
    IOptions<StatisticsOptions> statistics)
{
    private const string ObjectType = nameof(AnnualTarget);

    /// <summary>Only city staff set targets: SetTargets in the access matrix.</summary>
    public bool CanEdit => actor.Can(Operation.SetTargets);

    public async Task<TargetGrid> GridAsync(int year, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var units = await VisibleUnitsAsync(db, ct);
        var targets = await db.AnnualTargets.AsNoTracking().Where(x => x.Year == year).ToListAsync(ct);
        TargetRow Row(int? unitId, string name) => new(unitId, name, TargetIndicators.All.ToDictionary(i => i, i =>
            targets.FirstOrDefault(x => x.UnitId == unitId && x.Indicator == i) is { } x ? new TargetCell(x.Value, x.Version) : new TargetCell(null, null)));
        return new TargetGrid(year, CanEdit, [Row(null, t["City"]), .. units.Select(u => Row(u.Id, u.Name))]);
    }

    /// <summary>Targets against what was achieved by month M, for the city (when the user sees all of it) and each visible unit.</summary>
    public async Task<IReadOnlyList<ProgressRow>> ProgressAsync(int year, int month, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        if (month is < 1 or > 12 || year is < TargetIndicators.MinYear or > TargetIndicators.MaxYear) return [];
        var grid = await GridAsync(year, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var byUnit = await TargetActuals.ByUnitAsync(db, year, month, ct, statistics.Value);
        var total = TargetActuals.Total(byUnit);
        // The city's actual is a sum over every unit: shown only to users whose scope is the whole city.
        return [.. grid.Rows.Where(r => r.UnitId is not null || actor.UnitScope.All).Select(r =>
        {
            var actuals = r.UnitId is { } id ? byUnit.GetValueOrDefault(id) ?? [] : total;
            return new ProgressRow(r.UnitId, r.Name, [.. TargetIndicators.All.Select(i => Pace.Progress(i, r.Cells[i].Value, actuals.GetValueOrDefault(i), month))]);
        })];
    }

    /// <summary>
    /// Sets one target from what the user typed (万元 for funds, a whole number otherwise); empty removes it.
    /// <paramref name="version"/> is the version read, null when there was no target.
    /// </summary>
    public async Task<AdminResult> SaveAsync(int year, int? unitId, TargetIndicator indicator, string? input, int? version, CancellationToken ct = default)
    {
        await DemandSetAsync($"{year}/{unitId?.ToString(CultureInfo.InvariantCulture) ?? "city"}/{indicator}");
        if (year is < TargetIndicators.MinYear or > TargetIndicators.MaxYear) return AdminResult.Fail(t["Year.Range", TargetIndicators.MinYear, TargetIndicators.MaxYear]);
        if (!Enum.IsDefined(indicator)) return AdminResult.Fail(t["Indicator.Unknown"]);
        long? value = null;
        if (!string.IsNullOrWhiteSpace(input))
        {
            if (!decimal.TryParse(input.Trim(), NumberStyles.Number, CultureInfo.InvariantCulture, out var number) || !TryStore(indicator, number, out var stored))
                return AdminResult.Fail(Invalid(indicator));
            value = stored;
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (unitId is { } id && !await db.Units.AnyAsync(u => u.Id == id, ct)) return AdminResult.Fail(t["Unit.NotFound"]);
        var row = await db.AnnualTargets.SingleOrDefaultAsync(x => x.Year == year && x.UnitId == unitId && x.Indicator == indicator, ct);
        if (row?.Version != version) return AdminResult.Conflict(t["Stale"]);
        if (row is null && value is null) return AdminResult.Success;
        if (row is null) db.AnnualTargets.Add(new AnnualTarget { Year = year, UnitId = unitId, Indicator = indicator, Value = value!.Value });
        else if (value is null) db.AnnualTargets.Remove(row);
        else if (row.Value == value) return AdminResult.Success;
        else row.Value = value.Value;
        // A target added by someone else at the same moment trips the unique index: also "reload and retry".
        var result = await AdminResult.SaveAsync(db, t["Stale"], t["Stale"], ct);
        return result.Ok || result.Stale ? result : AdminResult.Conflict(t["Stale"]);
    }

    /// <summary>A typed value as stored: hundredths of a 万元 for funds (≤ two decimals), a whole count otherwise; never negative.</summary>
    public static bool TryStore(TargetIndicator indicator, decimal number, out long stored)
    {
        stored = 0;
        if (number < 0) return false;
        if (indicator == TargetIndicator.Funds) return AmountRule.Check(number, zeroAllowed: true, out stored) == AmountProblem.None;
        if (number != decimal.Truncate(number) || number > TargetIndicators.MaxCount) return false;
        stored = (long)number;
        return true;
    }

    public string Invalid(TargetIndicator indicator) =>
        indicator == TargetIndicator.Funds ? t["Value.Funds"] : t["Value.Count", IndicatorName(indicator)];

    public string IndicatorName(TargetIndicator indicator) => t[$"Indicator.{indicator}"];

    internal Task DemandSetAsync(string? objectId = null) => AdminGuard.DemandAsync(actor, audit, Operation.SetTargets, ObjectType, objectId);

    internal sealed record UnitName(int Id, string Name, string Code);

    /// <summary>Active units the user may see, in the city's order. Units are not unit-filtered, so the scope is applied here.</summary>
    internal async Task<List<UnitName>> VisibleUnitsAsync(AppDbContext db, CancellationToken ct)
    {
        var scope = actor.UnitScope;
        var units = db.Units.AsNoTracking().Where(u => u.IsActive);
        if (!scope.All)
        {
            var ids = scope.UnitIdArray;
            units = units.Where(u => ids.Contains(u.Id));
        }
        return await units.OrderBy(u => u.SortOrder).ThenBy(u => u.Code).Select(u => new UnitName(u.Id, u.Name, u.Code)).ToListAsync(ct);
    }
}
