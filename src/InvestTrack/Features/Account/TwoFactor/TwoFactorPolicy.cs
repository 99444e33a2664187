using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.Features.Account.TwoFactor;

/// <summary>
/// Which roles must sign in with a second factor (Security:TwoFactorRequiredRoles, comma-separated role names; by default
/// the three administrators and city staff; empty: none). Other roles may enrol from their account page.
/// </summary>
public sealed class TwoFactorPolicy
{
    public const string Key = "Security:TwoFactorRequiredRoles";
    public static readonly IReadOnlyList<string> Default = [Roles.SystemAdmin, Roles.SecurityAdmin, Roles.Auditor, Roles.CityAdmin];

    public IReadOnlySet<string> RequiredRoles { get; }

    public TwoFactorPolicy(IConfiguration configuration) : this(configuration[Key]) { }

    public TwoFactorPolicy(string? text)
    {
        var roles = text is null ? Default
            : text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        var unknown = roles.Where(r => !Roles.All.Contains(r)).ToList();
        if (unknown.Count > 0)
            throw new Data.ConfigurationException(Key, $"'{text}': {string.Join(", ", unknown)} is not a role ({string.Join(", ", Roles.All)})");
        RequiredRoles = roles.ToHashSet();
    }

    public bool Requires(string? role) => role is not null && RequiredRoles.Contains(role);
}
