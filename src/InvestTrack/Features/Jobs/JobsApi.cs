using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.Jobs;

/// <summary>The jobs page over HTTP, for system admins: list, runs, run now (writes need X-Requested-With).</summary>
public static class JobsApi
{
    public static void MapJobsApi(this RouteGroupBuilder api)
    {
        var jobs = api.MapGroup("/jobs").WithTags("Jobs").RequireAuthorization(nameof(Operation.ManageJobs));
        jobs.MapGet("/", async (JobsAdmin admin, CancellationToken ct) => TypedResults.Ok(await admin.ListAsync(ct))).WithName("ListJobs");
        jobs.MapGet("/runs", async (JobsAdmin admin, string? job, int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await admin.RunsAsync(job, page ?? 1, Math.Clamp(pageSize ?? 50, 1, 500), ct))).WithName("ListJobRuns");
        jobs.MapPost("/{key}/run", async Task<Results<Accepted, NotFound, ProblemHttpResult>> (string key, JobsAdmin admin, CancellationToken ct) =>
            await admin.RunNowAsync(key, ct) switch
            {
                RunNowOutcome.Started => TypedResults.Accepted((string?)null),
                RunNowOutcome.NotFound => TypedResults.NotFound(),
                _ => TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict",
                    detail: "本实例未启用任务调度（Jobs:Enabled=false） / the scheduler is not enabled on this instance"),
            }).WithName("RunJobNow");
    }
}
