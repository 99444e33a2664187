using InvestTrack.Data;
using InvestTrack.Features.Notifications;
using InvestTrack.Features.Supervision;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Warnings;

/// <summary>
/// Who hears of a run (kept simple, docs/supervision.md): each unit with red or yellow items gets one message with its
/// counts (the unit's staff, role UnitUser, in the inbox and by e-mail); city staff (CityAdmin) get the city's summary,
/// naming the units shown red on pace, and the same summary goes to every robot webhook. One message per unit, never
/// one per project: a province has tens of thousands of items.
/// </summary>
public sealed class WarningNotices(IDbContextFactory<AppDbContext> dbFactory, INotificationSender sender)
{
    public async Task SendAsync(Xun xun, IReadOnlyList<WarningItem> items, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var key = xun.ToString();
        var staff = await StaffRecipients.InRolesAsync(db, [Roles.UnitUser, Roles.CityAdmin], ct);
        var unitNames = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Name, ct);

        var byUnit = items.Where(i => i.Shown != WarningColour.Green).GroupBy(i => i.UnitId);
        foreach (var unit in byUnit.OrderBy(g => g.Key))
        {
            var recipients = staff.Where(s => s.Role == Roles.UnitUser && s.UnitId == unit.Key).Select(s => s.UserId).ToList();
            if (recipients.Count == 0) continue;
            var (red, yellow) = (unit.Count(i => i.Shown == WarningColour.Red), unit.Count(i => i.Shown == WarningColour.Yellow));
            await sender.SendAsync(new Recipients(recipients), $"{xun.Label}预警：{unitNames.GetValueOrDefault(unit.Key)}红色{red}项、黄色{yellow}项",
                $"{Counts(unit, WarningKind.Project, "项目")}；{Counts(unit, WarningKind.Lead, "线索")}；{Counts(unit, WarningKind.Unit, "单位进度")}。请签收并按期办结。",
                $"/warnings?xun={key}&unit={unit.Key}", ct);
        }

        var city = staff.Where(s => s.Role == Roles.CityAdmin).Select(s => s.UserId).ToList();
        var behind = items.Where(i => i.Kind == WarningKind.Unit && i.Shown == WarningColour.Red).Select(i => unitNames.GetValueOrDefault(i.UnitId)).ToList();
        var (allRed, allYellow) = (items.Count(i => i.Shown == WarningColour.Red), items.Count(i => i.Shown == WarningColour.Yellow));
        await sender.SendAsync(new Recipients(city, Robots: true), $"{xun.Label}旬预警：红色{allRed}项、黄色{allYellow}项",
            $"{Counts(items, WarningKind.Project, "项目")}；{Counts(items, WarningKind.Lead, "线索")}；{Counts(items, WarningKind.Unit, "单位进度")}。"
            + (behind.Count == 0 ? "" : $"进度红色单位：{string.Join("、", behind)}。"),
            $"/warnings?xun={key}", ct);
    }

    private static string Counts(IEnumerable<WarningItem> items, WarningKind kind, string name)
    {
        var of = items.Where(i => i.Kind == kind).ToList();
        return $"{name}红色{of.Count(i => i.Shown == WarningColour.Red)}、黄色{of.Count(i => i.Shown == WarningColour.Yellow)}";
    }
}
