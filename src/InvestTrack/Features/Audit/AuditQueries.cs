using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Audit;

/// <summary>
/// What the auditor searches by. Dates are calendar days in China time (UTC+8), both ends included.
/// <see cref="Before"/> is the keyset cursor: only entries with a smaller id (older) are returned.
/// </summary>
public sealed record AuditFilter(
    DateOnly? From = null, DateOnly? To = null, string? UserName = null, string? Action = null,
    string? ObjectType = null, string? ObjectId = null, string? Result = null, long? Before = null, int PageSize = 50);

public sealed record AuditRow(
    long Id, DateTimeOffset OccurredAt, string? UserName, string? Role, int? UnitId, string? UnitName, string? Address,
    string Action, string? ObjectType, string? ObjectId, string Result, string? OldValues, string? NewValues, string? TraceId,
    string? UserDisplayName = null)
{
    /// <summary>The record's name as the trail knows it (<see cref="AuditObjects"/>), null when it has none.</summary>
    public string? ObjectName { get; init; }

    /// <summary>The record's page, only when the reader may open it and it still exists.</summary>
    public string? ObjectLink { get; init; }
}

/// <summary>One page, newest first. <see cref="NextBefore"/> is the cursor of the next (older) page, null on the last.</summary>
public sealed record AuditResultPage(IReadOnlyList<AuditRow> Rows, long? NextBefore);

/// <summary>
/// Reads the audit trail for the auditor. Newest first by id (the insertion order), paged by keyset so
/// that a page costs the same on millions of rows and nothing counts the whole table. Every read is
/// itself written to the trail.
/// </summary>
public sealed class AuditQueries(IDbContextFactory<AppDbContext> dbFactory, CurrentUser user, AuditLog audit, AuditObjects objects)
{
    public const string ReadAction = "AuditRead";
    public const int MaxPageSize = 200;
    private static readonly TimeSpan ChinaOffset = TimeSpan.FromHours(8);

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>The actions the trail knows, for the filter list.</summary>
    public static readonly IReadOnlyList<string> KnownActions =
    [
        "Create", "Update", "Delete", "SignIn", "SignInFailed", "LockedOut", "SignOut", "PasswordChanged", "PasswordChangeFailed",
        "Export", "Import", "Download", "Generate", "Publish", "Merge", "Run", "RunJob", "Refused", ReadAction,
        "RoleChanged", "PasswordReset", "UserUnlocked", "SessionsEnded", "UserDisabled", "UserEnabled",
        "SignInFactorRequired", "TwoFactorFailed", "RecoveryCodeUsed", "TwoFactorEnabled", "TwoFactorDisabled", "RecoveryCodesRegenerated", "TwoFactorReset",
        "IssueOrder", "OrderPlanSubmitted", "OrderPlanReturned", "OrderAnswerSubmitted", "OrderAnswerReturned", "OrderAccepted", "OrderEscalated",
        AuditRetention.CheckpointAction, AuditRetention.VerifyAction, AuditRetention.ExportAction, AuditRetention.PurgeAction,
        Backup.DatabaseBackup.BackupAction, Backup.DatabaseBackup.RestoreDrillAction,
        Privacy.UnmaskService.Action, Privacy.PersonalDataBatches.RotateAction, Privacy.PersonalDataBatches.SealAction,
        ApiTokens.ApiTokenService.CreatedAction, ApiTokens.ApiTokenService.RevokedAction, ApiTokens.ApiTokenService.UsedAction,
    ];

    /// <summary>The kinds of record the trail names: every audited entity, and the exports and runs that are not entities.</summary>
    public static readonly IReadOnlyList<string> KnownObjectTypes = AuditValues.AuditedTypes.Keys
        .Concat(["DashboardRecords", "DispatchReport", "JobRun", "WarningItem", "WarningRun", Infrastructure.Auth.RefusalAudit.ObjectType, AuditRetention.ChainObject,
            Backup.DatabaseBackup.ObjectType, Privacy.PersonalDataBatches.ObjectType, ApiTokens.ApiTokenService.ObjectType])
        .Distinct().Order(StringComparer.Ordinal).ToList();

    public static readonly IReadOnlyList<string> KnownResults = ["Success", "Refused", "Disabled", "Failed"];

    public async Task<AuditResultPage> SearchAsync(AuditFilter filter, CancellationToken ct = default)
    {
        filter = filter with { PageSize = Math.Clamp(filter.PageSize, 1, MaxPageSize) };
        var details = JsonSerializer.Serialize(filter, Json);
        if (!user.Can(Operation.ReadAuditTrail))
        {
            await audit.WriteAsync(ReadAction, result: "Refused", details: details, ct: ct);
            user.NoteRefusalAudited();
            throw new UnauthorizedAccessException("reading the audit trail is not allowed for this user");
        }
        await audit.WriteAsync(ReadAction, details: details, ct: ct);

        await using var db = dbFactory.CreateDbContext();
        var rows = await Query(db, filter).Take(filter.PageSize + 1).ToListAsync(ct);
        var hasMore = rows.Count > filter.PageSize;
        if (hasMore) rows.RemoveAt(rows.Count - 1);
        return new AuditResultPage(await objects.NameAsync(rows, ct), hasMore ? rows[^1].Id : null);
    }

    private static IQueryable<AuditRow> Query(AppDbContext db, AuditFilter f)
    {
        var q = InRange(db, f.From, f.To).AsNoTracking();
        if (f.Before is { } before) q = q.Where(a => a.Id < before);
        if (Text(f.UserName) is { } userName) q = q.Where(a => a.UserName!.StartsWith(userName));
        if (Text(f.Action) is { } action) q = q.Where(a => a.Action == action);
        if (Text(f.ObjectType) is { } objectType) q = q.Where(a => a.ObjectType == objectType);
        if (Text(f.ObjectId) is { } objectId) q = q.Where(a => a.ObjectId == objectId);
        if (Text(f.Result) is { } result) q = q.Where(a => a.Result == result);
        return q.OrderByDescending(a => a.Id).Select(a => new AuditRow(
            a.Id, a.OccurredAt, a.UserName, a.Role, a.UnitId,
            db.Units.Where(u => u.Id == a.UnitId).Select(u => u.Name).FirstOrDefault(),
            a.Address, a.Action, a.ObjectType, a.ObjectId, a.Result, a.OldValues, a.NewValues, a.TraceId,
            db.Users.Where(u => u.Id == a.UserId).Select(u => u.DisplayName).FirstOrDefault()));
    }

    /// <summary>
    /// The entries between two China calendar days, both included. Written as SQL because EF Core's SQLite
    /// provider cannot compare DateTimeOffset; every moment is stored in UTC (text of one fixed format on
    /// SQLite), so the comparison is right on both providers and uses the OccurredAt index on PostgreSQL.
    /// </summary>
    private static IQueryable<AuditEntry> InRange(AppDbContext db, DateOnly? from, DateOnly? to)
    {
        if (from is null && to is null) return db.AuditEntries;
        var start = from is { Year: > 1900 } f ? StartOfChinaDay(f) : Earliest;
        var end = to is { Year: < 9000 } t ? StartOfChinaDay(t.AddDays(1)) : Latest;
        return db.AuditEntries.FromSql($"SELECT * FROM \"AuditEntries\" WHERE \"OccurredAt\" >= {start} AND \"OccurredAt\" < {end}");
    }

    private static readonly DateTimeOffset Earliest = new(1900, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>Midnight of a China calendar day, as a UTC moment.</summary>
    public static DateTimeOffset StartOfChinaDay(DateOnly day) =>
        new DateTimeOffset(day.ToDateTime(TimeOnly.MinValue), ChinaOffset).ToUniversalTime();

    /// <summary>A filter value as stored text is (no control or invisible characters: PostgreSQL refuses a NUL), or null.</summary>
    private static string? Text(string? value) => Kernel.TextInput.Search(value);
}
