using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Network;

public sealed record WorkstationFilter(string? Text = null, int? UnitId = null, bool Descending = false, int Page = 1, int PageSize = 50);

public sealed record WorkstationRow(int Id, string Name, string Place, DateOnly? EstablishedOn, string UnitName, int Members);

public sealed record WorkstationDetail(int Id, string Name, string Place, DateOnly? EstablishedOn, int UnitId, string UnitName, string? Notes, int Version,
    IReadOnlyList<TalentView> Members);

public sealed class WorkstationForm
{
    public string Name { get; set; } = "";
    public string Place { get; set; } = "";
    public DateOnly? EstablishedOn { get; set; }
    public string? Notes { get; set; }
    public int? UnitId { get; set; }
    /// <summary>Talents of the network, each one the user may see.</summary>
    public List<int> MemberIds { get; set; } = [];

    public static WorkstationForm Of(WorkstationDetail d) => new()
    {
        Name = d.Name, Place = d.Place, EstablishedOn = d.EstablishedOn, Notes = d.Notes, UnitId = d.UnitId, MemberIds = [.. d.Members.Select(m => m.Id)],
    };
}

/// <summary>Talent workstations such as 驻京人才工作站 with their members; unit-scoped, members only among the talents the user sees.</summary>
public sealed class WorkstationService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit,
    IStringLocalizer<NetworkResource> t, TimeProvider clock) : INetworkRecords<WorkstationForm, WorkstationDetail>
{
    internal const string ObjectType = nameof(TalentWorkstation);
    public const int MaxMembers = 500;

    public async Task<NetworkPage<WorkstationRow>> ListAsync(WorkstationFilter filter, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var (items, total, page, size) = await NetworkSave.PageAsync(Rows(db, filter), filter.Page, filter.PageSize, ct);
        return new NetworkPage<WorkstationRow>(items, total, page, size);
    }

    public async Task<WorkstationDetail?> FindAsync(int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType, EventService.Id(id));
        await using var db = dbFactory.CreateDbContext();
        var w = await db.TalentWorkstations.AsNoTracking().Include(x => x.Members).SingleOrDefaultAsync(x => x.Id == id, ct);
        if (w is null) return null;
        var unitName = await db.Units.Where(u => u.Id == w.UnitId).Select(u => u.Name).SingleAsync(ct);
        var memberIds = w.Members.Select(m => m.TalentId).ToList();
        var members = memberIds.Count == 0 ? []
            : (await TalentService.Rows(db, new TalentFilter(), memberIds).ToListAsync(ct)).Select(v => TalentService.Masked(TalentService.Opened(db, v))).ToList();
        return new WorkstationDetail(w.Id, w.Name, w.Place, w.EstablishedOn, w.UnitId, unitName, w.Notes, w.Version, members);
    }

    public async Task<NetworkResult> CreateAsync(WorkstationForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var w = new TalentWorkstation { Name = "", Place = "", CreatedAt = clock.GetUtcNow() };
        return await NetworkSave.CreateAsync(db, w, () => w.Id, x => ApplyAsync(db, x, form, ct), t, ct);
    }

    public async Task<NetworkResult> UpdateAsync(int id, WorkstationForm form, int version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, EventService.Id(id));
        await using var db = dbFactory.CreateDbContext();
        // Members are part of the workstation: a save that changes only them still raises (and checks) the version.
        return await NetworkSave.UpdateAsync(db, db.TalentWorkstations.Include(x => x.Members).Where(x => x.Id == id), id, version,
            x => ApplyAsync(db, x, form, ct), t, ct, withChildren: true);
    }

    public async Task<NetworkResult> DeleteAsync(int id, int version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, EventService.Id(id));
        await using var db = dbFactory.CreateDbContext();
        return await NetworkSave.DeleteAsync(db, db.TalentWorkstations.Include(x => x.Members).Where(x => x.Id == id), id, version, t, ct);
    }

    public async Task<ExportFile> ExportAsync(WorkstationFilter filter, NetworkExportFormat format, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ExportRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var rows = await Rows(db, filter).Take(EventService.MaxExportRows).ToListAsync(ct);
        var sheet = ExportSheet.Of("人才工作站", rows,
            ExportColumn<WorkstationRow>.Text(t["Workstation.Name"], r => r.Name),
            ExportColumn<WorkstationRow>.Text(t["Workstation.Place"], r => r.Place),
            ExportColumn<WorkstationRow>.Date(t["Workstation.EstablishedOn"], r => r.EstablishedOn),
            ExportColumn<WorkstationRow>.Text(t["Field.Unit"], r => r.UnitName),
            ExportColumn<WorkstationRow>.Count(t["Workstation.MemberCount"], r => r.Members));
        return await NetworkSave.ExportAsync(audit, clock, sheet, format, "人才工作站清单", "workstations", ObjectType, rows.Count, filter, ct);
    }

    private static IQueryable<WorkstationRow> Rows(AppDbContext db, WorkstationFilter filter)
    {
        var stations = db.TalentWorkstations.AsNoTracking();
        if (TextInput.Search(filter.Text) is { } text) stations = stations.Where(w => w.Name.Contains(text) || w.Place.Contains(text));
        if (filter.UnitId is { } unitId) stations = stations.Where(w => w.UnitId == unitId);
        stations = filter.Descending ? stations.OrderByDescending(w => w.Name).ThenBy(w => w.Id) : stations.OrderBy(w => w.Name).ThenBy(w => w.Id);
        return stations.Select(w => new WorkstationRow(w.Id, w.Name, w.Place, w.EstablishedOn,
            db.Units.Where(u => u.Id == w.UnitId).Select(u => u.Name).First(), w.Members.Count));
    }

    private async Task<Dictionary<string, string>?> ApplyAsync(AppDbContext db, TalentWorkstation w, WorkstationForm form, CancellationToken ct)
    {
        var check = new NetworkChecks(t);
        var name = check.Text("name", t["Workstation.Name"], form.Name, 100, required: true);
        var placeText = check.Text("place", t["Workstation.Place"], form.Place, 100, required: true);
        var place = await check.PlaceAsync(db, "place", t["Workstation.Place"], placeText, ct);
        var notes = check.Text("notes", t["Field.Notes"], form.Notes, 2000);
        var unitId = await check.UnitAsync(db, "unitId", form.UnitId ?? (w.Id == 0 ? null : w.UnitId), actor.UnitId, ct);
        var memberIds = (form.MemberIds ?? []).Distinct().ToList();
        if (memberIds.Count > MaxMembers) check.Add("memberIds", t["Error.TooMany", t["Workstation.Members"], MaxMembers]);
        else if (memberIds.Count > 0)
        {
            // Talents are unit-scoped: one the user may not see is refused like a missing one.
            var visible = await db.TalentPeople.Where(x => memberIds.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct);
            if (memberIds.Except(visible).FirstOrDefault() is var missing && missing != 0) check.Add("memberIds", t["Error.MemberNotFound", missing]);
        }
        if (check.Any) return check.Errors;
        (w.Name, w.Place, w.ProvinceCode, w.CityCode) = (name!, placeText!, place!.ProvinceCode, place.CityCode);
        (w.EstablishedOn, w.Notes, w.UnitId) = (form.EstablishedOn, notes, unitId);
        w.Members.RemoveAll(m => !memberIds.Contains(m.TalentId));
        foreach (var talentId in memberIds.Where(m => w.Members.All(x => x.TalentId != m))) w.Members.Add(new WorkstationMember { TalentId = talentId });
        return null;
    }
}
