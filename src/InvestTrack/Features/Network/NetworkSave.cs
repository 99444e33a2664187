using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Network;

/// <summary>What the network services share when they list, save, delete and export.</summary>
internal static class NetworkSave
{
    /// <summary>One page of <paramref name="rows"/> and the total for the pager; the size is capped at 500.</summary>
    public static async Task<(List<T> Items, int Total, int Page, int Size)> PageAsync<T>(IQueryable<T> rows, int page, int pageSize, CancellationToken ct)
    {
        var (size, first) = (Math.Clamp(pageSize, 1, 500), Math.Max(page, 1));
        var total = await rows.CountAsync(ct);
        var items = Paging.Skip(first, size) is { } skip ? await rows.Skip(skip).Take(size).ToListAsync(ct) : [];
        return (items, total, first, size);
    }

    public static NetworkResult Missing(IStringLocalizer<NetworkResource> t) =>
        new(NotFound: true, Errors: new Dictionary<string, string>(StringComparer.Ordinal) { [""] = t["Error.NotFound"] });

    public static NetworkResult StaleResult(int id, IStringLocalizer<NetworkResource> t) =>
        new(id, new Dictionary<string, string>(StringComparer.Ordinal) { [""] = t["Error.Stale"] }, Stale: true);

    /// <summary>Adds <paramref name="row"/> when the form passes <paramref name="apply"/>, and saves it.</summary>
    public static async Task<NetworkResult> CreateAsync<T>(AppDbContext db, T row, Func<int> id, Func<T, Task<Dictionary<string, string>?>> apply,
        IStringLocalizer<NetworkResource> t, CancellationToken ct, Func<T, NetworkResult>? onConflict = null) where T : class
    {
        if (await apply(row) is { } errors) return new NetworkResult(Errors: errors);
        db.Add(row);
        return await SaveAsync(db, id, t, ct, onConflict is null ? null : () => onConflict(row));
    }

    /// <summary>
    /// Changes the row <paramref name="query"/> finds with the form (<paramref name="apply"/>) and saves it; a missing (or another
    /// unit's) row, or one whose version is no longer the one the user read, is refused before the form is looked at.
    /// </summary>
    /// <param name="withChildren">The row owns child rows (members, participants): a save that changes only them still raises and checks the version.</param>
    public static async Task<NetworkResult> UpdateAsync<T>(AppDbContext db, IQueryable<T> query, int id, int version, Func<T, Task<Dictionary<string, string>?>> apply,
        IStringLocalizer<NetworkResource> t, CancellationToken ct, Func<T, NetworkResult>? onConflict = null, bool withChildren = false) where T : class, IVersioned
    {
        var (row, refused) = await CurrentAsync(db, query, id, version, t, ct);
        if (row is null) return refused!;
        if (await apply(row) is { } errors) return new NetworkResult(id, errors);
        if (withChildren) db.Entry(row).Property(nameof(IVersioned.Version)).IsModified = true;
        return await SaveAsync(db, () => id, t, ct, onConflict is null ? null : () => onConflict(row));
    }

    /// <summary>Removes the row <paramref name="query"/> finds, refused as <see cref="UpdateAsync"/> refuses; <paramref name="unlink"/> first deals with rows that point at it.</summary>
    public static async Task<NetworkResult> DeleteAsync<T>(AppDbContext db, IQueryable<T> query, int id, int version,
        IStringLocalizer<NetworkResource> t, CancellationToken ct, Func<Task>? unlink = null) where T : class, IVersioned
    {
        var (row, refused) = await CurrentAsync(db, query, id, version, t, ct);
        if (row is null) return refused!;
        if (unlink is not null) await unlink();
        db.Remove(row);
        return await SaveAsync(db, () => id, t, ct);
    }

    /// <summary>
    /// The row to change with the version the user read set as its original, so that a save racing another one is refused
    /// by the database too; null and the answer when it is missing or already stale.
    /// </summary>
    private static async Task<(T? Row, NetworkResult? Refused)> CurrentAsync<T>(AppDbContext db, IQueryable<T> query, int id, int version,
        IStringLocalizer<NetworkResource> t, CancellationToken ct) where T : class, IVersioned
    {
        var row = await query.SingleOrDefaultAsync(ct);
        if (row is null) return (null, Missing(t));
        if (row.Version != version) return (null, StaleResult(id, t));
        db.Entry(row).Property(nameof(IVersioned.Version)).OriginalValue = version;
        return (row, null);
    }

    /// <summary>Saves (AppDbContext audits it in the same transaction); a stale version or a text the checks missed is refused.</summary>
    public static async Task<NetworkResult> SaveAsync(AppDbContext db, Func<int> id, IStringLocalizer<NetworkResource> t, CancellationToken ct,
        Func<NetworkResult>? onConflict = null)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new NetworkResult(id());
        }
        catch (DbUpdateConcurrencyException)
        {
            return StaleResult(id(), t);
        }
        catch (InvalidTextException e)
        {
            return new NetworkResult(Errors: new Dictionary<string, string>(StringComparer.Ordinal) { [JsonNamingPolicy.CamelCase.ConvertName(e.Field)] = e.Message });
        }
        catch (DbUpdateException) when (onConflict is not null)
        {
            // A unique index caught a row saved at the same moment by someone else.
            return onConflict();
        }
    }

    /// <summary>
    /// Makes a child collection hold exactly <paramref name="wanted"/>: rows left out are removed, rows with the id of
    /// an existing one update it in place (so the trail shows what changed), the rest are added.
    /// </summary>
    public static void Sync<T>(List<T> current, List<T> wanted, Func<T, int> id, Action<T, T> copy) where T : class
    {
        current.RemoveAll(existing => !wanted.Any(w => id(w) != 0 && id(w) == id(existing)));
        foreach (var item in wanted)
        {
            if (id(item) != 0) copy(current.Single(c => id(c) == id(item)), item);
            else current.Add(item);
        }
    }

    /// <summary>The file of a filtered list, its name set here, the export audited with its filter and row count.</summary>
    public static async Task<ExportFile> ExportAsync(AuditLog audit, TimeProvider clock, ExportSheet sheet, NetworkExportFormat format,
        string name, string asciiName, string objectType, int rows, object filter, CancellationToken ct)
    {
        var stamp = ExportFile.Stamp(clock);
        var file = ExportFile.Of(sheet, format == NetworkExportFormat.Csv, $"{name}-{stamp}", $"{asciiName}-{stamp}");
        await audit.WriteAsync("Export", objectType, details: AdminGuard.Serialize(new { format = format.ToString(), rows, file = file.AsciiFileName, filter }), ct: ct);
        return file;
    }
}
