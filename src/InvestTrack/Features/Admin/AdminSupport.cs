using System.Text.Encodings.Web;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.Features.Admin;

/// <summary>The outcome of an admin command: an error message for the user, or success. Stale means "reload and retry".</summary>
public sealed record AdminResult(string? Error = null, bool Stale = false)
{
    public static readonly AdminResult Success = new();
    public bool Ok => Error is null;
    public static AdminResult Fail(string message) => new(message);
    public static AdminResult Conflict(string message) => new(message, Stale: true);

    /// <summary>Saves, turning a stale version into a conflict and a refused unique index or reference into a message.</summary>
    public static async Task<AdminResult> SaveAsync(AppDbContext db, string staleMessage, string refusedMessage, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return Success;
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException)
        {
            return Conflict(staleMessage);
        }
        catch (Kernel.InvalidTextException e)
        {
            return Fail(e.Message);
        }
        catch (Microsoft.EntityFrameworkCore.DbUpdateException)
        {
            // Someone saved the same name or code at the same moment, or other records still refer to this one.
            return Fail(refusedMessage);
        }
    }
}

/// <summary>Server-side checks shared by the admin services; hidden buttons are never the guard.</summary>
public static class AdminGuard
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Refuses (audited) when the acting user may not perform the operation.</summary>
    public static async Task DemandAsync(CurrentUser user, AuditLog audit, Operation operation, string objectType, string? objectId = null)
    {
        if (user.Can(operation)) return;
        await audit.WriteAsync("Refused", objectType, objectId, result: "Refused", details: Serialize(new { operation = operation.ToString() }));
        throw new UnauthorizedAccessException($"{user.UserName ?? "anonymous"} may not {operation}");
    }

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Json);

    /// <summary>
    /// An audit entry in the caller's context, so that it commits (or rolls back) with the change it records
    /// (docs/security.md 19); AuditLog opens a context of its own and cannot share the transaction.
    /// </summary>
    public static async Task AuditAsync(AppDbContext db, string action, string objectType, string objectId, object? details = null, CancellationToken ct = default)
    {
        var entry = AuditCapture.Stamp(db);
        entry.Action = action;
        entry.ObjectType = objectType;
        entry.ObjectId = objectId;
        entry.NewValues = details is null ? null : Serialize(details);
        db.AuditEntries.Add(entry);
        await db.SaveChangesAsync(ct);
    }
}
