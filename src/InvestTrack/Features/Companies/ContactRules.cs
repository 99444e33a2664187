using System.Text.RegularExpressions;

namespace InvestTrack.Features.Companies;

/// <summary>
/// Contact phones are personal information (docs/security.md 22): stored as entered for now (encryption comes with
/// the key provider), never put in URLs or logs, and shown masked. A form that sends the masked value back
/// keeps the stored number, so editing a company never needs the full number on screen.
/// </summary>
public static partial class ContactRules
{
    /// <summary>138****5678: the first three and last four characters; short values are hidden entirely.</summary>
    public static string? MaskPhone(string? phone)
    {
        if (string.IsNullOrEmpty(phone)) return phone;
        return phone.Length >= 8 ? string.Concat(phone.AsSpan(0, 3), "****", phone.AsSpan(phone.Length - 4)) : "****";
    }

    /// <summary>A mainland mobile (optionally +86), a landline with area code and extension, or an international number.</summary>
    public static bool IsPhone(string phone) => PhonePattern().IsMatch(phone);

    public static bool IsEmail(string email) => EmailPattern().IsMatch(email);

    [GeneratedRegex(@"^(?:(?:\+86[ -]?)?1[3-9]\d{9}|0\d{2,3}-?\d{7,8}(?:-\d{1,6})?|\+[1-9]\d{0,3}[ -]?\d{4,14})$")]
    private static partial Regex PhonePattern();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
    private static partial Regex EmailPattern();
}
