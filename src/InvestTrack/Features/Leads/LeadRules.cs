namespace InvestTrack.Features.Leads;

/// <summary>Which status changes a user may make; conversion (转为项目) has its own command.</summary>
public static class LeadRules
{
    public static bool CanMove(LeadStatus from, LeadStatus to) => (from, to) switch
    {
        (LeadStatus.Registered, LeadStatus.Assessing) => true,
        (LeadStatus.Assessing, LeadStatus.Pursuing) => true,
        (LeadStatus.Registered or LeadStatus.Assessing or LeadStatus.Pursuing, LeadStatus.Abandoned) => true,
        _ => false,
    };

    public static IReadOnlyList<LeadStatus> NextOf(LeadStatus from) =>
        [.. Enum.GetValues<LeadStatus>().Where(to => to != LeadStatus.Converted && CanMove(from, to))];

    /// <summary>Trimmed, or null when empty.</summary>
    public static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
