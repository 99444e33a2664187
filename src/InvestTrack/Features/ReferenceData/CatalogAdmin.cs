using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Admin;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.ReferenceData;

public sealed record IndustryRow(int Id, int CatalogId, string Name, string? Tier, int SortOrder, int Version);

/// <summary>A catalog is in force from its start year until the year before the next catalog starts (open-ended when last).</summary>
public sealed record CatalogRow(int Id, string Name, int StartYear, int? LastYear, int Version, IReadOnlyList<IndustryRow> Industries);

public sealed record NamedCode(string Code, string Name);

public sealed record ProvinceRow(string Code, string Name, RegionKind Kind, IReadOnlyList<NamedCode> Cities);

/// <summary>The national reference lists, read-only: GB/T 4754 sections, provinces with their cities, countries.</summary>
public sealed record ReferenceLists(IReadOnlyList<NamedCode> Sections, IReadOnlyList<ProvinceRow> Provinces, IReadOnlyList<NamedCode> Countries);

/// <summary>
/// The city's industry catalogs. Every change is a versioned, audited entity change (AppDbContext);
/// a stale version is refused, never overwritten.
/// </summary>
public sealed class CatalogAdmin(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<AdminResource> a)
{
    public const int MinYear = 2000;
    public const int MaxYear = 2100;

    public async Task<IReadOnlyList<CatalogRow>> ListAsync(CancellationToken ct = default)
    {
        await Demand(nameof(IndustryCatalog));
        await using var db = dbFactory.CreateDbContext();
        var catalogs = await db.IndustryCatalogs.AsNoTracking().Include(c => c.Industries).OrderBy(c => c.StartYear).ToListAsync(ct);
        return [.. catalogs.Select((c, i) => new CatalogRow(c.Id, c.Name, c.StartYear,
            i + 1 < catalogs.Count ? catalogs[i + 1].StartYear - 1 : null, c.Version,
            [.. c.Industries.OrderBy(x => x.SortOrder).ThenBy(x => x.Id).Select(x => new IndustryRow(x.Id, x.CatalogId, x.Name, x.Tier, x.SortOrder, x.Version))]))];
    }

    public async Task<ReferenceLists> ReferenceListsAsync(CancellationToken ct = default)
    {
        await Demand("ReferenceData");
        await using var db = dbFactory.CreateDbContext();
        var sections = await db.IndustrySections.AsNoTracking().OrderBy(s => s.Code).Select(s => new NamedCode(s.Code, s.Name)).ToListAsync(ct);
        var cities = await db.PrefectureCities.AsNoTracking().OrderBy(c => c.Code).ToListAsync(ct);
        var provinces = await db.Provinces.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
        var countries = await db.Countries.AsNoTracking().OrderBy(c => c.Code).Select(c => new NamedCode(c.Code, c.Name)).ToListAsync(ct);
        return new ReferenceLists(sections,
            [.. provinces.Select(p => new ProvinceRow(p.Code, p.Name, p.Kind,
                [.. cities.Where(c => c.ProvinceCode == p.Code).Select(c => new NamedCode(c.Code, c.Name))]))],
            countries);
    }

    public async Task<(AdminResult Result, int? Id)> CreateCatalogAsync(string name, int startYear, CancellationToken ct = default)
    {
        await Demand(nameof(IndustryCatalog));
        await using var db = dbFactory.CreateDbContext();
        var catalog = new IndustryCatalog { Name = "" };
        if (await ApplyCatalogAsync(db, catalog, name, startYear, ct) is { } error) return (AdminResult.Fail(error), null);
        db.IndustryCatalogs.Add(catalog);
        var saved = await SaveAsync(db, ct);
        return (saved, saved.Ok ? catalog.Id : null);
    }

    public async Task<AdminResult> UpdateCatalogAsync(int id, string name, int startYear, int version, CancellationToken ct = default)
    {
        await Demand(nameof(IndustryCatalog), id);
        await using var db = dbFactory.CreateDbContext();
        var catalog = await db.IndustryCatalogs.SingleOrDefaultAsync(c => c.Id == id, ct);
        if (catalog is null) return AdminResult.Fail(a["Catalog.NotFound"]);
        if (!Current(db, catalog, version)) return AdminResult.Conflict(a["Common.Stale"]);
        if (await ApplyCatalogAsync(db, catalog, name, startYear, ct) is { } error) return AdminResult.Fail(error);
        return await SaveAsync(db, ct);
    }

    public async Task<AdminResult> AddIndustryAsync(int catalogId, string name, string? tier, CancellationToken ct = default)
    {
        await Demand(nameof(Industry));
        await using var db = dbFactory.CreateDbContext();
        if (!await db.IndustryCatalogs.AnyAsync(c => c.Id == catalogId, ct)) return AdminResult.Fail(a["Catalog.NotFound"]);
        var last = await db.Industries.Where(i => i.CatalogId == catalogId).MaxAsync(i => (int?)i.SortOrder, ct) ?? 0;
        var industry = new Industry { CatalogId = catalogId, Name = "", SortOrder = last + 1 };
        if (await ApplyIndustryAsync(db, industry, name, tier, ct) is { } error) return AdminResult.Fail(error);
        db.Industries.Add(industry);
        return await SaveAsync(db, ct);
    }

    /// <summary>Renames, re-tiers or re-orders an industry.</summary>
    public async Task<AdminResult> UpdateIndustryAsync(int id, string name, string? tier, int sortOrder, int version, CancellationToken ct = default)
    {
        await Demand(nameof(Industry), id);
        await using var db = dbFactory.CreateDbContext();
        var industry = await db.Industries.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (industry is null) return AdminResult.Fail(a["Industry.NotFound"]);
        if (!Current(db, industry, version)) return AdminResult.Conflict(a["Common.Stale"]);
        if (await ApplyIndustryAsync(db, industry, name, tier, ct) is { } error) return AdminResult.Fail(error);
        industry.SortOrder = sortOrder;
        return await SaveAsync(db, ct);
    }

    /// <summary>Swaps an industry with its neighbour above (-1) or below (+1) in its catalog.</summary>
    public async Task<AdminResult> MoveIndustryAsync(int id, int direction, int version, CancellationToken ct = default)
    {
        await Demand(nameof(Industry), id);
        await using var db = dbFactory.CreateDbContext();
        var industry = await db.Industries.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (industry is null) return AdminResult.Fail(a["Industry.NotFound"]);
        if (!Current(db, industry, version)) return AdminResult.Conflict(a["Common.Stale"]);
        var siblings = await db.Industries.Where(i => i.CatalogId == industry.CatalogId).OrderBy(i => i.SortOrder).ThenBy(i => i.Id).ToListAsync(ct);
        var at = siblings.IndexOf(industry);
        var to = at + Math.Sign(direction);
        if (to < 0 || to >= siblings.Count) return AdminResult.Success;
        (siblings[at], siblings[to]) = (siblings[to], siblings[at]);
        // Renumber the whole catalog: older data may hold equal sort orders, which a plain swap would keep.
        for (var i = 0; i < siblings.Count; i++) siblings[i].SortOrder = i + 1;
        return await SaveAsync(db, ct);
    }

    public async Task<AdminResult> DeleteIndustryAsync(int id, int version, CancellationToken ct = default)
    {
        await Demand(nameof(Industry), id);
        await using var db = dbFactory.CreateDbContext();
        var industry = await db.Industries.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (industry is null) return AdminResult.Fail(a["Industry.NotFound"]);
        if (!Current(db, industry, version)) return AdminResult.Conflict(a["Common.Stale"]);
        db.Industries.Remove(industry);
        return await SaveAsync(db, ct, a["Industry.InUse"]);
    }

    private Task Demand(string objectType, int? id = null) =>
        AdminGuard.DemandAsync(actor, audit, Operation.ManageReferenceData, objectType, id?.ToString(CultureInfo.InvariantCulture));

    /// <summary>True when the version the user saw is current; the UPDATE checks that same version, so a change saved in between is refused too.</summary>
    private static bool Current<T>(AppDbContext db, T entity, int version) where T : class, Kernel.IVersioned
    {
        if (entity.Version != version) return false;
        db.Entry(entity).Property(e => e.Version).OriginalValue = version;
        return true;
    }

    private async Task<string?> ApplyCatalogAsync(AppDbContext db, IndustryCatalog catalog, string name, int startYear, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        if (name.Length == 0) return a["Catalog.NameRequired"];
        if (name.Length > 60) return a["Catalog.NameTooLong"];
        if (Kernel.TextInput.ProblemOf(name, 60) is { } text) return Resources.SharedResource.Text(text);
        if (startYear is < MinYear or > MaxYear) return a["Catalog.YearRange", MinYear, MaxYear];
        if (await db.IndustryCatalogs.AnyAsync(c => c.StartYear == startYear && c.Id != catalog.Id, ct)) return a["Catalog.YearTaken", startYear];
        catalog.Name = name;
        catalog.StartYear = startYear;
        return null;
    }

    private async Task<string?> ApplyIndustryAsync(AppDbContext db, Industry industry, string name, string? tier, CancellationToken ct)
    {
        name = name?.Trim() ?? "";
        tier = string.IsNullOrWhiteSpace(tier) ? null : tier.Trim();
        if (name.Length == 0) return a["Industry.NameRequired"];
        if (name.Length > 60) return a["Industry.NameTooLong"];
        if (tier is { Length: > 20 }) return a["Industry.TierTooLong"];
        if ((Kernel.TextInput.ProblemOf(name, 60) ?? Kernel.TextInput.ProblemOf(tier, 20)) is { } text) return Resources.SharedResource.Text(text);
        if (await db.Industries.AnyAsync(i => i.CatalogId == industry.CatalogId && i.Name == name && i.Id != industry.Id, ct))
            return a["Industry.NameTaken", name];
        industry.Name = name;
        industry.Tier = tier;
        return null;
    }

    private Task<AdminResult> SaveAsync(AppDbContext db, CancellationToken ct, string? refusedMessage = null) =>
        AdminResult.SaveAsync(db, a["Common.Stale"], refusedMessage ?? a["Common.Duplicate"], ct);
}
