using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Supervision;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Warnings;

/// <summary>
/// 签收 (acknowledge, note optional) and 办结 (resolve, note required) of a red or yellow warning by whoever edits the
/// unit's records. The item is looked up through the unit filter (another unit's is not found); the handling row is
/// audited and versioned: a stale version is refused, never overwritten.
/// </summary>
public sealed class WarningHandlingService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, IStringLocalizer<WarningResource> t, TimeProvider clock)
{
    public const int MaxNote = 500;

    public bool CanHandle => actor.Can(Operation.EditRecords);

    public Task<CommandResult> AcknowledgeAsync(string xun, WarningKind kind, int subjectId, HandlingForm form, CancellationToken ct = default) =>
        HandleAsync(xun, kind, subjectId, form, HandlingState.Acknowledged, ct);

    public Task<CommandResult> ResolveAsync(string xun, WarningKind kind, int subjectId, HandlingForm form, CancellationToken ct = default) =>
        HandleAsync(xun, kind, subjectId, form, HandlingState.Resolved, ct);

    private async Task<CommandResult> HandleAsync(string xun, WarningKind kind, int subjectId, HandlingForm form, HandlingState to, CancellationToken ct)
    {
        await using var db = dbFactory.CreateDbContext();
        var item = await db.WarningItems.AsNoTracking().SingleOrDefaultAsync(i => i.Xun == xun && i.Kind == kind && i.SubjectId == subjectId, ct);
        if (item is null || !CanHandle) return CommandResult.Fail(CommandOutcome.NotFound, "", t["Error.NotFound"]);
        if (item.Shown == WarningColour.Green) return CommandResult.Fail(CommandOutcome.Invalid, "", t["Handling.Error.Green"]);
        var note = form.Note?.Trim();
        if (string.IsNullOrEmpty(note)) note = null;
        if (to == HandlingState.Resolved && note is null) return CommandResult.Fail(CommandOutcome.Invalid, nameof(form.Note), t["Handling.Error.NoteRequired"]);
        if (note is { Length: > MaxNote }) return CommandResult.Fail(CommandOutcome.Invalid, nameof(form.Note), t["Handling.Error.NoteTooLong", MaxNote]);

        var handling = await db.WarningHandlings.SingleOrDefaultAsync(h => h.Xun == xun && h.Kind == kind && h.SubjectId == subjectId, ct);
        if ((handling?.Version ?? 0) != form.Version) return CommandResult.Fail(CommandOutcome.Stale, "", t["Error.Stale"]);
        if (handling is null)
        {
            handling = new WarningHandling { Xun = xun, Kind = kind, SubjectId = subjectId, UnitId = item.UnitId, State = HandlingState.Open, Version = 1 };
            db.WarningHandlings.Add(handling);
        }
        if (handling.State == HandlingState.Resolved) return CommandResult.Fail(CommandOutcome.Invalid, "", t["Handling.Error.Resolved"]);
        if (to == HandlingState.Acknowledged && handling.State == HandlingState.Acknowledged)
            return CommandResult.Fail(CommandOutcome.Invalid, "", t["Handling.Error.Acknowledged"]);
        var now = clock.GetUtcNow();
        if (to == HandlingState.Acknowledged || handling.AcknowledgedAt is null)
        {
            handling.AcknowledgedBy = actor.UserName;
            handling.AcknowledgedAt = now;
            if (to == HandlingState.Acknowledged) handling.AcknowledgeNote = note;
        }
        if (to == HandlingState.Resolved)
        {
            handling.ResolvedBy = actor.UserName;
            handling.ResolvedAt = now;
            handling.ResolveNote = note;
        }
        handling.State = to;
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // A stale version, or two first handlings of the same warning at once (its unique key).
            return CommandResult.Fail(CommandOutcome.Stale, "", t["Error.Stale"]);
        }
        return CommandResult.Success(subjectId, handling.Version);
    }
}
