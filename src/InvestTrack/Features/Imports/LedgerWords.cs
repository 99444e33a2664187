using InvestTrack.Features.Activities;

namespace InvestTrack.Features.Imports;

/// <summary>
/// The contract's closed lists in its Chinese words, in the contract's order: what the template's drop-downs offer.
/// The validators accept these and the English aliases besides; a unit test keeps the two in step.
/// </summary>
public static class LedgerWords
{
    public static readonly IReadOnlyList<string> SigningKinds = ["项目合同", "战略合作框架协议"];
    public static readonly IReadOnlyList<string> Statuses = ["正常", "停滞", "终止"];
    public static readonly IReadOnlyList<string> FundsSources = ["省外", "省内", "境外"];
    public static readonly IReadOnlyList<string> AuditStatuses = ["已审核", "待审核"];
    public static readonly IReadOnlyList<string> ActivityKinds = [ActivityText.KindName(ActivityKind.Outbound), ActivityText.KindName(ActivityKind.Inbound)];
    public static readonly IReadOnlyList<string> LeaderLevels =
        [ActivityText.LevelName(LeaderLevel.City), ActivityText.LevelName(LeaderLevel.County), ActivityText.LevelName(LeaderLevel.Department)];
}
