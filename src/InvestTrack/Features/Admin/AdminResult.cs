using InvestTrack.Data;

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
