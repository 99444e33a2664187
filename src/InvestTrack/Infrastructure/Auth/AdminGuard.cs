using System.Text.Encodings.Web;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>
/// The server-side check of the access matrix that every service runs before it acts (hidden buttons are never
/// the guard), with the audit helpers the refusal and the admin commands share.
/// </summary>
public static class AdminGuard
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Refuses (audited) when the acting user may not perform the operation.</summary>
    public static async Task DemandAsync(CurrentUser user, AuditLog audit, Operation operation, string objectType, string? objectId = null)
    {
        if (user.Can(operation)) return;
        await audit.WriteAsync("Refused", objectType, objectId, result: "Refused", details: Serialize(new { operation = operation.ToString() }));
        user.NoteRefusalAudited();
        throw new UnauthorizedAccessException($"{user.UserName ?? "anonymous"} may not {operation}");
    }

    /// <summary>Refuses (audited) unless the acting user may perform at least one of the operations (a list two roles read for different work).</summary>
    public static async Task DemandAnyAsync(CurrentUser user, AuditLog audit, Operation[] operations, string objectType, string? objectId = null)
    {
        if (operations.Any(user.Can)) return;
        await DemandAsync(user, audit, operations[0], objectType, objectId);
    }

    public static string Serialize(object value) => JsonSerializer.Serialize(value, Json);

    /// <summary>
    /// An audit entry in the caller's context, so that it commits (or rolls back) with the change it records
    /// (docs/security.md 19); AuditLog opens a context of its own and cannot share the transaction.
    /// </summary>
    public static async Task AuditAsync(AppDbContext db, string action, string objectType, string objectId, object? details = null, CancellationToken ct = default)
    {
        AuditCapture.Add(db, action, objectType, objectId, details is null ? null : Serialize(details));
        await db.SaveChangesAsync(ct);
    }
}
