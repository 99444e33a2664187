using System.Buffers.Binary;
using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Security;

internal static class PasswordTestSupport
{
    /// <summary>Meets the password rules (PasswordRules): three classes, no blocked word.</summary>
    public const string Password = "Kx7#mPq2river";
    public const string NewPassword = "River#Stone42x";

    /// <summary>
    /// A unit user of 铁西区 with <see cref="Password"/>, whose password was last changed <paramref name="changedDaysAgo"/> days
    /// ago (null: never recorded) and whose account was made <paramref name="createdDaysAgo"/> days ago; its hash made by
    /// <paramref name="hasher"/> when given (else the app's). Returns the user name and id.
    /// </summary>
    public static Task<(string UserName, string Id)> NewUserAsync(TestApp app, double? changedDaysAgo, double createdDaysAgo = 0,
        IPasswordHasher<AppUser>? hasher = null, string culture = "zh-CN") => app.AsSystemAsync(async sp =>
    {
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var unitId = await sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == "220302").Select(u => u.Id).SingleAsync();
        var now = DateTimeOffset.UtcNow;
        var user = new AppUser
        {
            UserName = $"pw{Guid.NewGuid():N}"[..12], DisplayName = "密码测试", UnitId = unitId, PreferredCulture = culture,
            PasswordChangedAt = changedDaysAgo is { } days ? now.AddDays(-days) : null, CreatedAt = now.AddDays(-createdDaysAgo),
        };
        IdentityResult created;
        if (hasher is null) created = await users.CreateAsync(user, Password);
        else
        {
            user.PasswordHash = hasher.HashPassword(user, Password);
            created = await users.CreateAsync(user);
        }
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, Roles.UnitUser)).Succeeded);
        return (user.UserName, user.Id);
    });

    /// <summary>The path a redirect leads to (the app's redirects are absolute addresses, the forms' relative).</summary>
    public static string PathOf(HttpResponseMessage response) =>
        response.Headers.Location is { IsAbsoluteUri: true } absolute ? absolute.AbsolutePath : response.Headers.Location!.OriginalString;

    public static Task<AppUser> StoredAsync(TestApp app, string id) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Users.AsNoTracking().SingleAsync(u => u.Id == id));
}

/// <summary>
/// The parameters inside a hash that ASP.NET Core Identity stored, read as its format defines them: V3 is byte 0 = 0x01,
/// then the PRF, the iteration count and the salt's length (each a big-endian uint32), the salt and the subkey; V2 is
/// byte 0 = 0x00 with fixed parameters (PBKDF2-HMAC-SHA1, 1000 iterations, a 16-byte salt and 32-byte subkey).
/// </summary>
internal sealed record IdentityHash(int Format, int Prf, int Iterations, int SaltLength, int SubkeyLength)
{
    /// <summary>KeyDerivationPrf.HMACSHA1 and HMACSHA512 (Microsoft.AspNetCore.Cryptography.KeyDerivation).</summary>
    public const int HmacSha1 = 0, HmacSha512 = 2;

    public static IdentityHash Decode(string hash)
    {
        var bytes = Convert.FromBase64String(hash);
        switch (bytes[0])
        {
            case 0x00:
                return new(2, HmacSha1, 1000, 16, bytes.Length - 1 - 16);
            case 0x01:
                var salt = (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(9));
                return new(3, (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1)), (int)BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)),
                    salt, bytes.Length - 13 - salt);
            default:
                throw new FormatException($"not an Identity password hash: format byte {bytes[0]}");
        }
    }
}
