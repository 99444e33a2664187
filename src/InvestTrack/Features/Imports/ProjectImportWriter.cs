using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Imports;

/// <summary>
/// Writes a checked import plan in one transaction: new companies, codes filled in, new and changed
/// projects, their stage history, the moved projects' history, and one "Import" audit entry. Changes
/// go through AppDbContext, so the unit guard, the per-record audit entries and the version check apply
/// as for any edit; saves are chunked and the tracker cleared between chunks, so that 100 000 rows cost
/// neither quadratic change detection nor unbounded memory. New rows on PostgreSQL go by binary COPY
/// with the same checks and audit entries (bench/README.md, ledger import: 100 000 new rows).
/// </summary>
internal sealed class ProjectImportWriter(AppDbContext db, ProjectImportPlanner planner, string? userName, DateTimeOffset now)
{
    private const int Chunk = 5_000;

    public async Task WriteAsync(List<PlannedProject> plan, string fileName, ImportCounts counts, CancellationToken ct)
    {
        // Automatic change detection stays on: AppDbContext bumps versions after its own DetectChanges and
        // relies on SaveChanges detecting that bump. Clearing the tracker per chunk keeps detection cheap.
        // Inside the caller's transaction when there is one (the funds of the same workbook are written in it too).
        var ownTx = db.Database.CurrentTransaction is null ? await db.Database.BeginTransactionAsync(ct) : null;
        await using var _ = ownTx;
        var note = $"台账导入 {fileName}";

        var newCompanies = plan.Select(p => p.Company.New).OfType<Company>().Distinct().ToList();
        await CreateAsync(newCompanies, ct);
        await FillCreditCodesAsync(plan, ct);

        var stageChanges = new List<StageChange>();
        var created = plan.Where(p => p.IsNew).Select(NewProject).ToList();
        await CreateAsync(created, ct);
        stageChanges.AddRange(created.Select(p => Change(p, null, ProjectStatus.Active, note)));

        var updated = plan.Where(p => p.Existing is not null && p.Changes).ToList();
        var moved = new List<Project>();
        await SaveInChunksAsync(updated, p =>
        {
            var project = p.Existing!;
            var (fromStage, fromStatus, fromUnit) = (project.Stage, project.Status, project.UnitId);
            // Attached as loaded: the UPDATE then writes only what differs and checks the version read.
            db.Projects.Attach(project);
            Apply(project, p);
            project.UpdatedAt = now;
            if (project.UnitId != fromUnit) moved.Add(project);
            if (project.Stage != fromStage || project.Status != fromStatus) stageChanges.Add(Change(project, fromStage, fromStatus, note));
        }, ct);
        await MoveHistoryAsync(moved, ct);
        await CreateAsync(stageChanges, ct);

        await AdminGuard.AuditAsync(db, "Import", nameof(Project), fileName.Length > 100 ? fileName[..100] : fileName, new
        {
            file = fileName, rows = counts.Rows, created = counts.Created, updated = counts.Updated, unchanged = counts.Unchanged,
            companiesCreated = counts.CompaniesCreated,
        }, ct);
        if (ownTx is not null) await ownTx.CommitAsync(ct);
    }

    /// <summary>
    /// New rows: on PostgreSQL by binary COPY with the same text check, unit guard and Create audit entries as a save
    /// (BulkInsert.InsertAuditedAsync), in this transaction; on SQLite through the context in chunks.
    /// </summary>
    private async Task CreateAsync<T>(List<T> rows, CancellationToken ct) where T : class
    {
        if (db.Database.IsNpgsql()) await BulkInsert.InsertAuditedAsync(db, rows, ct);
        else await SaveInChunksAsync(rows, r => db.Add(r), ct);
    }

    private async Task SaveInChunksAsync<T>(IReadOnlyList<T> items, Action<T> add, CancellationToken ct)
    {
        for (var start = 0; start < items.Count; start += Chunk)
        {
            foreach (var item in items.Skip(start).Take(Chunk)) add(item);
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
    }

    private async Task FillCreditCodesAsync(List<PlannedProject> plan, CancellationToken ct)
    {
        var fills = plan.Select(p => p.Company).Where(c => c.FillCreditCode is not null).Distinct().ToDictionary(c => c.ExistingId!.Value, c => c.FillCreditCode!);
        if (fills.Count == 0) return;
        var ids = fills.Keys.ToList();
        foreach (var company in await db.Companies.Where(c => ids.Contains(c.Id)).ToListAsync(ct)) company.CreditCode = fills[company.Id];
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private Project NewProject(PlannedProject p)
    {
        var project = new Project { Code = p.Row.Code, Name = p.Row.Name, CreatedAt = now, UpdatedAt = now };
        Apply(project, p);
        return project;
    }

    private void Apply(Project project, PlannedProject p)
    {
        var row = p.Row;
        project.Name = row.Name;
        project.CompanyId = p.Company.Id;
        project.UnitId = row.UnitId;
        project.IndustryId = p.Existing is null ? row.IndustryId : planner.IndustryIdFor(p.Existing, row);
        project.PlannedInvestment = row.PlannedInvestment;
        project.ContractedInvestment = row.ContractedInvestment;
        project.SigningKind = row.SigningKind;
        (project.SignedOn, project.StartedOn, project.InProductionOn) = (row.SignedOn, row.StartedOn, row.InProductionOn);
        if (project.Status != row.Status && row.Status == ProjectStatus.Active) project.StatusReason = null;
        project.Status = row.Status;
        project.LeadSource = row.LeadSource;
        project.Stage = p.Stage;
    }

    /// <summary>A project's rows (history, milestones, progress, funds) carry its unit: they move with it, as in the project form.</summary>
    private async Task MoveHistoryAsync(List<Project> moved, CancellationToken ct)
    {
        if (moved.Count == 0) return;
        await ProjectChildren.MoveAsync(db, moved.ToDictionary(p => p.Id, p => p.UnitId), ct);
        await db.SaveChangesAsync(ct);
        db.ChangeTracker.Clear();
    }

    private StageChange Change(Project project, ProjectStage? fromStage, ProjectStatus fromStatus, string note) => new()
    {
        ProjectId = project.Id, UnitId = project.UnitId, FromStage = fromStage, FromStatus = fromStatus,
        ToStage = project.Stage, ToStatus = project.Status, ChangedAt = now, UserName = userName, Note = note.Length > 500 ? note[..500] : note,
    };
}
