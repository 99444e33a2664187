namespace InvestTrack.Features.Users;

public enum UserState { Active, Disabled, Locked }

public sealed record UserRow(
    string Id, string UserName, string DisplayName, int UnitId, string UnitName, string? Role,
    UserState State, bool MustChangePassword, string? ConcurrencyStamp, bool HasSecondFactor = false,
    DateTimeOffset? PasswordChangedAt = null, bool PasswordExpired = false);

public sealed record UserPage(IReadOnlyList<UserRow> Rows, int Total);

public enum UserSort { UserName, DisplayName, Unit, Role, State }

public sealed record UserQuery(string? Text = null, int? UnitId = null, string? Role = null,
    UserSort Sort = UserSort.UserName, bool Descending = false, int Page = 0, int PageSize = 25);

/// <summary>What an admin may set on a user; the id, password, state and stamps are never bound from it.</summary>
public sealed class UserForm
{
    public string UserName { get; set; } = "";
    public string DisplayName { get; set; } = "";
    public int UnitId { get; set; }
    public string Role { get; set; } = Infrastructure.Auth.Roles.UnitUser;
}

/// <summary>A new account and its one-time password, which is shown once and never stored in clear.</summary>
public sealed record CreatedUser(string UserId, string UserName, string OneTimePassword);
