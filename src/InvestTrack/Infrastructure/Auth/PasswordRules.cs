using InvestTrack.Features.Users;
using InvestTrack.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>Three of four character classes, and no common or local word (the city's and bureau's names).</summary>
public sealed class PasswordRules(IStringLocalizer<SharedResource> l) : IPasswordValidator<AppUser>
{
    private static readonly string[] BlockedWords =
    [
        "password", "passw0rd", "123456", "12345678", "qwerty", "admin", "abc123", "111111", "iloveyou", "welcome",
        "siping", "sipingshi", "zhaoshang", "jinghe", "investtrack", "四平", "招商", "经合局",
    ];

    public Task<IdentityResult> ValidateAsync(UserManager<AppUser> manager, AppUser user, string? password)
    {
        password ??= "";
        var classes = (password.Any(char.IsLower) ? 1 : 0) + (password.Any(char.IsUpper) ? 1 : 0)
            + (password.Any(char.IsDigit) ? 1 : 0) + (password.Any(c => !char.IsLetterOrDigit(c)) ? 1 : 0);
        var errors = new List<IdentityError>();
        if (classes < 3)
            errors.Add(new IdentityError { Code = "PasswordClasses", Description = l["Password.Classes"] });
        var lower = password.ToLowerInvariant();
        if (BlockedWords.Any(lower.Contains) || (user.UserName is { Length: > 2 } name && lower.Contains(name.ToLowerInvariant(), StringComparison.Ordinal)))
            errors.Add(new IdentityError { Code = "PasswordBlocked", Description = l["Password.Blocked"] });
        return Task.FromResult(errors.Count == 0 ? IdentityResult.Success : IdentityResult.Failed([.. errors]));
    }
}
