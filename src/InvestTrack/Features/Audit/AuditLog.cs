using InvestTrack.Data;

namespace InvestTrack.Features.Audit;

/// <summary>Writes events that are not record changes (sign-in, lockout, refusals, exports) to the audit trail.</summary>
public sealed class AuditLog(Microsoft.EntityFrameworkCore.IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task WriteAsync(string action, string? objectType = null, string? objectId = null, string result = "Success",
        string? userName = null, string? details = null, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var entry = AuditCapture.Add(db, action, objectType, objectId, details, result);
        entry.UserName ??= userName;
        await db.SaveChangesAsync(ct);
    }
}
