using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Supervision;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Warnings;

/// <summary>
/// The city's <see cref="WarningOptions"/>: one row of JSON (the defaults of the contract until city staff change them),
/// validated on save with a message per field, audited and versioned.
/// </summary>
public sealed class WarningSettingsStore(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, IStringLocalizer<WarningResource> t, TimeProvider clock)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public bool CanManage => actor.Can(Operation.ManageWarnings);

    public static async Task<(WarningOptions Options, int Version)> LoadAsync(AppDbContext db, CancellationToken ct = default)
    {
        var row = await db.WarningSettings.AsNoTracking().OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        return row is null ? (WarningOptions.Default, 0) : (JsonSerializer.Deserialize<WarningOptions>(row.OptionsJson, Json) ?? WarningOptions.Default, row.Version);
    }

    public async Task<(WarningOptions Options, int Version)> LoadAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        return await LoadAsync(db, ct);
    }

    /// <summary>Every threshold in a sensible range, yellow before red; the first problem of each field, in the user's language.</summary>
    public Dictionary<string, string[]> Validate(WarningOptions o)
    {
        var errors = new Dictionary<string, string[]>();
        void Check(bool ok, string field, string message)
        {
            if (!ok && !errors.ContainsKey(field)) errors[field] = [message];
        }
        Check(o.PlanStepLate.YellowDaysAhead is >= 0 and <= 365, "PlanStepLate.YellowDaysAhead", t["Settings.Error.Range", t["Settings.PlanStepLate.YellowDaysAhead"], 0, 365]);
        Check(o.SignedNotStarted.YellowFromDays is >= 1 and <= 3650, "SignedNotStarted.YellowFromDays", t["Settings.Error.Range", t["Settings.SignedNotStarted.YellowFromDays"], 1, 3650]);
        Check(o.SignedNotStarted.RedAfterDays is >= 1 and <= 3650, "SignedNotStarted.RedAfterDays", t["Settings.Error.Range", t["Settings.SignedNotStarted.RedAfterDays"], 1, 3650]);
        Check(o.SignedNotStarted.RedAfterDays >= o.SignedNotStarted.YellowFromDays, "SignedNotStarted.RedAfterDays", t["Settings.Error.RedBeforeYellow"]);
        Check(o.NoProgress.YellowFromDays is >= 1 and <= 3650, "NoProgress.YellowFromDays", t["Settings.Error.Range", t["Settings.NoProgress.YellowFromDays"], 1, 3650]);
        Check(o.NoProgress.RedAfterDays is >= 1 and <= 3650, "NoProgress.RedAfterDays", t["Settings.Error.Range", t["Settings.NoProgress.RedAfterDays"], 1, 3650]);
        Check(o.NoProgress.RedAfterDays >= o.NoProgress.YellowFromDays, "NoProgress.RedAfterDays", t["Settings.Error.RedBeforeYellow"]);
        Check(o.BehindPace.RedPointsBelowPace is >= 0 and <= 100 && decimal.Round(o.BehindPace.RedPointsBelowPace, 2) == o.BehindPace.RedPointsBelowPace,
            "BehindPace.RedPointsBelowPace", t["Settings.Error.Range", t["Settings.BehindPace.RedPointsBelowPace"], 0, 100]);
        Check(o.LeadClockOverdue.YellowWorkingDaysAhead is >= 0 and <= 30, "LeadClockOverdue.YellowWorkingDaysAhead",
            t["Settings.Error.Range", t["Settings.LeadClockOverdue.YellowWorkingDaysAhead"], 0, 30]);
        return errors;
    }

    public async Task<CommandResult> SaveAsync(WarningOptions options, int version, CancellationToken ct = default)
    {
        if (!CanManage) return CommandResult.Fail(CommandOutcome.NotFound, "", t["Error.NotFound"]);
        var errors = Validate(options);
        if (errors.Count > 0) return new CommandResult(CommandOutcome.Invalid, errors);
        await using var db = dbFactory.CreateDbContext();
        var row = await db.WarningSettings.OrderBy(s => s.Id).FirstOrDefaultAsync(ct);
        if ((row?.Version ?? 0) != version) return CommandResult.Fail(CommandOutcome.Stale, "", t["Error.Stale"]);
        if (row is null)
        {
            row = new WarningSettings { OptionsJson = "", Version = 1 };
            db.WarningSettings.Add(row);
        }
        row.OptionsJson = JsonSerializer.Serialize(options, Json);
        row.UpdatedBy = actor.UserName;
        row.UpdatedAt = clock.GetUtcNow();
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return CommandResult.Fail(CommandOutcome.Stale, "", t["Error.Stale"]);
        }
        return CommandResult.Success(row.Id, row.Version);
    }
}
