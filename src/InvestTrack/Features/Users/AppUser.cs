using InvestTrack.Features.Units;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Users;

/// <summary>A person who signs in; belongs to exactly one unit.</summary>
public sealed class AppUser : IdentityUser, InvestTrack.Kernel.IAudited
{
    public required string DisplayName { get; set; }
    public int UnitId { get; set; }
    /// <summary>zh-CN or en; remembered across sessions.</summary>
    public string PreferredCulture { get; set; } = "zh-CN";
    /// <summary>The columns and density chosen per list, as JSON (Features/Preferences/ListPreferences); null for none.</summary>
    public string? ListViews { get; set; }
    /// <summary>Set for one-time passwords: the user must choose a new one at the next sign-in.</summary>
    public bool MustChangePassword { get; set; }
    public DateTimeOffset? PasswordChangedAt { get; set; }
    public bool IsDisabled { get; set; }
    /// <summary>The first sign-in failure of the current count: failures count towards the lockout within 15 minutes of it.</summary>
    public DateTimeOffset? FirstFailedSignInAt { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>
    /// The authenticator (TOTP) secret, sealed with SM4-GCM under the data key (Features/Account/TwoFactor/TotpFactor);
    /// null: no second factor. Never in the audit trail.
    /// </summary>
    public string? TotpSecret { get; set; }
    /// <summary>The time step of the last code accepted: a code of that step or an earlier one is refused (single use).</summary>
    public long? TotpLastStep { get; set; }
    public DateTimeOffset? TotpEnabledAt { get; set; }
    /// <summary>The unused recovery codes' keyed hashes (HMAC-SM3, hex, comma-separated); never the codes. Never in the audit trail.</summary>
    public string? RecoveryCodes { get; set; }
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(u => u.DisplayName).HasMaxLength(100);
        b.Property(u => u.PreferredCulture).HasMaxLength(10);
        b.Property(u => u.ListViews).HasMaxLength(Preferences.ListPreferences.MaxLength);
        b.Property(u => u.TotpSecret).HasMaxLength(200);
        b.Property(u => u.RecoveryCodes).HasMaxLength(1000);
        b.HasOne<Unit>().WithMany().HasForeignKey(u => u.UnitId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(u => u.UnitId);
    }
}

/// <summary>
/// One role per user, kept by the database: the administrators' roles exclude each other and every business role
/// (三员分立, docs/security.md 4), whatever code assigns them.
/// </summary>
internal sealed class UserRoleConfiguration : IEntityTypeConfiguration<IdentityUserRole<string>>
{
    public void Configure(EntityTypeBuilder<IdentityUserRole<string>> b) => b.HasIndex(r => r.UserId).IsUnique();
}
