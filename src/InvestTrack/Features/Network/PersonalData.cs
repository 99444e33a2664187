namespace InvestTrack.Features.Network;

/// <summary>
/// Talents' and agents' contacts are personal information (docs/security.md 22), masked wherever they leave the
/// service, API answers and exports included, exactly as company contacts are (Companies/ContactRules).
/// </summary>
public static class PersonalData
{
    public static string? MaskPhone(string? phone) => Companies.ContactRules.MaskPhone(phone);

    /// <summary>w***@example.cn: the first character of the name and the domain; the rest hidden.</summary>
    public static string? MaskEmail(string? email)
    {
        if (string.IsNullOrEmpty(email)) return email;
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at <= 0 ? "****" : string.Concat(email.AsSpan(0, 1), "***", email.AsSpan(at));
    }
}
