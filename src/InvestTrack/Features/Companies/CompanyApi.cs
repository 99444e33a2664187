using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Http.HttpResults;

namespace InvestTrack.Features.Companies;

/// <summary>The company directory over HTTP. Field errors answer as ValidationProblem (400), a stale version as 409.</summary>
public static class CompanyApi
{
    public static void MapCompanyApi(this RouteGroupBuilder api)
    {
        // Writes need the X-Requested-With header (docs/decisions/0005-api-csrf.md); reads pass the filter untouched.
        var companies = api.MapGroup("/companies").WithTags("Companies").RequireAuthorization(nameof(Operation.ViewRecords))
            ;

        companies.MapGet("/", async (CompanyService service, string? q, OriginClass? originClass, string? province, CompanySort? sort, bool? desc,
                int? page, int? pageSize, CancellationToken ct) =>
            TypedResults.Ok(await service.ListAsync(Filter(q, originClass, province, sort, desc, page, pageSize), ct)))
            .WithName("ListCompanies");

        companies.MapGet("/{id}", async Task<Results<Ok<CompanyDetail>, NotFound>> (int id, CompanyService service, CancellationToken ct) =>
            await service.FindAsync(id, ct) is { } company ? TypedResults.Ok(company) : TypedResults.NotFound())
            .WithName("GetCompany");

        companies.MapPost("/", async Task<Results<Created<CompanyDetail>, ValidationProblem>> (CompanyForm form, CompanyService service, CancellationToken ct) =>
        {
            var result = await service.CreateAsync(form, ct);
            if (!result.Ok) return Invalid(result);
            return TypedResults.Created($"/api/companies/{result.Id}", await service.FindAsync(result.Id!.Value, ct));
        }).RequireAuthorization(nameof(Operation.EditRecords)).WithName("CreateCompany");

        companies.MapPut("/{id}", async Task<Results<Ok<CompanyDetail>, ValidationProblem, NotFound, ProblemHttpResult>> (
            int id, int version, CompanyForm form, CompanyService service, CancellationToken ct) =>
        {
            var result = await service.UpdateAsync(id, form, version, ct);
            if (result.NotFound) return TypedResults.NotFound();
            if (result.Stale) return TypedResults.Problem(result.Message, statusCode: StatusCodes.Status409Conflict);
            if (!result.Ok) return Invalid(result);
            return TypedResults.Ok((await service.FindAsync(id, ct))!);
        }).RequireAuthorization(nameof(Operation.EditRecords)).WithName("UpdateCompany");

        companies.MapGet("/export", async (CompanyExport export, string? q, OriginClass? originClass, string? province, CompanySort? sort, bool? desc,
                string? format, CancellationToken ct) =>
        {
            var kind = string.Equals(format, "xlsx", StringComparison.OrdinalIgnoreCase) ? ExportFormat.Xlsx : ExportFormat.Csv;
            return await export.ExportAsync(Filter(q, originClass, province, sort, desc, 1, CompanyExport.MaxRows), kind, ct);
        }).RequireAuthorization(nameof(Operation.ExportRecords)).WithName("ExportCompanies");

        companies.MapGet("/duplicates", async Task<Results<Ok<DuplicateReport>, ForbidHttpResult>> (CompanyDuplicates duplicates, CurrentUser user, CancellationToken ct) =>
            user.Can(Operation.MergeCompanies) ? TypedResults.Ok(await duplicates.ScanAsync(ct)) : await RefuseAsync(duplicates.ScanAsync, ct))
            .RequireAuthorization(nameof(Operation.EditRecords)).WithName("FindDuplicateCompanies");

        companies.MapPost("/{keepId}/merge/{otherId}", async Task<Results<Ok<MergeResult>, NotFound, ValidationProblem, ForbidHttpResult>> (
            int keepId, int otherId, CompanyMerge merge, CurrentUser user, CancellationToken ct) =>
        {
            MergeResult result;
            try
            {
                result = await merge.MergeAsync(keepId, otherId, ct);
            }
            catch (UnauthorizedAccessException)
            {
                return TypedResults.Forbid();
            }
            if (result.NotFound) return TypedResults.NotFound();
            if (!result.Ok) return TypedResults.ValidationProblem(new Dictionary<string, string[]> { [""] = [result.Error!] });
            return TypedResults.Ok(result);
        }).RequireAuthorization(nameof(Operation.EditRecords)).WithName("MergeCompanies");
    }

    /// <summary>Lets the service write the refusal to the audit trail, then answers 403.</summary>
    private static async Task<ForbidHttpResult> RefuseAsync<T>(Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        try { await call(ct); } catch (UnauthorizedAccessException) { }
        return TypedResults.Forbid();
    }

    private static CompanyFilter Filter(string? q, OriginClass? originClass, string? province, CompanySort? sort, bool? desc, int? page, int? pageSize) =>
        new(q, originClass, province, sort ?? CompanySort.Name, desc ?? false, page ?? 1, pageSize ?? 50);

    private static ValidationProblem Invalid(CompanyResult result) =>
        TypedResults.ValidationProblem(result.Errors!.ToDictionary(e => e.Key, e => new[] { e.Value }));
}
