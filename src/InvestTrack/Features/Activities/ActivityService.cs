using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Imports;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Activities;

/// <summary>
/// Activities for the pages and the API: list, detail, create, edit, delete, project links and attachments. The unit
/// filter decides what a user reads (another unit's id is "not found"); AppDbContext audits every change and refuses a
/// stale version. The field rules are the 活动 sheet's, with the import's messages.
/// </summary>
public sealed class ActivityService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit,
    IStringLocalizer<ActivityResource> t, IStringLocalizer<FundsResource> f, IConfiguration configuration, TimeProvider clock)
{
    private const string ObjectType = nameof(Activity);

    public long MaxAttachmentBytes => EvidenceUpload.MaxBytes(configuration);

    public bool CanEdit => actor.Can(Operation.EditRecords);

    public async Task<ActivityPage> ListAsync(ActivityFilter filter, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var q = Filtered(db, filter);
        var total = await q.CountAsync(ct);
        var size = Math.Clamp(filter.PageSize, 1, 500);
        q = filter.Sort switch
        {
            ActivitySort.StartAsc => q.OrderBy(a => a.StartOn).ThenBy(a => a.Code),
            ActivitySort.Code => q.OrderBy(a => a.Code),
            ActivitySort.Unit => q.OrderBy(a => a.UnitId).ThenByDescending(a => a.StartOn).ThenBy(a => a.Code),
            _ => q.OrderByDescending(a => a.StartOn).ThenBy(a => a.Code),
        };
        if (Paging.Skip(filter.Page, size) is not { } skip) return new ActivityPage([], total, filter.Page, size);
        var rows = await (from a in q.Skip(skip).Take(size)
                          join u in db.Units on a.UnitId equals u.Id
                          select new ActivityListRow(a.Id, a.Code, a.Kind, a.StartOn, a.EndOn, a.UnitId, u.Name, a.Leader, a.LeaderLevel, a.Meetings,
                              a.Intentions, a.Destinations.Count, a.Counterparts.Count)).AsNoTracking().ToListAsync(ct);
        return new ActivityPage(rows, total, filter.Page, size);
    }

    /// <summary>Every activity of the filter, in the list's order, for the export (streamed).</summary>
    public async IAsyncEnumerable<ActivityDetail> ExportAsync(ActivityFilter filter, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var ids = Filtered(db, filter).OrderByDescending(a => a.StartOn).ThenBy(a => a.Code).Select(a => a.Id).AsAsyncEnumerable();
        var batch = new List<int>(500);
        await foreach (var id in ids.WithCancellation(ct))
        {
            batch.Add(id);
            if (batch.Count < 500) continue;
            foreach (var d in await DetailsAsync(batch, ct)) yield return d;
            batch.Clear();
        }
        foreach (var d in await DetailsAsync(batch, ct)) yield return d;
    }

    private async Task<List<ActivityDetail>> DetailsAsync(List<int> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var db = dbFactory.CreateDbContext();
        var list = await LoadAsync(db, ids, ct);
        var byId = list.ToDictionary(d => d.Id);
        return [.. ids.Where(byId.ContainsKey).Select(id => byId[id])];
    }

    private static IQueryable<Activity> Filtered(AppDbContext db, ActivityFilter filter)
    {
        var q = db.Activities.AsNoTracking();
        if (filter.Kind is { } k) q = q.Where(a => a.Kind == k);
        if (filter.UnitId is { } u) q = q.Where(a => a.UnitId == u);
        if (filter.Year is { } y && y is >= 1990 and <= 2200)
        {
            var (first, last) = (new DateOnly(y, 1, 1), new DateOnly(y, 12, 31));
            q = q.Where(a => a.StartOn >= first && a.StartOn <= last);
        }
        if (filter.LeaderLevel is { } l) q = q.Where(a => a.LeaderLevel == l);
        if (TextInput.Search(filter.Search) is { Length: > 0 } s)
            q = q.Where(a => a.Code.Contains(s) || (a.Leader != null && a.Leader.Contains(s)) || a.Counterparts.Any(c => c.Name.Contains(s))
                || a.Destinations.Any(d => d.Display.Contains(s)));
        return q;
    }

    /// <summary>The activities of the ids with their children, in four queries whatever their number.</summary>
    private static async Task<List<ActivityDetail>> LoadAsync(AppDbContext db, List<int> ids, CancellationToken ct)
    {
        var activities = await (from a in db.Activities.AsNoTracking().AsSplitQuery().Include(x => x.Destinations).Include(x => x.Counterparts)
                                join u in db.Units on a.UnitId equals u.Id
                                where ids.Contains(a.Id)
                                select new { a, Unit = u.Name }).ToListAsync(ct);
        var projects = (await (from l in db.ActivityProjects
                               join p in db.Projects on l.ProjectId equals p.Id
                               where ids.Contains(l.ActivityId)
                               orderby p.Code
                               select new { l.ActivityId, View = new ActivityProjectView(p.Id, p.Code, p.Name) }).AsNoTracking().ToListAsync(ct))
            .ToLookup(x => x.ActivityId, x => x.View);
        var attachments = (await db.ActivityAttachments.AsNoTracking().Where(x => ids.Contains(x.ActivityId)).OrderBy(x => x.Id)
                .Select(x => new { x.ActivityId, View = new ActivityAttachmentView(x.Id, x.FileName, x.ContentType, x.Size, x.UploadedBy, x.UploadedAt) })
                .ToListAsync(ct))
            .ToLookup(x => x.ActivityId, x => x.View);
        return [.. activities.Select(x => new ActivityDetail(x.a.Id, x.a.Code, x.a.Kind, ActivityText.KindName(x.a.Kind), x.a.StartOn, x.a.EndOn, x.a.UnitId, x.Unit,
            x.a.Leader, x.a.LeaderLevel, x.a.LeaderLevel is { } l ? ActivityText.LevelName(l) : null, x.a.Meetings, x.a.Intentions, x.a.Notes,
            [.. x.a.Destinations.OrderBy(d => d.SortOrder).Select(d => new ActivityDestinationView(d.ProvinceCode, d.CityCode, d.Display))],
            [.. x.a.Counterparts.OrderBy(c => c.SortOrder).Select(c => new ActivityCounterpartView(c.Type, ActivityText.TypeName(c.Type), c.Name))],
            [.. projects[x.a.Id]], [.. attachments[x.a.Id]], x.a.Version))];
    }

    /// <summary>Projects to link to an activity (the projects that came out of it), searched by code or name in the user's scope.</summary>
    public async Task<IReadOnlyList<ProjectChoice>> ProjectChoicesAsync(string? text, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        return await ProjectChoices.SearchAsync(db, text, ct);
    }

    /// <summary>The activity in the user's scope, or null (missing and foreign alike).</summary>
    public async Task<ActivityDetail?> GetAsync(int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType, id.ToString(CultureInfo.InvariantCulture));
        await using var db = dbFactory.CreateDbContext();
        return (await LoadAsync(db, [id], ct)).SingleOrDefault();
    }

    public Task<ActivityResult> CreateAsync(ActivityForm form, CancellationToken ct = default) => SaveAsync(null, form, ct);

    public Task<ActivityResult> UpdateAsync(int id, ActivityForm form, CancellationToken ct = default) => SaveAsync(id, form, ct);

    private async Task<ActivityResult> SaveAsync(int? id, ActivityForm form, CancellationToken ct)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, id?.ToString(CultureInfo.InvariantCulture));
        await using var db = dbFactory.CreateDbContext();
        Activity? a = null;
        if (id is { } existing)
        {
            a = await db.Activities.Include(x => x.Destinations).Include(x => x.Counterparts).AsSplitQuery().SingleOrDefaultAsync(x => x.Id == existing, ct);
            if (a is null) return NotFound();
            if (a.Version != form.Version) return Stale();
        }
        var (valid, errors) = await ValidateAsync(db, id, form, ct);
        if (valid is null) return new ActivityResult(CommandOutcome.Invalid, errors.ToDictionary(e => e.Key, e => e.Value.ToArray()));
        var now = clock.GetUtcNow();
        if (a is null) db.Activities.Add(a = new Activity { Code = valid.Code, CreatedAt = now });
        a.Code = valid.Code;
        ActivityChildren.Apply(a, valid.Kind, valid.StartOn, valid.EndOn, valid.UnitId, valid.Leader, valid.Level, valid.Meetings, valid.Intentions,
            valid.Notes, valid.Destinations, valid.Counterparts, now);
        try
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.SaveChangesAsync(ct);
            await LinkProjectsAsync(db, a, valid.ProjectIds, ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }
        catch (OutOfScopeException)
        {
            return NotFound();
        }
        catch (InvalidTextException e)
        {
            return ActivityResult.Fail(CommandOutcome.Invalid, "", e.Message);
        }
        catch (DbUpdateException)
        {
            // The same code saved by someone else at the same moment (unique index).
            return ActivityResult.Fail(CommandOutcome.Invalid, nameof(ActivityForm.Code), Message(ImportCodes.ActivityCodeTaken, valid.Code));
        }
        return ActivityResult.Success(a.Id, a.Version);
    }

    /// <summary>The links are the activity's records: replaced by the form's list (null leaves them as they are).</summary>
    private static async Task LinkProjectsAsync(AppDbContext db, Activity a, IReadOnlyList<int>? projectIds, CancellationToken ct)
    {
        if (projectIds is null) return;
        var links = await db.ActivityProjects.Where(l => l.ActivityId == a.Id).ToListAsync(ct);
        db.ActivityProjects.RemoveRange(links.Where(l => !projectIds.Contains(l.ProjectId)));
        foreach (var l in links) l.UnitId = a.UnitId;
        db.ActivityProjects.AddRange(projectIds.Distinct().Where(p => links.All(l => l.ProjectId != p))
            .Select(p => new ActivityProject { ActivityId = a.Id, ProjectId = p, UnitId = a.UnitId }));
        await db.SaveChangesAsync(ct);
    }

    private sealed record ValidActivity(string Code, ActivityKind Kind, DateOnly StartOn, DateOnly? EndOn, int UnitId, string? Leader, LeaderLevel? Level,
        List<ParsedDestination> Destinations, List<ParsedCounterpart> Counterparts, int Meetings, int Intentions, string? Notes, List<int>? ProjectIds);

    private async Task<(ValidActivity? Valid, Dictionary<string, List<string>> Errors)> ValidateAsync(AppDbContext db, int? id, ActivityForm form, CancellationToken ct)
    {
        var errors = new Dictionary<string, List<string>>();
        void Add(string field, string message) => (errors.TryGetValue(field, out var l) ? l : errors[field] = []).Add(message);
        string? Text(string field, string? value, int max, bool required = false, bool code = false)
        {
            var text = string.IsNullOrWhiteSpace(value) ? null : TextInput.Normalise(code ? TextInput.Code(value.Trim()) : value.Trim(), max >= TextInput.MultiLineFrom);
            if (text is null || text.Length == 0)
            {
                if (required) Add(field, Message(ImportCodes.Required, t[$"Field.{field}"].Value));
                return null;
            }
            if (text.Length > max) Add(field, Message(ImportCodes.TooLong, max));
            return text;
        }

        var code = Text(nameof(ActivityForm.Code), form.Code, Activity.CodeMaxLength, required: true, code: true);
        if (code is not null && await db.Activities.IgnoreQueryFilters().AnyAsync(a => a.Code == code && a.Id != (id ?? 0), ct))
            Add(nameof(ActivityForm.Code), Message(ImportCodes.ActivityCodeTaken, code));
        ActivityKind? kind = null;
        if (string.IsNullOrWhiteSpace(form.Kind)) Add(nameof(ActivityForm.Kind), Message(ImportCodes.Required, t["Field.Kind"].Value));
        else if (ActivityText.Kinds.TryGetValue(form.Kind.Trim(), out var k)) kind = k;
        else Add(nameof(ActivityForm.Kind), Message(ImportCodes.UnknownActivityKind));
        if (form.StartOn is null) Add(nameof(ActivityForm.StartOn), Message(ImportCodes.Required, t["Field.StartOn"].Value));
        if (form.StartOn is { } s && form.EndOn is { } e && e < s) Add(nameof(ActivityForm.EndOn), Message(ImportCodes.EndBeforeStart));
        if (form.UnitId is not { } unitId) Add(nameof(ActivityForm.UnitId), Message(ImportCodes.Required, t["Field.UnitId"].Value));
        else if (!actor.UnitScope.Contains(unitId) || !await db.Units.AnyAsync(u => u.Id == unitId, ct))
            Add(nameof(ActivityForm.UnitId), Message(ImportCodes.ActivityUnitOutOfScope));
        var leader = Text(nameof(ActivityForm.Leader), form.Leader, 100);
        LeaderLevel? level = null;
        if (!string.IsNullOrWhiteSpace(form.LeaderLevel))
        {
            if (ActivityText.Levels.TryGetValue(form.LeaderLevel.Trim(), out var l)) level = l;
            else Add(nameof(ActivityForm.LeaderLevel), Message(ImportCodes.UnknownLeaderLevel));
        }
        var places = await PlacesAsync(db, ct);
        var (destinations, badPlace, placeProblem) = ActivityText.Destinations(places, form.Destinations);
        if (badPlace is not null)
            Add(nameof(ActivityForm.Destinations), Message(placeProblem == EntryProblem.Abroad ? ImportCodes.DestinationAbroad : ImportCodes.UnknownDestination, badPlace));
        else if (destinations.Count == 0 && kind == ActivityKind.Outbound) Add(nameof(ActivityForm.Destinations), Message(ImportCodes.DestinationsRequired));
        var (counterparts, badCounterpart, cpProblem) = ActivityText.Counterparts(form.Counterparts);
        if (badCounterpart is not null)
            Add(nameof(ActivityForm.Counterparts), Message(cpProblem switch
            {
                EntryProblem.NoType => ImportCodes.CounterpartNoType,
                EntryProblem.UnknownType => ImportCodes.CounterpartUnknownType,
                EntryProblem.NameTooLong => ImportCodes.CounterpartTooLong,
                _ => ImportCodes.CounterpartNoName,
            }, badCounterpart));
        if (form.Meetings < 0) Add(nameof(ActivityForm.Meetings), Message(ImportCodes.CountNegative, t["Field.Meetings"].Value));
        if (form.Intentions < 0) Add(nameof(ActivityForm.Intentions), Message(ImportCodes.CountNegative, t["Field.Intentions"].Value));
        var notes = Text(nameof(ActivityForm.Notes), form.Notes, 2000);
        List<int>? projectIds = form.ProjectIds is null ? null : [.. form.ProjectIds.Distinct()];
        if (projectIds is { Count: > 0 })
        {
            var found = await db.Projects.Where(p => projectIds.Contains(p.Id)).Select(p => p.Id).ToListAsync(ct);
            if (found.Count != projectIds.Count) Add(nameof(ActivityForm.ProjectIds), t["Error.ProjectNotFound"]);
        }
        if (errors.Count > 0) return (null, errors);
        return (new ValidActivity(code!, kind!.Value, form.StartOn!.Value, form.EndOn, form.UnitId!.Value, leader, level, destinations, counterparts,
            form.Meetings ?? 0, form.Intentions ?? 0, notes, projectIds), errors);
    }

    private static async Task<Places> PlacesAsync(AppDbContext db, CancellationToken ct)
    {
        var province = await db.CitySettings.AsNoTracking().Select(c => c.ProvinceCode).FirstAsync(ct);
        return ProvincePlaces.For(province);
    }

    public async Task<ActivityResult> DeleteAsync(int id, int version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, id.ToString(CultureInfo.InvariantCulture));
        await using var db = dbFactory.CreateDbContext();
        var a = await db.Activities.Include(x => x.Destinations).Include(x => x.Counterparts).AsSplitQuery().SingleOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return NotFound();
        if (a.Version != version) return Stale();
        // The links and attachments go with it (cascade), each audited here since the database's cascade is not.
        db.ActivityProjects.RemoveRange(await db.ActivityProjects.Where(l => l.ActivityId == id).ToListAsync(ct));
        db.ActivityAttachments.RemoveRange(await db.ActivityAttachments.Where(x => x.ActivityId == id).ToListAsync(ct));
        db.Activities.Remove(a);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale();
        }
        catch (OutOfScopeException)
        {
            return NotFound();
        }
        return ActivityResult.Success(id, version);
    }

    public async Task<ActivityResult> UploadAsync(int id, string fileName, Stream content, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, nameof(ActivityAttachment));
        await using var db = dbFactory.CreateDbContext();
        var unitId = await db.Activities.Where(a => a.Id == id).Select(a => (int?)a.UnitId).SingleOrDefaultAsync(ct);
        if (unitId is null) return NotFound();
        var stored = await StoredFiles.AddAsync(db, db.ActivityAttachments.Where(x => x.ActivityId == id),
            new ActivityAttachment { ActivityId = id, UnitId = unitId.Value }, content, fileName, MaxAttachmentBytes, actor, clock, f, ct);
        return stored.Outcome switch
        {
            StoreOutcome.Stored => ActivityResult.Success(stored.Id, 0),
            StoreOutcome.NotFound => NotFound(),
            _ => Invalid(stored.Message!),
        };
    }

    public async Task<ActivityResult> DeleteAttachmentAsync(int id, long attachmentId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, nameof(ActivityAttachment), attachmentId.ToString(CultureInfo.InvariantCulture));
        await using var db = dbFactory.CreateDbContext();
        var x = await db.ActivityAttachments.SingleOrDefaultAsync(e => e.Id == attachmentId && e.ActivityId == id, ct);
        if (x is null) return NotFound();
        return await StoredFiles.RemoveAsync(db, x, ct) ? ActivityResult.Success(attachmentId, 0) : NotFound();
    }

    /// <summary>The file of one attachment in the user's scope, or null; the download is audited.</summary>
    public async Task<EvidenceFile?> DownloadAsync(int id, long attachmentId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(ActivityAttachment), attachmentId.ToString(CultureInfo.InvariantCulture));
        await using var db = dbFactory.CreateDbContext();
        var e = await db.ActivityAttachments.AsNoTracking().Where(x => x.Id == attachmentId && x.ActivityId == id)
            .Select(x => new { x.Content, x.ContentType, x.Sha256 }).SingleOrDefaultAsync(ct);
        if (e is null) return null;
        await AdminGuard.AuditAsync(db, "Download", nameof(ActivityAttachment), attachmentId.ToString(CultureInfo.InvariantCulture), new { activityId = id, sha256 = e.Sha256 }, ct);
        return new EvidenceFile(e.Content, e.ContentType, $"activity-{id}-attachment-{attachmentId}{EvidenceTypes.ExtensionOf(e.ContentType)}");
    }

    /// <summary>Units the user may pick in the form and filters.</summary>
    public async Task<List<(int Id, string Name)>> UnitsAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var units = await db.Units.AsNoTracking().OrderBy(u => u.SortOrder).ThenBy(u => u.Id).Select(u => new { u.Id, u.Name }).ToListAsync(ct);
        return [.. units.Where(u => actor.UnitScope.Contains(u.Id)).Select(u => (u.Id, u.Name))];
    }

    private string Message(string code, params object[] args) => ImportMessages.Format(code, CultureInfo.CurrentUICulture, args);

    private ActivityResult NotFound() => ActivityResult.Fail(CommandOutcome.NotFound, "", t["Error.NotFound"]);

    private ActivityResult Stale() => ActivityResult.Fail(CommandOutcome.Stale, "", t["Error.Stale"]);

    private static ActivityResult Invalid(string message) => ActivityResult.Fail(CommandOutcome.Invalid, "File", message);
}
