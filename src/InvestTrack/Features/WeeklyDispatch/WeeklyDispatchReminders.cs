using InvestTrack.Data;
using InvestTrack.Features.Notifications;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.WeeklyDispatch;

/// <summary>
/// For the reminder job (<see cref="WeeklyDispatchReminderJob"/>): the submitting units that have not submitted a week's
/// dispatch. It returns units only, never a dispatch's content, so it reads every unit whoever the caller is (a job runs
/// as the system operator).
/// </summary>
public sealed class WeeklyDispatchReminders(IDbContextFactory<AppDbContext> dbFactory, IOptions<WeeklyDispatchOptions> options,
    INotificationSender sender, TimeProvider clock)
{
    public async Task<IReadOnlyList<WeeklyDispatchPendingUnit>> PendingUnitsAsync(WeeklyDispatchWeek week, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var kinds = WeeklyDispatchService.SubmittingKinds;
        var records = db.WeeklyDispatches.IgnoreQueryFilters().Where(d => d.WeekStart == week.Monday);
        return await db.Units.AsNoTracking()
            .Where(u => u.IsActive && kinds.Contains(u.Kind) && !records.Any(d => d.UnitId == u.Id && d.Status == WeeklyDispatchStatus.Submitted))
            .OrderBy(u => u.SortOrder).ThenBy(u => u.Id)
            .Select(u => new WeeklyDispatchPendingUnit(u.Id, u.Name, records.Any(d => d.UnitId == u.Id)))
            .ToListAsync(ct);
    }

    /// <summary>
    /// On the day before the week's deadline and on its day, each unit that has not submitted the week's dispatch gets a
    /// notice in its staff's inboxes; other days nothing. Says what it did in a line.
    /// </summary>
    public async Task<string> RemindAsync(CancellationToken ct = default)
    {
        var today = ChinaTime.Today(clock);
        var o = options.Value;
        var week = WeeklyDispatchWeek.Containing(today);
        var deadline = o.DeadlineOf(week);
        var deadlineDay = ChinaTime.DateOf(deadline);
        // The notice is Chinese whatever the reader's language, as the other notices are.
        var label = week.Label(System.Globalization.CultureInfo.GetCultureInfo("zh-CN"));
        if (today != deadlineDay && today != deadlineDay.AddDays(-1)) return $"今天不是{label}截止日或其前一天，无需提醒";
        var pending = await PendingUnitsAsync(week, ct);
        if (pending.Count == 0) return $"{label}各单位均已报送";
        List<StaffMember> staff;
        await using (var db = dbFactory.CreateDbContext()) staff = await StaffRecipients.InRolesAsync(db, [Roles.UnitUser], ct);
        var due = DisplayFormat.DateTime(deadline);
        foreach (var unit in pending)
        {
            var users = staff.Where(s => s.UnitId == unit.UnitId).Select(s => s.UserId).ToList();
            if (users.Count == 0) continue;
            await sender.SendAsync(new Recipients(users), $"周调度提醒：{label}尚未报送",
                $"{unit.UnitName}{label}的周调度{(unit.HasDraft ? "已存草稿但" : "")}尚未报送，截止时间 {due}，逾期报送将标记为逾期。",
                $"/weekly-dispatch/{unit.UnitId}/{week}", ct);
        }
        return $"{label}：{pending.Count} 个单位尚未报送，已提醒";
    }
}
