using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Network;

/// <summary>
/// Events (恳谈会, 博览会, 推介会, 人才大会): reads need ViewRecords, writes EditRecords, checked here. Events are
/// unit-scoped, so another unit's event is "not found"; a signing may link only a project the user may see.
/// Every save is validated in full, audited by AppDbContext, and refused when the version the user saw is stale.
/// </summary>
public sealed class EventService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit,
    IStringLocalizer<NetworkResource> t, TimeProvider clock) : INetworkRecords<EventForm, EventDetail>
{
    internal const string ObjectType = nameof(NetworkEvent);
    public const int MaxParticipants = 1000;
    public const int MaxSignings = 200;
    public const int MaxExportRows = 100_000;

    public async Task<NetworkPage<EventRow>> ListAsync(EventFilter filter, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var (items, total, page, size) = await NetworkSave.PageAsync(Rows(db, filter), filter.Page, filter.PageSize, ct);
        return new NetworkPage<EventRow>(items, total, page, size);
    }

    public async Task<EventDetail?> FindAsync(int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType, Id(id));
        await using var db = dbFactory.CreateDbContext();
        var e = await db.NetworkEvents.AsNoTracking().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return null;
        var unitName = await db.Units.Where(u => u.Id == e.UnitId).Select(u => u.Name).SingleAsync(ct);
        var participants = await db.EventParticipants.AsNoTracking().Where(p => p.EventId == id).OrderBy(p => p.Id)
            .Select(p => new ParticipantView(p.Id, p.Name, p.Organisation, p.TalentId,
                db.TalentPeople.Where(x => x.Id == p.TalentId).Select(x => x.Name).FirstOrDefault()))
            .ToListAsync(ct);
        // The project's code and name only when the user may see it (the Projects filter); otherwise the name recorded at the event.
        var signings = await db.EventSignings.AsNoTracking().Where(s => s.EventId == id).OrderBy(s => s.Id)
            .Select(s => new
            {
                s.Id, s.ProjectId, s.ProjectName, s.Amount,
                Project = db.Projects.Where(p => p.Id == s.ProjectId).Select(p => new { p.Code, p.Name }).FirstOrDefault(),
            })
            .ToListAsync(ct);
        // Summed by the database, exactly (whole hundredths of a 万元 on both providers).
        var signed = await db.EventSignings.Where(s => s.EventId == id).SumAsync(s => (long?)s.Amount, ct) ?? 0;
        var count = e.ParticipantCount ?? participants.Count;
        return new EventDetail(e.Id, e.Name, e.Kind, e.StartsOn, e.EndsOn, e.Venue, e.Region, e.UnitId, unitName, e.ParticipantCount, e.Notes, e.Version,
            participants,
            [.. signings.Select(s => new SigningView(s.Id, s.Project is null ? null : s.ProjectId, s.Project?.Code,
                s.Project?.Name ?? s.ProjectName ?? "—", Money.ToWan(s.Amount)))],
            signed, EventLine.Format(t, count, signings.Count, signed));
    }

    public async Task<NetworkResult> CreateAsync(EventForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var e = new NetworkEvent { Name = "", Venue = "", CreatedAt = clock.GetUtcNow() };
        return await NetworkSave.CreateAsync(db, e, () => e.Id, x => ApplyAsync(db, x, form, ct), t, ct);
    }

    /// <summary>Refused (Stale) when the event changed since <paramref name="version"/> was read.</summary>
    public async Task<NetworkResult> UpdateAsync(int id, EventForm form, int version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, Id(id));
        await using var db = dbFactory.CreateDbContext();
        // Participants and signings are part of the event: a save that changes only them still raises (and checks) the version.
        return await NetworkSave.UpdateAsync(db, WithChildren(db).Where(x => x.Id == id), id, version, x => ApplyAsync(db, x, form, ct), t, ct, withChildren: true);
    }

    public async Task<NetworkResult> DeleteAsync(int id, int version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, Id(id));
        await using var db = dbFactory.CreateDbContext();
        // Loaded, so that the removal of each participant and signing is audited too.
        return await NetworkSave.DeleteAsync(db, WithChildren(db).Where(x => x.Id == id), id, version, t, ct);
    }

    private static IQueryable<NetworkEvent> WithChildren(AppDbContext db) => db.NetworkEvents.Include(x => x.Participants).Include(x => x.Signings);

    public async Task<ExportFile> ExportAsync(EventFilter filter, NetworkExportFormat format, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ExportRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var rows = await Rows(db, filter).Take(MaxExportRows).ToListAsync(ct);
        var sheet = ExportSheet.Of("活动", rows,
            ExportColumn<EventRow>.Text(t["Event.Name"], r => r.Name),
            ExportColumn<EventRow>.Text(t["Event.Kind"], r => t[$"EventKind.{r.Kind}"].Value),
            ExportColumn<EventRow>.Date(t["Event.StartsOn"], r => r.StartsOn),
            ExportColumn<EventRow>.Date(t["Event.EndsOn"], r => r.EndsOn),
            ExportColumn<EventRow>.Text(t["Event.Venue"], r => r.Venue),
            ExportColumn<EventRow>.Text(t["Event.Region"], r => r.Region),
            ExportColumn<EventRow>.Text(t["Event.Organiser"], r => r.UnitName),
            ExportColumn<EventRow>.Count(t["Event.Participants"], r => r.Participants),
            ExportColumn<EventRow>.Count(t["Event.SigningCount"], r => r.Signings),
            ExportColumn<EventRow>.Wan(t["Event.SignedAmountWan"], r => r.SignedAmount));
        return await NetworkSave.ExportAsync(audit, clock, sheet, format, "活动清单", "events", ObjectType, rows.Count, filter, ct);
    }

    /// <summary>Projects matching the text (code or name) among those the user may see, for the signing picker.</summary>
    public async Task<IReadOnlyList<ProjectChoice>> ProjectChoicesAsync(string? text, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        return await ProjectChoices.SearchAsync(db, text, ct);
    }

    internal static IQueryable<EventRow> Rows(AppDbContext db, EventFilter filter)
    {
        var events = db.NetworkEvents.AsNoTracking();
        if (TextInput.Search(filter.Text) is { } text)
            events = events.Where(e => e.Name.Contains(text) || e.Venue.Contains(text) || (e.Region != null && e.Region.Contains(text)));
        if (filter.Kind is { } kind) events = events.Where(e => e.Kind == kind);
        if (filter.UnitId is { } unitId) events = events.Where(e => e.UnitId == unitId);
        if (filter.Year is { } year)
        {
            var (from, to) = (new DateOnly(Math.Clamp(year, 1, 9999), 1, 1), new DateOnly(Math.Clamp(year, 1, 9999), 12, 31));
            events = events.Where(e => e.StartsOn <= to && e.EndsOn >= from);
        }
        var rows = events.Select(e => new
        {
            e.Id, e.Name, e.Kind, e.StartsOn, e.EndsOn, e.Venue, e.Region,
            UnitName = db.Units.Where(u => u.Id == e.UnitId).Select(u => u.Name).First(),
            Participants = e.ParticipantCount ?? db.EventParticipants.Count(p => p.EventId == e.Id),
            Signings = db.EventSignings.Count(s => s.EventId == e.Id),
            Signed = db.EventSignings.Where(s => s.EventId == e.Id).Sum(s => (long?)s.Amount) ?? 0,
        });
        // The id breaks ties, so that paging is stable.
        rows = (filter.Sort, filter.Descending) switch
        {
            (EventSort.Name, false) => rows.OrderBy(r => r.Name).ThenBy(r => r.Id),
            (EventSort.Name, true) => rows.OrderByDescending(r => r.Name).ThenBy(r => r.Id),
            (EventSort.Kind, false) => rows.OrderBy(r => r.Kind).ThenBy(r => r.Id),
            (EventSort.Kind, true) => rows.OrderByDescending(r => r.Kind).ThenBy(r => r.Id),
            (EventSort.Unit, false) => rows.OrderBy(r => r.UnitName).ThenBy(r => r.Id),
            (EventSort.Unit, true) => rows.OrderByDescending(r => r.UnitName).ThenBy(r => r.Id),
            (EventSort.Participants, false) => rows.OrderBy(r => r.Participants).ThenBy(r => r.Id),
            (EventSort.Participants, true) => rows.OrderByDescending(r => r.Participants).ThenBy(r => r.Id),
            (EventSort.SignedAmount, false) => rows.OrderBy(r => r.Signed).ThenBy(r => r.Id),
            (EventSort.SignedAmount, true) => rows.OrderByDescending(r => r.Signed).ThenBy(r => r.Id),
            (_, false) => rows.OrderBy(r => r.StartsOn).ThenBy(r => r.Id),
            _ => rows.OrderByDescending(r => r.StartsOn).ThenByDescending(r => r.Id),
        };
        return rows.Select(r => new EventRow(r.Id, r.Name, r.Kind, r.StartsOn, r.EndsOn, r.Venue, r.Region, r.UnitName, r.Participants, r.Signings, r.Signed));
    }

    /// <summary>Validates every field and, only when all are valid, copies them onto the entity.</summary>
    private async Task<Dictionary<string, string>?> ApplyAsync(AppDbContext db, NetworkEvent e, EventForm form, CancellationToken ct)
    {
        var check = new NetworkChecks(t);
        var name = check.Text("name", t["Event.Name"], form.Name, 200, required: true);
        if (form.Kind is not { } kind || !Enum.IsDefined(kind)) check.Add("kind", t["Error.Required", t["Event.Kind"]]);
        var starts = check.Date("startsOn", t["Event.StartsOn"], form.StartsOn);
        var ends = check.Date("endsOn", t["Event.EndsOn"], form.EndsOn);
        if (form.StartsOn is not null) check.Order("endsOn", t["Event.EndsOn"], t["Event.StartsOn"], starts, ends);
        var venue = check.Text("venue", t["Event.Venue"], form.Venue, 200, required: true);
        var region = check.Text("region", t["Event.Region"], form.Region, 100);
        var place = await check.PlaceAsync(db, "region", t["Event.Region"], region, ct);
        var unitId = await check.UnitAsync(db, "unitId", form.UnitId ?? (e.Id == 0 ? null : e.UnitId), actor.UnitId, ct);
        if (form.ParticipantCount is < 0) check.Add("participantCount", t["Error.Negative", t["Event.ParticipantCount"]]);
        var notes = check.Text("notes", t["Field.Notes"], form.Notes, 2000);

        var participants = await ParticipantsAsync(db, e, form.Participants ?? [], check, ct);
        var signings = await SigningsAsync(db, e, form.Signings ?? [], check, ct);
        if (check.Any) return check.Errors;

        e.Name = name!;
        e.Kind = form.Kind!.Value;
        (e.StartsOn, e.EndsOn) = (starts, ends);
        e.Venue = venue!;
        e.Region = region;
        (e.ProvinceCode, e.CityCode) = (place?.ProvinceCode, place?.CityCode);
        e.UnitId = unitId;
        e.ParticipantCount = form.ParticipantCount;
        e.Notes = notes;
        NetworkSave.Sync(e.Participants, participants, p => p.Id, (target, source) =>
        {
            target.Name = source.Name;
            target.Organisation = source.Organisation;
            target.TalentId = source.TalentId;
        });
        NetworkSave.Sync(e.Signings, signings, s => s.Id, (target, source) =>
        {
            target.ProjectId = source.ProjectId;
            target.ProjectName = source.ProjectName;
            target.Amount = source.Amount;
        });
        return null;
    }

    private async Task<List<EventParticipant>> ParticipantsAsync(AppDbContext db, NetworkEvent e, List<ParticipantForm> forms, NetworkChecks check, CancellationToken ct)
    {
        var result = new List<EventParticipant>();
        if (forms.Count > MaxParticipants)
        {
            check.Add("participants", t["Error.TooMany", t["Event.ParticipantList"], MaxParticipants]);
            return result;
        }
        // Talents are unit-scoped: an id the user may not see is refused like a missing one.
        var talentIds = forms.Where(f => f.TalentId is not null).Select(f => f.TalentId!.Value).Distinct().ToList();
        var visible = talentIds.Count == 0 ? [] : await db.TalentPeople.Where(x => talentIds.Contains(x.Id)).Select(x => x.Id).ToListAsync(ct);
        for (var i = 0; i < forms.Count; i++)
        {
            var f = forms[i];
            var key = $"participants[{i}]";
            var label = t["Event.Participant", i + 1];
            if (f.Id is { } existingId && (e.Participants.All(p => p.Id != existingId) || result.Any(r => r.Id == existingId)))
            {
                check.Add(key, t["Error.RowNotFound", label]);
                continue;
            }
            var name = check.Text($"{key}.name", t["Event.ParticipantName", i + 1], f.Name, 50, required: true);
            var organisation = check.Text($"{key}.organisation", t["Event.ParticipantOrganisation", i + 1], f.Organisation, 200);
            if (f.TalentId is { } talentId && !visible.Contains(talentId)) check.Add($"{key}.talentId", t["Error.TalentNotFound", label]);
            result.Add(new EventParticipant { Id = f.Id ?? 0, Name = name ?? "", Organisation = organisation, TalentId = f.TalentId });
        }
        return result;
    }

    private async Task<List<EventSigning>> SigningsAsync(AppDbContext db, NetworkEvent e, List<SigningForm> forms, NetworkChecks check, CancellationToken ct)
    {
        var result = new List<EventSigning>();
        if (forms.Count > MaxSignings)
        {
            check.Add("signings", t["Error.TooMany", t["Event.Signings"], MaxSignings]);
            return result;
        }
        // Projects are unit-scoped: another unit's project is refused exactly as a missing one.
        var projectIds = forms.Where(f => f.ProjectId is not null).Select(f => f.ProjectId!.Value).Distinct().ToList();
        var projects = projectIds.Count == 0 ? [] : await db.Projects.Where(p => projectIds.Contains(p.Id)).Select(p => new { p.Id, p.Name }).ToListAsync(ct);
        for (var i = 0; i < forms.Count; i++)
        {
            var f = forms[i];
            var key = $"signings[{i}]";
            var label = t["Event.Signing", i + 1];
            if (f.Id is { } existingId && (e.Signings.All(s => s.Id != existingId) || result.Any(r => r.Id == existingId)))
            {
                check.Add(key, t["Error.RowNotFound", label]);
                continue;
            }
            string? name = null;
            if (f.ProjectId is { } projectId)
            {
                if (projects.FirstOrDefault(p => p.Id == projectId) is { } project) name = project.Name;
                else check.Add($"{key}.projectId", t["Error.ProjectNotFound", label]);
            }
            else name = check.Text($"{key}.projectName", t["Event.SigningProjectName", i + 1], f.ProjectName, 200, required: true);
            long amount = 0;
            if (f.AmountWan is not { } wan) check.Add($"{key}.amountWan", t["Error.Required", t["Event.SigningAmount", i + 1]]);
            else if (!Money.TryFromWan(wan, out amount)) check.Add($"{key}.amountWan", t["Error.Amount", t["Event.SigningAmount", i + 1]]);
            result.Add(new EventSigning { Id = f.Id ?? 0, ProjectId = f.ProjectId, ProjectName = name, Amount = amount });
        }
        return result;
    }

    internal static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
