using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Leads;

/// <summary>
/// The holiday calendar the clocks count working days with: anyone who reads records reads it; city staff
/// (Operation.ManageCalendar) set and remove dates. A change applies to clocks started after it.
/// </summary>
public sealed class HolidayCalendar(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<LeadResource> t)
{
    public bool CanManage => actor.Can(Operation.ManageCalendar);

    public async Task<IReadOnlyList<HolidayDate>> YearAsync(int year, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
        return await db.HolidayDates.AsNoTracking().Where(h => h.Date >= from && h.Date <= to).OrderBy(h => h.Date).ToListAsync(ct);
    }

    public async Task<LeadResult> SetAsync(HolidayForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageCalendar, nameof(HolidayDate));
        var errors = new FieldErrors();
        if (form.Date is null) errors.Add(nameof(form.Date), t["Error.Required", t["Field.Date"]]);
        if (form.Kind is not { } kind || !Enum.IsDefined(kind)) errors.Add(nameof(form.Kind), t["Error.Required", t["Field.Kind"]]);
        var name = LeadRules.Clean(form.Name);
        errors.MaxLength(nameof(form.Name), name, 50, t);
        if (errors.Result() is { } invalid) return invalid;
        await using var db = dbFactory.CreateDbContext();
        var row = await db.HolidayDates.SingleOrDefaultAsync(h => h.Date == form.Date, ct);
        if (row is null) db.HolidayDates.Add(row = new HolidayDate { Date = form.Date!.Value });
        row.Kind = form.Kind!.Value;
        row.Name = name;
        await db.SaveChangesAsync(ct);
        return LeadResult.Success(0, 0);
    }

    public async Task<bool> RemoveAsync(DateOnly date, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageCalendar, nameof(HolidayDate));
        await using var db = dbFactory.CreateDbContext();
        var row = await db.HolidayDates.SingleOrDefaultAsync(h => h.Date == date, ct);
        if (row is null) return false;
        db.HolidayDates.Remove(row);
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>2026's 法定节假日 and 调休 (国务院办公厅, 2025-11), seeded with the demo city.</summary>
    public static IEnumerable<HolidayDate> China2026()
    {
        static IEnumerable<HolidayDate> Off(string name, int month, int from, int to) =>
            Enumerable.Range(from, to - from + 1).Select(d => new HolidayDate { Date = new DateOnly(2026, month, d), Kind = HolidayKind.DayOff, Name = name });
        static HolidayDate Work(string name, int month, int day) => new() { Date = new DateOnly(2026, month, day), Kind = HolidayKind.Workday, Name = name };
        return
        [
            .. Off("元旦", 1, 1, 3), Work("元旦", 1, 4),
            Work("春节", 2, 14), .. Off("春节", 2, 15, 23), Work("春节", 2, 28),
            .. Off("清明节", 4, 4, 6),
            .. Off("劳动节", 5, 1, 5), Work("劳动节", 5, 9),
            .. Off("端午节", 6, 19, 21),
            Work("国庆节", 9, 20), .. Off("中秋节", 9, 25, 27),
            .. Off("国庆节", 10, 1, 7), Work("国庆节", 10, 10),
        ];
    }
}
