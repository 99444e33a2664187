using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Network;

/// <summary>What the network services share when they save, delete and export.</summary>
internal static class NetworkSave
{
    public static NetworkResult Missing(IStringLocalizer<NetworkResource> t) =>
        new(NotFound: true, Errors: new Dictionary<string, string>(StringComparer.Ordinal) { [""] = t["Error.NotFound"] });

    public static NetworkResult StaleResult(int id, IStringLocalizer<NetworkResource> t) =>
        new(id, new Dictionary<string, string>(StringComparer.Ordinal) { [""] = t["Error.Stale"] }, Stale: true);

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
