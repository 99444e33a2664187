using InvestTrack.Data;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.Projects;

public static class ProjectApi
{
    public static void MapProjectApi(this RouteGroupBuilder api)
    {
        var projects = api.MapGroup("/projects").WithTags("Projects").RequireAuthorization(nameof(Operation.ViewRecords));

        projects.MapGet("/", async (IReadDbContextFactory reads, string? q, ProjectStage? stage, ProjectStatus? status, int? unitId, int? industryId,
                InvestmentTier? tier, OriginClass? origin, int? signedYear, string? leader, ProjectSort? sort, bool? desc, int? page, int? pageSize, CancellationToken ct) =>
            {
                await using var db = reads.CreateDbContext();
                return TypedResults.Ok(await ProjectQueries.PageAsync(db, new ProjectFilter(q, stage, unitId, status, industryId, tier, origin, signedYear, leader,
                    sort ?? ProjectSort.Code, desc ?? false, page ?? 1, pageSize ?? 50), ct));
            })
            .WithName("ListProjects");

        // Another unit's project answers exactly like a missing one.
        projects.MapGet("/{id}", async Task<Results<Ok<ProjectRow>, NotFound>> (int id, AppDbContext db, CancellationToken ct) =>
            await ProjectQueries.FindAsync(db, id, ct) is { } row ? TypedResults.Ok(row) : TypedResults.NotFound())
            .WithName("GetProject");
    }
}
