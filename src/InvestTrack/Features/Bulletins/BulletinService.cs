using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Bulletins;

/// <summary>
/// The monthly bulletin's life: city staff (ManageBulletins) generate a draft on demand — the job does it on the first
/// working day of the month — add a preface and publish it; publishing numbers it per year and stores its .docx and
/// .xlsx, after which it never changes. Published bulletins are public within the city (every role that reads
/// records, decision 0012); drafts are for city staff only. Every step and every download is audited.
/// </summary>
public sealed class BulletinService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<BulletinResource> t,
    BulletinBuilder builder, TimeProvider clock)
{
    public const string DocxContentType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public bool CanManage => actor.Can(Operation.ManageBulletins);

    /// <summary>Published bulletins, newest first; city staff also see the drafts.</summary>
    public async Task<IReadOnlyList<BulletinSummary>> ListAsync(int? year = null, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(Bulletin));
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = db.Bulletins.AsNoTracking();
        if (!CanManage) rows = rows.Where(b => b.State == BulletinState.Published);
        if (year is { } y) rows = rows.Where(b => b.Year == y);
        return [.. (await rows.OrderByDescending(b => b.Year).ThenByDescending(b => b.Month).ToListAsync(ct)).Select(Summary)];
    }

    public async Task<(BulletinView? View, BulletinError Error)> GetAsync(int year, int month, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, nameof(Bulletin));
        if (!ValidPeriod(year, month)) return (null, BulletinError.BadPeriod);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Bulletins.AsNoTracking().SingleOrDefaultAsync(b => b.Year == year && b.Month == month, ct);
        if (row is null) return (null, BulletinError.NotFound);
        if (row.State == BulletinState.Draft && !CanManage) return (null, BulletinError.Forbidden);
        return (new BulletinView(Summary(row), Content(row)), BulletinError.None);
    }

    /// <summary>Generates (or regenerates) the month's draft from the records now, keeping its preface; refused once published.</summary>
    public async Task<CommandResult> GenerateDraftAsync(int year, int month, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageBulletins, nameof(Bulletin), Key(year, month));
        if (Refusal(year, month, ChinaTime.Today(clock)) is { } refused) return refused;
        return await WriteDraftAsync(year, month, ct);
    }

    /// <summary>
    /// The job's work on <paramref name="today"/> (China time): on the first working day of a month (the holiday
    /// calendar of the leads, 调休 included), the draft of the month before, unless that month already has a bulletin.
    /// </summary>
    public async Task<string> DraftOnFirstWorkingDayAsync(DateOnly today, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageBulletins, nameof(Bulletin));
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var calendar = await Leads.LeadService.CalendarAsync(db, ct);
            if (!BulletinRules.IsFirstWorkingDay(today, calendar)) return $"{today:yyyy-MM-dd} 不是本月第一个工作日，不生成通报 / not the month's first working day: nothing to do";
            var previous = today.AddMonths(-1);
            if (await db.Bulletins.AnyAsync(b => b.Year == previous.Year && b.Month == previous.Month, ct))
                return $"{previous.Year}年{previous.Month}月通报已存在 / the bulletin of {previous:yyyy-MM} exists already";
        }
        var month = today.AddMonths(-1);
        var result = await WriteDraftAsync(month.Year, month.Month, ct);
        return result.Ok ? $"已生成{month.Year}年{month.Month}月通报草稿 / draft of {month:yyyy-MM} generated" : result.FirstError;
    }

    public async Task<CommandResult> SetPrefaceAsync(int year, int month, BulletinPrefaceForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageBulletins, nameof(Bulletin), Key(year, month));
        if (!ValidPeriod(year, month)) return Invalid("month", t["Error.Period"]);
        var preface = form.Preface?.Trim() is { Length: > 0 } p ? p : null;
        if (preface?.Length > BulletinRules.MaxPreface) return Invalid(nameof(form.Preface), t["Error.PrefaceLength", BulletinRules.MaxPreface]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Bulletins.SingleOrDefaultAsync(b => b.Year == year && b.Month == month, ct);
        if (row is null) return CommandResult.Fail(CommandOutcome.NotFound, "", t["Error.NotFound", year, month]);
        if (row.State == BulletinState.Published) return Published(row);
        if (row.Version != form.Version) return CommandResult.Fail(CommandOutcome.Stale, "", t["Error.Stale"]);
        row.Preface = preface;
        row.Content = JsonSerializer.Serialize(Content(row) with { Preface = preface }, Json);
        return await SaveAsync(db, row, ct);
    }

    /// <summary>Numbers the draft (per year of publication), writes its .docx and .xlsx and stores them: from now on it never changes.</summary>
    public async Task<CommandResult> PublishAsync(int year, int month, BulletinPublishForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageBulletins, nameof(Bulletin), Key(year, month));
        if (!ValidPeriod(year, month)) return Invalid("month", t["Error.Period"]);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Bulletins.SingleOrDefaultAsync(b => b.Year == year && b.Month == month, ct);
        if (row is null) return CommandResult.Fail(CommandOutcome.NotFound, "", t["Error.NotFound", year, month]);
        if (row.State == BulletinState.Published) return Published(row);
        if (row.Version != form.Version) return CommandResult.Fail(CommandOutcome.Stale, "", t["Error.Stale"]);
        var now = clock.GetUtcNow();
        var today = ChinaTime.DateOf(now);
        var number = (await db.Bulletins.Where(b => b.NumberYear == today.Year).MaxAsync(b => b.Number, ct) ?? 0) + 1;
        var content = Content(row) with { NumberYear = today.Year, Number = number, IssuedOn = today };
        var (docx, xlsx) = await BulletinBuilder.RenderAsync(content);
        row.State = BulletinState.Published;
        row.NumberYear = today.Year;
        row.Number = number;
        row.Content = JsonSerializer.Serialize(content, Json);
        row.PublishedAt = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerMillisecond, TimeSpan.Zero);
        row.PublishedBy = actor.UserName ?? "";
        db.BulletinFiles.Add(File(row, BulletinFileKind.Docx, docx));
        db.BulletinFiles.Add(File(row, BulletinFileKind.Xlsx, xlsx));
        var saved = await SaveAsync(db, row, ct);
        if (saved.Ok) await audit.WriteAsync("Publish", nameof(Bulletin), Key(year, month), details: AdminGuard.Serialize(new { number = content.NumberText }), ct: ct);
        return saved;
    }

    /// <summary>
    /// The document of a month: a published bulletin's stored bytes (anyone who reads records), or a draft's written now
    /// from its content (city staff). Audited as a download.
    /// </summary>
    public async Task<(BulletinDownload? File, BulletinError Error)> DownloadAsync(int year, int month, BulletinFileKind kind, CancellationToken ct = default)
    {
        var (view, error) = await GetAsync(year, month, ct);
        if (view is null) return (null, error);
        byte[] bytes;
        if (view.Summary.State == BulletinState.Published)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            bytes = await (from f in db.BulletinFiles.AsNoTracking()
                           join b in db.Bulletins on f.BulletinId equals b.Id
                           where b.Year == year && b.Month == month && f.Kind == kind
                           select f.Content).SingleAsync(ct);
        }
        else
        {
            var (docx, xlsx) = await BulletinBuilder.RenderAsync(view.Content);
            bytes = kind == BulletinFileKind.Docx ? docx : xlsx;
        }
        await audit.WriteAsync("Download", nameof(Bulletin), Key(year, month), details: AdminGuard.Serialize(new { kind = kind.ToString(), state = view.Summary.State.ToString() }), ct: ct);
        return (Named(view.Content, view.Summary.State, kind, bytes), BulletinError.None);
    }

    /// <summary>
    /// For the command line: the published .docx when there is one, else a draft written now from the records (not
    /// stored). Null with the reason when the month is refused.
    /// </summary>
    public async Task<(byte[]? Docx, bool Published, string? Error)> PublishedOrCurrentAsync(int year, int month, CancellationToken ct = default)
    {
        if (Refusal(year, month, ChinaTime.Today(clock)) is { } refused) return (null, false, refused.FirstError);
        var (file, _) = await DownloadAsync(year, month, BulletinFileKind.Docx, ct);
        if (file is not null) return (file.Content, true, null);
        var content = await builder.BuildAsync(year, month, null, ct);
        return ((await BulletinBuilder.RenderAsync(content)).Docx, false, null);
    }

    private async Task<CommandResult> WriteDraftAsync(int year, int month, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Bulletins.SingleOrDefaultAsync(b => b.Year == year && b.Month == month, ct);
        if (row?.State == BulletinState.Published) return Published(row);
        var content = await builder.BuildAsync(year, month, row?.Preface, ct);
        if (row is null) db.Bulletins.Add(row = new Bulletin { Year = year, Month = month, Content = "", GeneratedBy = "", Version = 1 });
        row.Content = JsonSerializer.Serialize(content, Json);
        row.GeneratedAt = content.TakenAt;
        row.GeneratedBy = actor.UserName ?? "";
        return await SaveAsync(db, row, ct);
    }

    private async Task<CommandResult> SaveAsync(AppDbContext db, Bulletin row, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return CommandResult.Success(row.Id, row.Version);
        }
        catch (DbUpdateException)
        {
            // Someone else generated, edited or published it (or took the number) at the same moment.
            return CommandResult.Fail(CommandOutcome.Stale, "", t["Error.Stale"]);
        }
    }

    private CommandResult? Refusal(int year, int month, DateOnly today)
    {
        if (!ValidPeriod(year, month)) return Invalid("month", t["Error.Period"]);
        return BulletinRules.Ended(year, month, today) ? null : Invalid("month", t["Error.MonthOpen", year, month]);
    }

    private CommandResult Published(Bulletin row) => CommandResult.Fail(CommandOutcome.Stale, "", t["Error.Published", row.Year, row.Month,
        Content(row).NumberText ?? "", row.PublishedBy ?? "", row.PublishedAt?.ToOffset(ChinaTime.Offset).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) ?? ""]);

    private static BulletinFile File(Bulletin row, BulletinFileKind kind, byte[] bytes) =>
        new() { BulletinId = row.Id, Kind = kind, Content = bytes, Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes)) };

    private static BulletinDownload Named(BulletinContent c, BulletinState state, BulletinFileKind kind, byte[] bytes)
    {
        var (extension, type) = kind == BulletinFileKind.Docx ? (".docx", DocxContentType) : (".xlsx", SpreadsheetExport.XlsxContentType);
        var draft = state == BulletinState.Draft ? "-草稿" : "";
        return new(bytes, type, $"{c.Title}{draft}{extension}", $"bulletin-{c.Year}{c.Month:00}{(state == BulletinState.Draft ? "-draft" : "")}{extension}");
    }

    private static BulletinContent Content(Bulletin row) => JsonSerializer.Deserialize<BulletinContent>(row.Content, Json)!;

    private static BulletinSummary Summary(Bulletin row)
    {
        var content = Content(row);
        return new(row.Year, row.Month, row.State, content.NumberText, content.Title, row.GeneratedAt, row.GeneratedBy, row.PublishedAt, row.PublishedBy, row.Version);
    }

    private static bool ValidPeriod(int year, int month) => BulletinRules.YearInRange(year) && month is >= 1 and <= 12;

    private static string Key(int year, int month) => string.Create(CultureInfo.InvariantCulture, $"{year}-{month:00}");

    private static CommandResult Invalid(string field, string message) => CommandResult.Fail(CommandOutcome.Invalid, field, message);
}
