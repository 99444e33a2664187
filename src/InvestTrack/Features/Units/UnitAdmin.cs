using System.Text.RegularExpressions;
using InvestTrack.Data;
using InvestTrack.Features.Admin;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Units;

public sealed record UnitRow(int Id, string Code, string Name, string? ShortName, UnitKind Kind, int? ParentId, string? ParentName,
    bool IsActive, int SortOrder, int Version, int Depth, int UserCount);

/// <summary>What an admin may set on a unit. Code and kind are fixed once the unit exists.</summary>
public sealed class UnitForm
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string? ShortName { get; set; }
    public UnitKind Kind { get; set; } = UnitKind.Department;
    public int? ParentId { get; set; }
    public bool IsActive { get; set; } = true;
    public int SortOrder { get; set; }
}

/// <summary>
/// The unit tree. Changing it changes users' unit scopes: the security-stamp validator rebuilds their
/// claims within a minute, so nothing else is needed here. Changes are audited by AppDbContext.
/// </summary>
public sealed partial class UnitAdmin(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<AdminResource> a)
{
    private const string ObjectType = nameof(Unit);

    /// <summary>All units in tree order (each parent followed by its children, by sort order).</summary>
    public async Task<IReadOnlyList<UnitRow>> ListAsync(CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageReferenceData, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).ThenBy(u => u.Code).ToListAsync(ct);
        var users = await db.Users.GroupBy(u => u.UnitId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var byId = units.ToDictionary(u => u.Id);
        var result = new List<UnitRow>(units.Count);
        void Visit(Unit unit, int depth)
        {
            result.Add(new UnitRow(unit.Id, unit.Code, unit.Name, unit.ShortName, unit.Kind, unit.ParentId,
                unit.ParentId is { } p && byId.TryGetValue(p, out var parent) ? parent.Name : null,
                unit.IsActive, unit.SortOrder, unit.Version, depth, users.GetValueOrDefault(unit.Id)));
            foreach (var child in units.Where(c => c.ParentId == unit.Id)) Visit(child, depth + 1);
        }
        foreach (var root in units.Where(u => u.ParentId is null || !byId.ContainsKey(u.ParentId.Value))) Visit(root, 0);
        return result;
    }

    public async Task<(AdminResult Result, int? Id)> CreateAsync(UnitForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageReferenceData, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var code = TextInput.Code(form.Code);
        if (!CodePattern().IsMatch(code)) return (AdminResult.Fail(a["Unit.CodeFormat"]), null);
        if (await db.Units.AnyAsync(u => u.Code == code, ct)) return (AdminResult.Fail(a["Unit.CodeTaken", code]), null);
        if (form.Kind == UnitKind.City && await db.Units.AnyAsync(u => u.Kind == UnitKind.City, ct))
            return (AdminResult.Fail(a["Unit.OneCity"]), null);
        var unit = new Unit { Code = code, Name = "", Kind = form.Kind };
        if (await ApplyAsync(db, unit, form, ct) is { } error) return (AdminResult.Fail(error), null);
        db.Units.Add(unit);
        var saved = await SaveAsync(db, ct);
        return (saved, saved.Ok ? unit.Id : null);
    }

    /// <summary>Saves name, short name, parent, active flag and order; refused when <paramref name="version"/> is stale.</summary>
    public async Task<AdminResult> UpdateAsync(int id, UnitForm form, int version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageReferenceData, ObjectType, id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var db = dbFactory.CreateDbContext();
        var unit = await db.Units.SingleOrDefaultAsync(u => u.Id == id, ct);
        if (unit is null) return AdminResult.Fail(a["Unit.NotFound"]);
        if (unit.Version != version) return AdminResult.Conflict(a["Common.Stale"]);
        // The version the user saw is what the UPDATE checks, so a change saved in between is refused.
        db.Entry(unit).Property(u => u.Version).OriginalValue = version;
        if (await ApplyAsync(db, unit, form, ct) is { } error) return AdminResult.Fail(error);
        return await SaveAsync(db, ct);
    }

    private async Task<string?> ApplyAsync(AppDbContext db, Unit unit, UnitForm form, CancellationToken ct)
    {
        var name = form.Name?.Trim() ?? "";
        var shortName = string.IsNullOrWhiteSpace(form.ShortName) ? null : form.ShortName.Trim();
        if (name.Length == 0) return a["Unit.NameRequired"];
        if (name.Length > 100) return a["Unit.NameTooLong"];
        if (shortName is { Length: > 50 }) return a["Unit.ShortNameTooLong"];
        if ((TextInput.ProblemOf(name, 100) ?? TextInput.ProblemOf(shortName, 50)) is { } text) return SharedResource.Text(text);
        if (await db.Units.AnyAsync(u => u.Name == name && u.Id != unit.Id, ct)) return a["Unit.NameTaken", name];
        if (await ParentErrorAsync(db, unit, form.ParentId, ct) is { } parentError) return parentError;
        unit.Name = name;
        unit.ShortName = shortName;
        unit.ParentId = form.ParentId;
        unit.IsActive = form.IsActive;
        unit.SortOrder = form.SortOrder;
        return null;
    }

    /// <summary>The city unit is the root; a county or department reports to the city; a zone to a county or the city; no cycles.</summary>
    private async Task<string?> ParentErrorAsync(AppDbContext db, Unit unit, int? parentId, CancellationToken ct)
    {
        if (parentId is null) return unit.Kind == UnitKind.City ? null : a["Unit.ParentRequired"].Value;
        var tree = await db.Units.AsNoTracking().Select(u => new { u.Id, u.ParentId, u.Kind }).ToDictionaryAsync(u => u.Id, ct);
        if (!tree.TryGetValue(parentId.Value, out var parent)) return a["Unit.ParentInvalid"];
        // Walk up from the new parent: meeting the unit itself means the tree would loop.
        var steps = 0;
        for (int? at = parent.Id; at is { } current && steps++ <= tree.Count; at = tree.GetValueOrDefault(current)?.ParentId)
            if (current == unit.Id) return a["Unit.Cycle"];
        var allowed = unit.Kind switch
        {
            UnitKind.City => false,
            UnitKind.Zone => parent.Kind is UnitKind.County or UnitKind.City,
            _ => parent.Kind == UnitKind.City,
        };
        return allowed ? null : a[$"Unit.ParentRule.{unit.Kind}"].Value;
    }

    private Task<AdminResult> SaveAsync(AppDbContext db, CancellationToken ct) =>
        AdminResult.SaveAsync(db, a["Common.Stale"], a["Unit.Duplicate"], ct);

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex CodePattern();
}
