using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Companies;

public sealed record UnitProjectCount(string UnitName, int Count);

/// <summary>What a merge will do, shown before the user confirms it.</summary>
public sealed record MergePreview(DuplicateSide Keep, DuplicateSide Remove, IReadOnlyList<UnitProjectCount> ProjectsByUnit, bool CarriesCreditCode);

public sealed record MergeResult(string? Error = null, bool NotFound = false, int ProjectsMoved = 0, int ContactsMoved = 0)
{
    public bool Ok => Error is null && !NotFound;
}

/// <summary>
/// Merges a duplicate into the company kept: every linked record moves to it, the duplicate is deleted, and an
/// audit entry "Merge" names both, all in one transaction. Only city staff may merge: the move touches other
/// units' projects, which a unit-scoped context could not even see: MergeCompanies in the access matrix.
/// </summary>
public sealed class CompanyMerge(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<CompanyResource> t)
{
    public async Task<MergePreview?> PreviewAsync(int keepId, int removeId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.MergeCompanies, CompanyService.ObjectType, CompanyService.Id(removeId));
        if (keepId == removeId) return null;
        await using var db = dbFactory.CreateDbContext();
        var sides = await CompanyDuplicates.SidesAsync(db, [keepId, removeId], ct);
        if (!sides.TryGetValue(keepId, out var keep) || !sides.TryGetValue(removeId, out var remove)) return null;
        var byUnit = await db.Projects.AsNoTracking().Where(p => p.CompanyId == removeId)
            .GroupBy(p => p.UnitId).Select(g => new { UnitId = g.Key, Count = g.Count() }).ToListAsync(ct);
        var unitNames = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        return new MergePreview(keep, remove,
            [.. byUnit.Select(u => new UnitProjectCount(unitNames.GetValueOrDefault(u.UnitId, "?"), u.Count)).OrderBy(u => u.UnitName, StringComparer.Ordinal)],
            keep.CreditCode is null && remove.CreditCode is not null);
    }

    public async Task<MergeResult> MergeAsync(int keepId, int removeId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.MergeCompanies, CompanyService.ObjectType, CompanyService.Id(removeId));
        if (keepId == removeId) return new MergeResult(t["Merge.Same"]);
        await using var db = dbFactory.CreateDbContext();
        // The moves below go through the Projects query filter; only an all-units scope sees every project to move.
        if (!db.ScopeIsAll) throw new InvalidOperationException("a merge needs the all-units scope");

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var keep = await db.Companies.SingleOrDefaultAsync(c => c.Id == keepId, ct);
        var remove = await db.Companies.SingleOrDefaultAsync(c => c.Id == removeId, ct);
        if (keep is null || remove is null) return new MergeResult(t["Company.NotFound"], NotFound: true);

        var projectIds = await db.Projects.Where(p => p.CompanyId == removeId).OrderBy(p => p.Id).Select(p => p.Id).ToListAsync(ct);
        var now = DateTimeOffset.UtcNow;
        // Set-based, and each moved project's version rises, so a form still open on one of them is refused on save.
        var projectsMoved = await db.Projects.Where(p => p.CompanyId == removeId).ExecuteUpdateAsync(s => s
            .SetProperty(p => p.CompanyId, keepId).SetProperty(p => p.Version, p => p.Version + 1).SetProperty(p => p.UpdatedAt, now), ct);
        var contactIds = await db.CompanyContacts.Where(c => c.CompanyId == removeId).OrderBy(c => c.Id).Select(c => c.Id).ToListAsync(ct);
        var contactsMoved = await db.CompanyContacts.Where(c => c.CompanyId == removeId).ExecuteUpdateAsync(s => s.SetProperty(c => c.CompanyId, keepId), ct);
        var others = await MoveOtherLinksAsync(db, keepId, removeId, ct);

        var carriedCode = keep.CreditCode is null ? remove.CreditCode : null;
        db.Companies.Remove(remove);
        await db.SaveChangesAsync(ct);
        if (carriedCode is not null)
        {
            // Only after the duplicate is gone: the code is unique.
            keep.CreditCode = carriedCode;
            await db.SaveChangesAsync(ct);
        }

        var entry = AuditCapture.Add(db, "Merge", CompanyService.ObjectType, CompanyService.Id(keepId),
            AdminGuard.Serialize(new { id = keepId, name = keep.Name, creditCode = keep.CreditCode, projects = projectIds, contacts = contactIds, otherLinks = others }));
        entry.OldValues = AdminGuard.Serialize(new { id = removeId, name = remove.Name, creditCode = remove.CreditCode });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new MergeResult(ProjectsMoved: projectsMoved, ContactsMoved: contactsMoved);
    }

    /// <summary>
    /// Tables other features add later that point at a company (leads, visits…) move too, found from the model,
    /// so that a merge never fails on, or silently drops, a link it was not written for.
    /// </summary>
    private static async Task<int> MoveOtherLinksAsync(AppDbContext db, int keepId, int removeId, CancellationToken ct)
    {
        var moved = 0;
        foreach (var fk in db.Model.GetEntityTypes().SelectMany(e => e.GetForeignKeys()))
        {
            if (fk.PrincipalEntityType.ClrType != typeof(Company) || fk.Properties.Count != 1) continue;
            var type = fk.DeclaringEntityType;
            if (type.ClrType == typeof(Project) || type.ClrType == typeof(CompanyContact) || type.GetTableName() is not { } table) continue;
            var column = fk.Properties[0].GetColumnName(Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(table, type.GetSchema()));
            var qualified = type.GetSchema() is { } schema ? $"\"{schema}\".\"{table}\"" : $"\"{table}\"";
            // Identifiers come from the model, never from input; the ids are parameters.
#pragma warning disable EF1002
            moved += await db.Database.ExecuteSqlRawAsync($"UPDATE {qualified} SET \"{column}\" = {{0}} WHERE \"{column}\" = {{1}}", [keepId, removeId], ct);
#pragma warning restore EF1002
        }
        return moved;
    }
}
