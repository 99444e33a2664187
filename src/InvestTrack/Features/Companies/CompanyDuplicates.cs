using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Companies;

public sealed record DuplicateSide(int Id, string Name, string? CreditCode, string Origin, int ProjectCount, int ContactCount);

public sealed record DuplicatePair(DuplicateSide First, DuplicateSide Second, DuplicateReason Reason);

/// <summary>The pairs found (at most <see cref="CompanyDuplicates.MaxPairs"/> shown) and how many there are in all.</summary>
public sealed record DuplicateReport(IReadOnlyList<DuplicatePair> Pairs, int Total);

/// <summary>
/// Likely duplicate companies, for those who may merge them (MergeCompanies). One projection of id, name and code is read (a few megabytes for
/// 100 000 companies); the matching runs in memory with blocking (<see cref="DuplicateFinder"/>), because the
/// normalized name is not a column SQL could group by.
/// </summary>
public sealed class CompanyDuplicates(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit)
{
    public const int MaxPairs = 500;

    public async Task<DuplicateReport> ScanAsync(CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.MergeCompanies, CompanyService.ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var entries = await db.Companies.AsNoTracking().Select(c => new NameEntry(c.Id, c.Name, c.CreditCode)).ToListAsync(ct);
        var pairs = DuplicateFinder.Find(entries);
        var shown = pairs.Take(MaxPairs).ToList();
        var ids = shown.SelectMany(p => new[] { p.FirstId, p.SecondId }).Distinct().ToList();
        var sides = await SidesAsync(db, ids, ct);
        return new DuplicateReport([.. shown.Select(p => new DuplicatePair(sides[p.FirstId], sides[p.SecondId], p.Reason))], pairs.Count);
    }

    internal static Task<Dictionary<int, DuplicateSide>> SidesAsync(AppDbContext db, List<int> ids, CancellationToken ct) =>
        db.Companies.AsNoTracking().Where(c => ids.Contains(c.Id))
            .Select(c => new DuplicateSide(c.Id, c.Name, c.CreditCode, c.Origin,
                db.Projects.Count(p => p.CompanyId == c.Id), db.CompanyContacts.Count(x => x.CompanyId == c.Id)))
            .ToDictionaryAsync(s => s.Id, ct);
}
