using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Imports;

/// <summary>
/// Imports the 项目 sheet of a ledger (docs/import-format.md). <see cref="PreviewAsync"/> reads,
/// checks and plans without writing; <see cref="CommitAsync"/> does the same again on the same bytes
/// and writes everything in one transaction, or nothing when any row has a problem. Lookups are
/// loaded once, so the cost grows with the rows, not with queries per row.
/// </summary>
public sealed class ProjectImport(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, TimeProvider clock)
{
    private const int PreviewRows = 20;

    public ImportLimits Limits { get; init; } = ImportLimits.Default;

    public Task<ImportResult> PreviewAsync(Stream content, string fileName, CancellationToken ct = default, IProgress<WorkProgress>? progress = null) =>
        RunAsync(content, fileName, commit: false, progress, ct);

    public Task<ImportResult> CommitAsync(Stream content, string fileName, CancellationToken ct = default, IProgress<WorkProgress>? progress = null) =>
        RunAsync(content, fileName, commit: true, progress, ct);

    /// <summary>Moving a project to another unit needs the matrix's MoveProjects, as in the project form.</summary>
    private bool CanMove => actor.Can(Operation.MoveProjects);

    /// <summary>
    /// Reads, checks and plans; on commit writes. The token cancels until writing starts (nothing is written then); the
    /// write is one transaction and runs to its end. Reading and checking run off the caller's thread, so that a page
    /// can show the progress while they work.
    /// </summary>
    private async Task<ImportResult> RunAsync(Stream content, string fileName, bool commit, IProgress<WorkProgress>? progress, CancellationToken ct)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, "Import");
        var culture = CultureInfo.CurrentUICulture;
        var name = Path.GetFileName(fileName);
        progress?.Report(new WorkProgress("reading", 0));
        var read = await Task.Run(() => LedgerReader.Read(content, name, Limits, culture), ct);
        var problems = new List<ImportProblem>(read.Problems);
        var warnings = new List<ImportProblem>();
        if (read.Workbook is null) return ImportResult.Failed(name, problems, warnings);
        var rowsRead = read.Workbook.Sheets.Where(s => !SheetKinds.IsTemplateSheet(s)).Sum(s => (long)s.Rows.Count);
        progress?.Report(new WorkProgress("reading", rowsRead, rowsRead));
        ct.ThrowIfCancellationRequested();
        progress?.Report(new WorkProgress("checking", 0, rowsRead));

        await using var db = dbFactory.CreateDbContext();
        var now = clock.GetUtcNow();
        var lookups = await ProjectImportLookups.LoadAsync(db, actor.UnitScope, ChinaTime.DateOf(now), ct);
        var validator = new ProjectRowValidator(lookups, culture);
        var fundsValidator = new FundsRowValidator(culture);
        var fundsRows = new List<FundsImportRow>();
        var activityValidator = new ActivityRowValidator(lookups, culture);
        var activityRows = new List<ActivityImportRow>();
        var rows = await Task.Run(() => LedgerSheets.Validate(read.Workbook, name, validator, fundsValidator, fundsRows, activityValidator, activityRows, problems, warnings, culture), ct);
        progress?.Report(new WorkProgress("checking", rowsRead, rowsRead));
        ct.ThrowIfCancellationRequested();
        problems.AddRange(validator.Problems);
        problems.AddRange(fundsValidator.Problems);
        problems.AddRange(activityValidator.Problems);
        if (problems.Count > 0) return ImportResult.Failed(name, Capped(problems, culture), warnings);

        progress?.Report(new WorkProgress("planning", 0, rowsRead));
        // The stored projects of the rows' codes, those of other units too (a code is unique in the city), and the
        // companies the rows may match by credit code or name: never the whole province's tables.
        var codes = rows.Select(r => r.Code).Distinct(StringComparer.Ordinal).ToList();
        var projects = await db.Projects.IgnoreQueryFilters().AsNoTracking().Where(p => codes.Contains(p.Code))
            .ToDictionaryAsync(p => p.Code, StringComparer.Ordinal, ct);
        var investors = rows.Select(r => r.Investor).Distinct(StringComparer.Ordinal).ToList();
        var creditCodes = rows.Where(r => r.CreditCode is not null).Select(r => r.CreditCode!).Distinct(StringComparer.Ordinal).ToList();
        var companies = await db.Companies.AsNoTracking().Where(c => investors.Contains(c.Name) || (c.CreditCode != null && creditCodes.Contains(c.CreditCode)))
            .Select(c => new StoredCompany(c.Id, c.Name, c.CreditCode)).ToListAsync(ct);
        var industryNames = await db.Industries.AsNoTracking().ToDictionaryAsync(i => i.Id, i => i.Name, ct);
        var planner = new ProjectImportPlanner(projects, companies, industryNames, actor.UnitScope, CanMove, culture, now);
        var plan = planner.Plan(rows);
        if (planner.Problems.Count > 0) return ImportResult.Failed(name, Capped(planner.Problems, culture), warnings);
        var fundsPlan = new List<PlannedFunds>();
        if (fundsRows.Count > 0)
        {
            var fundsPlanner = await FundsImportLookups.PlannerAsync(db, rows, fundsRows, actor.Can(Operation.AuditFunds),
                ChinaTime.DateOf(now), culture, ct);
            fundsPlan = fundsPlanner.Plan(fundsRows);
            if (fundsPlanner.Problems.Count > 0) return ImportResult.Failed(name, Capped(fundsPlanner.Problems, culture), warnings);
        }
        var (activityPlan, activityProblems) = await ActivityImportPlanner.PlanAsync(db, activityRows, actor.UnitScope, culture, ct);
        if (activityProblems.Count > 0) return ImportResult.Failed(name, Capped(activityProblems, culture), warnings);
        var activityCounts = new ActivityImportCounts(activityRows.Count, activityPlan.Count(p => p.IsNew), activityPlan.Count(p => !p.IsNew && p.Changes),
            activityPlan.Count(p => !p.Changes));
        var fundsCounts = new FundsImportCounts(fundsRows.Count, fundsPlan.Count(p => p.IsNew), fundsPlan.Count(p => !p.IsNew && p.Changes),
            fundsPlan.Count(p => !p.Changes), fundsPlan.Count(p => p.Status == FundsAuditStatus.Audited));

        var unitNames = lookups.Units.Values.DistinctBy(u => u.Id).ToDictionary(u => u.Id, u => u.Name);
        var counts = new ImportCounts(rows.Count, plan.Count(p => p.IsNew), plan.Count(p => !p.IsNew && p.Changes), plan.Count(p => !p.Changes),
            plan.Select(p => p.Company).Where(c => c.New is not null).Distinct().Count());
        ImportPreviewRow Preview(PlannedProject p) => new(p.Row.RowNumber, p.Row.Code, p.Row.Name, p.Row.Investor, unitNames[p.Row.UnitId],
            p.Row.PlannedInvestment, p.ChangedColumns);
        var result = new ImportResult(name, [], warnings, counts,
            [.. plan.Where(p => p.IsNew).Take(PreviewRows).Select(Preview)],
            [.. plan.Where(p => !p.IsNew && p.Changes).Take(PreviewRows).Select(Preview)], Committed: false, fundsCounts, activityCounts);
        progress?.Report(new WorkProgress("planning", rowsRead, rowsRead));
        if (!commit) return result;
        ct.ThrowIfCancellationRequested();
        // Re-importing the same ledger changes no record; the import itself is still audited (docs/security.md 18).
        if (counts.Created == 0 && counts.Updated == 0 && plan.All(p => p.Company.FillCreditCode is null) && fundsCounts.Created == 0 && fundsCounts.Updated == 0
            && activityCounts.Created == 0 && activityCounts.Updated == 0)
        {
            await audit.WriteAsync("Import", nameof(Project), name.Length > 100 ? name[..100] : name,
                details: System.Text.Json.JsonSerializer.Serialize(new
                {
                    file = name, rows = counts.Rows, created = 0, updated = 0, unchanged = counts.Unchanged,
                    fundsRows = fundsCounts.Rows, fundsUnchanged = fundsCounts.Unchanged,
                    activityRows = activityCounts.Rows, activitiesUnchanged = activityCounts.Unchanged,
                }), ct: ct);
            return result with { Committed = true };
        }

        var writes = (long)counts.Created + counts.Updated + fundsCounts.Created + fundsCounts.Updated + activityCounts.Created + activityCounts.Updated;
        progress?.Report(new WorkProgress("writing", 0, writes));
        // From here on the work runs to its end: a half-cancelled write would only be rolled back.
        ct = CancellationToken.None;
        try
        {
            // One transaction for both sheets: the funds of a project created here need its id, and either both land or neither.
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await new ProjectImportWriter(db, planner, DisplayName, now).WriteAsync(plan, name, counts, ct);
            await new FundsImportWriter(db, actor.UserName, name, now).WriteAsync(fundsPlan, ct);
            await ActivityImportPlanner.WriteAsync(db, activityPlan, now, ct);
            if (fundsCounts.Created + fundsCounts.Updated > 0)
                await AdminGuard.AuditAsync(db, "Import", nameof(FundsRecord), name.Length > 100 ? name[..100] : name, new
                {
                    file = name, rows = fundsCounts.Rows, created = fundsCounts.Created, updated = fundsCounts.Updated,
                    unchanged = fundsCounts.Unchanged, audited = fundsCounts.Audited,
                }, ct);
            await tx.CommitAsync(ct);
            progress?.Report(new WorkProgress("writing", writes, writes));
        }
        catch (Exception ex) when (ex is DbUpdateException or OutOfScopeException or Npgsql.PostgresException)
        {
            // Someone saved a project or company between our read and our write: all rolled back, say so. A save reports
            // it as DbUpdateException, a COPY of new rows (PostgreSQL) as the server's error itself.
            return ImportResult.Failed(name, [new ImportProblem(name, null, null, ImportCodes.Conflict, ImportMessages.Format(ImportCodes.Conflict, culture))], warnings);
        }
        return result with { Committed = true };
    }

    private string? DisplayName => actor.Principal.FindFirst(AppClaims.DisplayName)?.Value ?? actor.UserName;

    /// <summary>Keeps the answer bounded, saying that there were more.</summary>
    private List<ImportProblem> Capped(List<ImportProblem> problems, CultureInfo culture)
    {
        if (problems.Count <= Limits.MaxProblems) return problems;
        var capped = problems.Take(Limits.MaxProblems).ToList();
        capped.Add(new ImportProblem(problems[0].Sheet, null, null, ImportCodes.TooManyProblems,
            ImportMessages.Format(ImportCodes.TooManyProblems, culture, Limits.MaxProblems)));
        return capped;
    }
}
