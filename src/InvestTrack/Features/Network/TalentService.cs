using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Network;

public enum TalentSort { Name, Field, Organisation, Unit }

public sealed record TalentFilter(string? Text = null, int? UnitId = null, TalentSort Sort = TalentSort.Name, bool Descending = false, int Page = 1, int PageSize = 50);

/// <summary>A talent as every answer gives it: phone and email masked (docs/security.md 22).</summary>
public sealed record TalentView(int Id, int UnitId, string UnitName, string Name, string? Origin, string? Field, string? Organisation, string? Title,
    string? MaskedPhone, string? MaskedEmail, string? Notes, int Version);

public sealed record TalentDetail(TalentView Talent, IReadOnlyList<NamedLink> Workstations, IReadOnlyList<NamedLink> Events);

public sealed record NamedLink(int Id, string Name);

/// <summary>What a user may set on a talent; a masked phone or email sent back unchanged keeps the stored value.</summary>
public sealed class TalentForm
{
    public string Name { get; set; } = "";
    public string? Origin { get; set; }
    public string? Field { get; set; }
    public string? Organisation { get; set; }
    public string? Title { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
    public string? Notes { get; set; }
    public int? UnitId { get; set; }

    public static TalentForm Of(TalentView v) => new()
    {
        Name = v.Name, Origin = v.Origin, Field = v.Field, Organisation = v.Organisation, Title = v.Title,
        Phone = v.MaskedPhone, Email = v.MaskedEmail, Notes = v.Notes, UnitId = v.UnitId,
    };
}

/// <summary>Talent people outside the city with ties to it (域外四平籍人才), unit-scoped; their contacts never leave unmasked.</summary>
public sealed class TalentService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit,
    IStringLocalizer<NetworkResource> t, TimeProvider clock) : INetworkRecords<TalentForm, TalentDetail>
{
    internal const string ObjectType = nameof(TalentPerson);

    public async Task<NetworkPage<TalentView>> ListAsync(TalentFilter filter, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var (items, total, page, size) = await NetworkSave.PageAsync(Rows(db, filter), filter.Page, filter.PageSize, ct);
        return new NetworkPage<TalentView>([.. items.Select(v => Masked(Opened(db, v)))], total, page, size);
    }

    public async Task<TalentDetail?> FindAsync(int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType, EventService.Id(id));
        await using var db = dbFactory.CreateDbContext();
        var talent = await Rows(db, new TalentFilter(), [id]).SingleOrDefaultAsync(ct);
        if (talent is null) return null;
        var stations = await db.TalentWorkstations.AsNoTracking().Where(w => w.Members.Any(m => m.TalentId == id)).OrderBy(w => w.Name)
            .Select(w => new NamedLink(w.Id, w.Name)).ToListAsync(ct);
        var events = await db.NetworkEvents.AsNoTracking().Where(e => e.Participants.Any(p => p.TalentId == id)).OrderByDescending(e => e.StartsOn)
            .Select(e => new NamedLink(e.Id, e.Name)).ToListAsync(ct);
        return new TalentDetail(Masked(Opened(db, talent)), stations, events);
    }

    /// <summary>The talents the user may see, for pickers (members, participants).</summary>
    public async Task<IReadOnlyList<NamedLink>> ChoicesAsync(CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        return await db.TalentPeople.AsNoTracking().OrderBy(x => x.Name).ThenBy(x => x.Id).Take(2000).Select(x => new NamedLink(x.Id, x.Name)).ToListAsync(ct);
    }

    public async Task<NetworkResult> CreateAsync(TalentForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var talent = new TalentPerson { Name = "", CreatedAt = clock.GetUtcNow() };
        return await NetworkSave.CreateAsync(db, talent, () => talent.Id, x => ApplyAsync(db, x, form, ct), t, ct);
    }

    public async Task<NetworkResult> UpdateAsync(int id, TalentForm form, int version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, EventService.Id(id));
        await using var db = dbFactory.CreateDbContext();
        return await NetworkSave.UpdateAsync(db, db.TalentPeople.Where(x => x.Id == id), id, version, x => ApplyAsync(db, x, form, ct), t, ct);
    }

    public async Task<NetworkResult> DeleteAsync(int id, int version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, EventService.Id(id));
        await using var db = dbFactory.CreateDbContext();
        return await NetworkSave.DeleteAsync(db, db.TalentPeople.Where(x => x.Id == id), id, version, t, ct, async () =>
        {
            // Memberships go with the person, and event participants keep their name without the link; both audited.
            db.WorkstationMembers.RemoveRange(await db.WorkstationMembers.Where(m => m.TalentId == id).ToListAsync(ct));
            foreach (var participant in await db.EventParticipants.Where(p => p.TalentId == id).ToListAsync(ct)) participant.TalentId = null;
        });
    }

    /// <summary>The filtered list as a file; the phone and email masked, as on screen.</summary>
    public async Task<ExportFile> ExportAsync(TalentFilter filter, NetworkExportFormat format, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ExportRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var rows = (await Rows(db, filter).Take(EventService.MaxExportRows).ToListAsync(ct)).Select(v => Masked(Opened(db, v))).ToList();
        var sheet = ExportSheet.Of("人才", rows,
            ExportColumn<TalentView>.Text(t["Talent.Name"], r => r.Name),
            ExportColumn<TalentView>.Text(t["Talent.Origin"], r => r.Origin),
            ExportColumn<TalentView>.Text(t["Talent.Field"], r => r.Field),
            ExportColumn<TalentView>.Text(t["Field.Organisation"], r => r.Organisation),
            ExportColumn<TalentView>.Text(t["Talent.Title"], r => r.Title),
            ExportColumn<TalentView>.Text(t["Field.Phone"], r => r.MaskedPhone),
            ExportColumn<TalentView>.Text(t["Field.Email"], r => r.MaskedEmail),
            ExportColumn<TalentView>.Text(t["Field.Unit"], r => r.UnitName));
        return await NetworkSave.ExportAsync(audit, clock, sheet, format, "人才清单", "talents", ObjectType, rows.Count, filter, ct);
    }

    /// <summary>Rows with the stored contacts; every caller masks them (<see cref="Masked"/>) before they leave.</summary>
    internal static IQueryable<TalentView> Rows(AppDbContext db, TalentFilter filter, IReadOnlyCollection<int>? ids = null)
    {
        var talents = db.TalentPeople.AsNoTracking();
        if (ids is not null) talents = talents.Where(x => ids.Contains(x.Id));
        if (TextInput.Search(filter.Text) is { } text)
            talents = talents.Where(x => x.Name.Contains(text) || (x.Field != null && x.Field.Contains(text))
                || (x.Organisation != null && x.Organisation.Contains(text)) || (x.Origin != null && x.Origin.Contains(text)));
        if (filter.UnitId is { } unitId) talents = talents.Where(x => x.UnitId == unitId);
        // Ordered on the entity (a record made by its constructor cannot be ordered in SQL); the id breaks ties.
        talents = (filter.Sort, filter.Descending) switch
        {
            (TalentSort.Field, false) => talents.OrderBy(r => r.Field).ThenBy(r => r.Id),
            (TalentSort.Field, true) => talents.OrderByDescending(r => r.Field).ThenBy(r => r.Id),
            (TalentSort.Organisation, false) => talents.OrderBy(r => r.Organisation).ThenBy(r => r.Id),
            (TalentSort.Organisation, true) => talents.OrderByDescending(r => r.Organisation).ThenBy(r => r.Id),
            (TalentSort.Unit, false) => talents.OrderBy(r => db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First()).ThenBy(r => r.Id),
            (TalentSort.Unit, true) => talents.OrderByDescending(r => db.Units.Where(u => u.Id == r.UnitId).Select(u => u.Name).First()).ThenBy(r => r.Id),
            (_, true) => talents.OrderByDescending(r => r.Name).ThenBy(r => r.Id),
            _ => talents.OrderBy(r => r.Name).ThenBy(r => r.Id),
        };
        return talents.Select(x => new TalentView(x.Id, x.UnitId, db.Units.Where(u => u.Id == x.UnitId).Select(u => u.Name).First(),
            x.Name, x.Origin, x.Field, x.Organisation, x.Title, x.Phone, x.Email, x.Notes, x.Version));
    }

    /// <summary>The row's phone and email, projected sealed in SQL, opened (Data/PersonalDataSealing.cs).</summary>
    internal static TalentView Opened(AppDbContext db, TalentView v) => v with
    {
        MaskedPhone = PersonalDataSealing.Open<TalentPerson>(db, nameof(TalentPerson.Phone), v.Id, v.MaskedPhone),
        MaskedEmail = PersonalDataSealing.Open<TalentPerson>(db, nameof(TalentPerson.Email), v.Id, v.MaskedEmail),
    };

    internal static TalentView Masked(TalentView v) =>
        v with { MaskedPhone = PersonalData.MaskPhone(v.MaskedPhone), MaskedEmail = PersonalData.MaskEmail(v.MaskedEmail) };

    private async Task<Dictionary<string, string>?> ApplyAsync(AppDbContext db, TalentPerson talent, TalentForm form, CancellationToken ct)
    {
        var check = new NetworkChecks(t);
        var name = check.Text("name", t["Talent.Name"], form.Name, 50, required: true);
        var origin = check.Text("origin", t["Talent.Origin"], form.Origin, 100);
        var field = check.Text("field", t["Talent.Field"], form.Field, 100);
        var organisation = check.Text("organisation", t["Field.Organisation"], form.Organisation, 200);
        var title = check.Text("title", t["Talent.Title"], form.Title, 100);
        var phone = check.Phone("phone", t["Field.Phone"], form.Phone, talent.Phone);
        var email = check.Email("email", t["Field.Email"], form.Email, talent.Email);
        var notes = check.Text("notes", t["Field.Notes"], form.Notes, 2000);
        var unitId = await check.UnitAsync(db, "unitId", form.UnitId ?? (talent.Id == 0 ? null : talent.UnitId), actor.UnitId, ct);
        if (check.Any) return check.Errors;
        (talent.Name, talent.Origin, talent.Field, talent.Organisation, talent.Title) = (name!, origin, field, organisation, title);
        (talent.Phone, talent.Email, talent.Notes, talent.UnitId) = (phone, email, notes, unitId);
        return null;
    }
}
