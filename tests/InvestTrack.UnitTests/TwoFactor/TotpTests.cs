using System.Text;
using InvestTrack.Features.Account.TwoFactor;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel.Crypto;

namespace InvestTrack.UnitTests.TwoFactor;

/// <summary>RFC 6238 codes, single use within their window, the sealed secret, recovery codes and the policy per role.</summary>
public sealed class TotpTests : IDisposable
{
    private static readonly byte[] RfcSecret = Encoding.ASCII.GetBytes("12345678901234567890");
    private readonly string _keys = Directory.CreateTempSubdirectory("investtrack-totp-").FullName;

    public void Dispose() => Directory.Delete(_keys, recursive: true);

    private FileKeyProvider Keys() => new(Path.Combine(_keys, "keys"), create: true);

    /// <summary>RFC 6238 Appendix B, the HMAC-SHA1 column (8 digits).</summary>
    [Theory]
    [InlineData(59L, "94287082")]
    [InlineData(1111111109L, "07081804")]
    [InlineData(1111111111L, "14050471")]
    [InlineData(1234567890L, "89005924")]
    [InlineData(2000000000L, "69279037")]
    [InlineData(20000000000L, "65353130")]
    public void Codes_are_those_of_RFC_6238(long unixSeconds, string expected)
    {
        var step = Totp.StepOf(DateTimeOffset.FromUnixTimeSeconds(unixSeconds));
        Assert.Equal(expected, Totp.Code(RfcSecret, step, digits: 8));
        Assert.Equal(expected[2..], Totp.Code(RfcSecret, step));
    }

    [Fact]
    public void The_current_step_and_one_either_side_are_accepted_and_nothing_further()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.StepOf(now);
        Assert.Equal(step, Totp.Match(RfcSecret, Totp.Code(RfcSecret, step), now, null));
        Assert.Equal(step - 1, Totp.Match(RfcSecret, Totp.Code(RfcSecret, step - 1), now, null));
        Assert.Equal(step + 1, Totp.Match(RfcSecret, Totp.Code(RfcSecret, step + 1), now, null));
        Assert.Null(Totp.Match(RfcSecret, Totp.Code(RfcSecret, step - 2), now, null));
        Assert.Null(Totp.Match(RfcSecret, Totp.Code(RfcSecret, step + 2), now, null));
    }

    [Fact]
    public void A_code_of_the_last_used_step_or_an_earlier_one_is_refused()
    {
        var now = DateTimeOffset.FromUnixTimeSeconds(1234567890);
        var step = Totp.StepOf(now);
        Assert.Null(Totp.Match(RfcSecret, Totp.Code(RfcSecret, step), now, lastUsedStep: step));
        Assert.Null(Totp.Match(RfcSecret, Totp.Code(RfcSecret, step - 1), now, lastUsedStep: step));
        Assert.Equal(step + 1, Totp.Match(RfcSecret, Totp.Code(RfcSecret, step + 1), now, lastUsedStep: step));
    }

    [Theory]
    [InlineData("287 082", "287082")]
    [InlineData(" 287082 ", "287082")]
    [InlineData("28708", null)]
    [InlineData("2870821", null)]
    [InlineData("28708a", null)]
    [InlineData("２８７０８２", null)]
    [InlineData(null, null)]
    public void Codes_are_six_digits_and_spaces_are_forgiven(string? typed, string? expected) => Assert.Equal(expected, Totp.Normalize(typed));

    [Theory]
    [InlineData("", "")]
    [InlineData("f", "MY")]
    [InlineData("fo", "MZXQ")]
    [InlineData("foo", "MZXW6")]
    [InlineData("foob", "MZXW6YQ")]
    [InlineData("fooba", "MZXW6YTB")]
    [InlineData("foobar", "MZXW6YTBOI")]
    public void Base32_is_that_of_RFC_4648_without_padding(string text, string encoded)
    {
        Assert.Equal(encoded, Base32.Encode(Encoding.ASCII.GetBytes(text)));
        Assert.Equal(Encoding.ASCII.GetBytes(text), Base32.Decode(encoded.ToLowerInvariant()));
        Assert.Null(Base32.Decode("MZ1W"));
    }

    [Fact]
    public void The_key_uri_is_what_authenticator_apps_read()
    {
        var uri = Totp.KeyUri("InvestTrack", "admin", Encoding.ASCII.GetBytes("foobar"));
        Assert.Equal("otpauth://totp/InvestTrack:admin?secret=MZXW6YTBOI&issuer=InvestTrack&algorithm=SHA1&digits=6&period=30", uri);
        Assert.Equal("MZXW 6YTB OI", Base32.Grouped(Encoding.ASCII.GetBytes("foobar")));
    }

    [Fact]
    public void The_secret_is_stored_sealed_bound_to_its_user_and_a_code_is_good_once()
    {
        var factor = new TotpFactor(Keys());
        var user = new AppUser { Id = "u1", DisplayName = "" };
        var secret = Totp.NewSecret();
        var now = DateTimeOffset.FromUnixTimeSeconds(1_800_000_000);
        Assert.False(factor.Enrol(user, Base32.Encode(secret), Totp.Code(secret, Totp.StepOf(now) + 5), now));
        Assert.Null(user.TotpSecret);
        Assert.True(factor.Enrol(user, Base32.Encode(secret), Totp.Code(secret, Totp.StepOf(now)), now));
        Assert.DoesNotContain(Base32.Encode(secret), user.TotpSecret!);
        Assert.Equal(secret, factor.Open("u1", user.TotpSecret!));
        Assert.ThrowsAny<System.Security.Cryptography.CryptographicException>(() => factor.Open("u2", user.TotpSecret!));
        // The enrolment's code is used: the same code does not sign in; the next step's does, once.
        Assert.False(factor.Verify(user, Totp.Code(secret, Totp.StepOf(now)), now));
        var next = now.AddSeconds(30);
        Assert.True(factor.Verify(user, Totp.Code(secret, Totp.StepOf(next)), next));
        Assert.False(factor.Verify(user, Totp.Code(secret, Totp.StepOf(next)), next));
        TotpFactor.Remove(user);
        Assert.False(factor.IsEnrolled(user));
        Assert.Null(user.TotpLastStep);
    }

    [Fact]
    public void Recovery_codes_are_stored_hashed_each_works_once_and_renewing_voids_the_old_ones()
    {
        var codes = new RecoveryCodes(Keys());
        var user = new AppUser { Id = "u1", DisplayName = "" };
        var first = codes.Renew(user);
        Assert.Equal(10, first.Count);
        Assert.Equal(10, first.Distinct().Count());
        Assert.All(first, c => Assert.DoesNotContain(c, user.RecoveryCodes!));
        Assert.All(first, c => Assert.Matches("^[a-z2-9]{5}-[a-z2-9]{5}$", c));
        Assert.Equal(10, RecoveryCodes.Left(user));

        Assert.True(codes.Use(user, first[3].ToUpperInvariant().Replace("-", " ", StringComparison.Ordinal)));
        Assert.False(codes.Use(user, first[3]));
        Assert.Equal(9, RecoveryCodes.Left(user));
        Assert.False(codes.Use(user, "zzzzz-zzzzz"));
        Assert.False(codes.Use(user, null));

        // Bound to the user: another user's hash of the same code differs.
        Assert.NotEqual(codes.Hash("u1", first[0]), codes.Hash("u2", first[0]));

        var second = codes.Renew(user);
        Assert.False(codes.Use(user, first[0]));
        Assert.True(codes.Use(user, second[0]));
        foreach (var code in second.Skip(1)) Assert.True(codes.Use(user, code));
        Assert.Equal(0, RecoveryCodes.Left(user));
        Assert.Null(user.RecoveryCodes);
    }

    [Fact]
    public void The_three_administrators_and_city_staff_need_a_second_factor_by_default()
    {
        var policy = new TwoFactorPolicy((string?)null);
        Assert.Equal([Roles.Auditor, Roles.CityAdmin, Roles.SecurityAdmin, Roles.SystemAdmin], policy.RequiredRoles.Order(StringComparer.Ordinal));
        Assert.True(policy.Requires(Roles.SecurityAdmin));
        Assert.False(policy.Requires(Roles.UnitUser));
        Assert.False(policy.Requires(Roles.Leader));
        Assert.False(policy.Requires(null));
    }

    [Fact]
    public void The_policy_is_configurable_per_role_and_refuses_an_unknown_role()
    {
        Assert.Empty(new TwoFactorPolicy("").RequiredRoles);
        var policy = new TwoFactorPolicy(" UnitUser , Leader ");
        Assert.True(policy.Requires(Roles.UnitUser));
        Assert.False(policy.Requires(Roles.SystemAdmin));
        var error = Assert.Throws<InvestTrack.Data.ConfigurationException>(() => new TwoFactorPolicy("SystemAdmin,Boss"));
        Assert.Contains(TwoFactorPolicy.Key, error.Message);
        Assert.Contains("Boss", error.Message);
    }
}
