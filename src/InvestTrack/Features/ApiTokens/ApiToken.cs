using InvestTrack.Features.Users;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.ApiTokens;

/// <summary>What a personal access token may do: read (GET, HEAD) or also write.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<ApiTokenScope>))]
public enum ApiTokenScope
{
    Read = 0,
    ReadWrite = 1,
}

/// <summary>
/// A personal access token for the API (issue 14 item 7). The token itself is shown once and never stored: only its
/// keyed hash (HMAC-SM3, <see cref="ApiTokenFormat"/>) and a short prefix that names it on screen. A call with it acts as
/// its user with the user's role and unit of the moment, never more. Not an IAudited record: creation, revocation and
/// every use are written to the trail explicitly, so the hash can never reach it.
/// </summary>
public sealed class ApiToken
{
    public int Id { get; set; }
    public required string UserId { get; set; }
    public required string Name { get; set; }
    /// <summary>The first characters of the token ("itk_AbC1xY9z"), enough to recognise it, useless to call with.</summary>
    public required string Prefix { get; set; }
    /// <summary>HMAC-SM3 of the whole token, lowercase hex.</summary>
    public required string Hash { get; set; }
    public ApiTokenScope Scope { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
    /// <summary>Updated at most once a minute: a busy script does not turn every call into a write of this row.</summary>
    public DateTimeOffset? LastUsedAt { get; set; }
    public string? LastUsedFrom { get; set; }
    public DateTimeOffset? RevokedAt { get; set; }
    /// <summary>The user name of who revoked it: the owner, or an administrator.</summary>
    public string? RevokedBy { get; set; }
}

internal sealed class ApiTokenConfiguration : IEntityTypeConfiguration<ApiToken>
{
    public void Configure(EntityTypeBuilder<ApiToken> b)
    {
        b.Property(t => t.UserId).HasMaxLength(450);
        b.Property(t => t.Name).HasMaxLength(ApiTokenFormat.MaxNameLength);
        b.Property(t => t.Prefix).HasMaxLength(16);
        b.Property(t => t.Hash).HasMaxLength(64);
        b.Property(t => t.LastUsedFrom).HasMaxLength(64);
        b.Property(t => t.RevokedBy).HasMaxLength(256);
        b.HasIndex(t => t.Hash).IsUnique();
        b.HasIndex(t => t.UserId);
        b.HasOne<AppUser>().WithMany().HasForeignKey(t => t.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}
