using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.Features.Audit;

public static class AuditApi
{
    /// <summary>GET /api/audit: the same filters and keyset paging as the audit page; the read is audited.</summary>
    public static void MapAuditApi(this RouteGroupBuilder api) =>
        api.MapGet("/audit", async (AuditQueries queries, DateOnly? from, DateOnly? to, string? user, string? action,
                string? objectType, string? objectId, string? result, long? before, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await queries.SearchAsync(
                new AuditFilter(from, to, user, action, objectType, objectId, result, before, pageSize ?? 50), ct)))
            .RequireAuthorization(nameof(Operation.ReadAuditTrail))
            .WithName("ListAuditEntries").WithTags("Audit");
}
