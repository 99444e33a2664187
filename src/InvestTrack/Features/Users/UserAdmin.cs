using System.Text.RegularExpressions;
using InvestTrack.Data;
using InvestTrack.Features.Admin;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Users;

/// <summary>
/// The system admin's user management, and the security admin's account work (unlock, reset a second factor, end
/// sessions: Operation.ManageAccountSecurity) on the same list. Every command checks ManageUsers here, runs in a DI scope of its
/// own (a fresh UserManager and context, never the circuit's) inside one transaction with its audit
/// entries, and changes the security stamp when access changes, so sessions and circuits follow within a minute.
/// </summary>
public sealed partial class UserAdmin(IServiceScopeFactory scopes, CurrentUser actor, AuditLog audit, IStringLocalizer<AdminResource> a,
    Account.PasswordExpiry passwords)
{
    private const string ObjectType = nameof(AppUser);

    /// <summary>Who may list the users: the system admin to manage them, the security admin to look after their accounts.</summary>
    private static readonly Operation[] ListUsers = [Operation.ManageUsers, Operation.ManageAccountSecurity];

    public async Task<UserPage> ListAsync(UserQuery query, CancellationToken ct = default)
    {
        await AdminGuard.DemandAnyAsync(actor, audit, ListUsers, ObjectType);
        await using var scope = Open(out var db);
        var rows = Joined(db);
        if (Kernel.TextInput.Search(query.Text) is { } text)
        {
            var upper = text.ToUpperInvariant();
            rows = rows.Where(x => x.User.NormalizedUserName!.Contains(upper) || x.User.DisplayName.Contains(text));
        }
        if (query.UnitId is { } unitId) rows = rows.Where(x => x.User.UnitId == unitId);
        if (Kernel.TextInput.Search(query.Role) is { } role) rows = rows.Where(x => x.Role == role);
        var total = await rows.CountAsync(ct);
        rows = (query.Sort, query.Descending) switch
        {
            (UserSort.DisplayName, false) => rows.OrderBy(x => x.User.DisplayName),
            (UserSort.DisplayName, true) => rows.OrderByDescending(x => x.User.DisplayName),
            (UserSort.Unit, false) => rows.OrderBy(x => x.UnitName).ThenBy(x => x.User.UserName),
            (UserSort.Unit, true) => rows.OrderByDescending(x => x.UnitName).ThenBy(x => x.User.UserName),
            (UserSort.Role, false) => rows.OrderBy(x => x.Role).ThenBy(x => x.User.UserName),
            (UserSort.Role, true) => rows.OrderByDescending(x => x.Role).ThenBy(x => x.User.UserName),
            (UserSort.State, false) => rows.OrderBy(x => x.User.IsDisabled).ThenBy(x => x.User.UserName),
            (UserSort.State, true) => rows.OrderByDescending(x => x.User.IsDisabled).ThenBy(x => x.User.UserName),
            (_, true) => rows.OrderByDescending(x => x.User.UserName),
            _ => rows.OrderBy(x => x.User.UserName),
        };
        var size = Math.Clamp(query.PageSize, 1, 200);
        // Page is 0-based here.
        var page = Kernel.Paging.Skip(Math.Max(0, query.Page) + 1, size) is { } skip ? await rows.Skip(skip).Take(size).ToListAsync(ct) : [];
        return new UserPage([.. page.Select(ToRow)], total);
    }

    public async Task<UserRow?> FindAsync(string id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAnyAsync(actor, audit, ListUsers, ObjectType, id);
        await using var scope = Open(out var db);
        var row = await Joined(db).SingleOrDefaultAsync(x => x.User.Id == id, ct);
        return row is null ? null : ToRow(row);
    }

    private sealed class UserJoin
    {
        public required AppUser User { get; init; }
        public required string UnitName { get; init; }
        public string? Role { get; init; }
    }

    private static IQueryable<UserJoin> Joined(AppDbContext db) =>
        from u in db.Users.AsNoTracking()
        join unit in db.Units on u.UnitId equals unit.Id
        select new UserJoin
        {
            User = u,
            UnitName = unit.Name,
            Role = (from ur in db.UserRoles join r in db.Roles on ur.RoleId equals r.Id where ur.UserId == u.Id select r.Name).FirstOrDefault(),
        };

    // Lockout and the password's age are compared here, not in SQL: SQLite cannot compare DateTimeOffset values.
    private UserRow ToRow(UserJoin x) => new(x.User.Id, x.User.UserName!, x.User.DisplayName, x.User.UnitId, x.UnitName, x.Role,
        x.User.IsDisabled ? UserState.Disabled : x.User.LockoutEnd > DateTimeOffset.UtcNow ? UserState.Locked : UserState.Active,
        x.User.MustChangePassword, x.User.ConcurrencyStamp, x.User.TotpSecret is not null,
        x.User.PasswordChangedAt ?? x.User.CreatedAt, passwords.IsExpired(x.User));

    public async Task<(AdminResult Result, CreatedUser? User)> CreateAsync(UserForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageUsers, ObjectType);
        await using var scope = Open(out var db);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var userName = form.UserName.Trim();
        var error = ValidateUserName(userName) ?? await ValidateCommonAsync(db, form, ct);
        if (error is null && await users.FindByNameAsync(userName) is not null) error = a["User.NameTaken", userName];
        if (error is not null) return (AdminResult.Fail(error), null);

        var user = new AppUser
        {
            UserName = userName,
            DisplayName = form.DisplayName.Trim(),
            UnitId = form.UnitId,
            MustChangePassword = true,
            PasswordChangedAt = DateTimeOffset.UtcNow,
            CreatedAt = DateTimeOffset.UtcNow,
        };
        var password = await OneTimePasswordAsync(users, user);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await users.CreateAsync(user, password);
        if (result.Succeeded) result = await users.AddToRoleAsync(user, form.Role);
        if (!result.Succeeded) return (Failed(result), null);
        await AdminGuard.AuditAsync(db, "RoleChanged", ObjectType, user.Id, new { old = (string?)null, @new = form.Role }, ct);
        await tx.CommitAsync(ct);
        return (AdminResult.Success, new CreatedUser(user.Id, userName, password));
    }

    /// <summary>Changes display name, unit and role; refused when the user changed since <paramref name="stamp"/> was read.</summary>
    public async Task<AdminResult> UpdateAsync(string id, UserForm form, string? stamp, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageUsers, ObjectType, id);
        await using var scope = Open(out var db);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(id);
        if (user is null) return AdminResult.Fail(a["User.NotFound"]);
        if (user.ConcurrencyStamp != stamp) return AdminResult.Conflict(a["Common.Stale"]);
        if (await ValidateCommonAsync(db, form, ct) is { } error) return AdminResult.Fail(error);

        var oldRoles = await users.GetRolesAsync(user);
        var roleChanged = oldRoles.Count != 1 || oldRoles[0] != form.Role;
        if (roleChanged && id == actor.UserId) return AdminResult.Fail(a["User.NotSelfRole"]);
        var unitChanged = user.UnitId != form.UnitId;
        user.DisplayName = form.DisplayName.Trim();
        user.UnitId = form.UnitId;

        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // Each of these saves the user row, whose ConcurrencyStamp Identity checks: a concurrent change fails here.
        var result = IdentityResult.Success;
        if (roleChanged)
        {
            result = await users.RemoveFromRolesAsync(user, oldRoles);
            if (result.Succeeded) result = await users.AddToRoleAsync(user, form.Role);
        }
        if (result.Succeeded)
            result = roleChanged || unitChanged ? await users.UpdateSecurityStampAsync(user) : await users.UpdateAsync(user);
        if (!result.Succeeded) return Failed(result);
        if (roleChanged)
            await AdminGuard.AuditAsync(db, "RoleChanged", ObjectType, id, new { old = string.Join(",", oldRoles), @new = form.Role }, ct);
        await tx.CommitAsync(ct);
        return AdminResult.Success;
    }

    public async Task<AdminResult> SetDisabledAsync(string id, bool disabled, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageUsers, ObjectType, id);
        if (disabled && id == actor.UserId) return AdminResult.Fail(a["User.NotSelfDisable"]);
        return await ChangeAsync(id, disabled ? "UserDisabled" : "UserEnabled", (users, user) =>
        {
            user.IsDisabled = disabled;
            return Task.FromResult(IdentityResult.Success);
        }, ct);
    }

    /// <summary>Sets a new one-time password (returned once), lifts a lockout, and ends the user's sessions.</summary>
    public async Task<(AdminResult Result, string? Password)> ResetPasswordAsync(string id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageUsers, ObjectType, id);
        string? password = null;
        var result = await ChangeAsync(id, "PasswordReset", async (users, user) =>
        {
            password = await OneTimePasswordAsync(users, user);
            user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            user.MustChangePassword = true;
            user.PasswordChangedAt = DateTimeOffset.UtcNow;
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            return IdentityResult.Success;
        }, ct);
        return (result, result.Ok ? password : null);
    }

    public async Task<AdminResult> UnlockAsync(string id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageAccountSecurity, ObjectType, id);
        return await ChangeAsync(id, "UserUnlocked", (users, user) =>
        {
            user.LockoutEnd = null;
            user.AccessFailedCount = 0;
            return Task.FromResult(IdentityResult.Success);
        }, ct);
    }

    /// <summary>A new security stamp signs the user out everywhere within a minute (cookie and circuit validation).</summary>
    public async Task<AdminResult> EndSessionsAsync(string id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageAccountSecurity, ObjectType, id);
        return await ChangeAsync(id, "SessionsEnded", (_, _) => Task.FromResult(IdentityResult.Success), ct);
    }

    /// <summary>
    /// Removes the user's second factor and recovery codes (a lost phone), with the reason in the trail, and ends their
    /// sessions. A user whose role requires a factor enrols a new one at the next sign-in. Never one's own.
    /// </summary>
    public async Task<AdminResult> ResetSecondFactorAsync(string id, string? reason, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ManageAccountSecurity, ObjectType, id);
        var why = reason?.Trim() ?? "";
        if (why.Length == 0) return AdminResult.Fail(a["User.ResetFactorReasonRequired"]);
        if (why.Length > 200) return AdminResult.Fail(a["User.ResetFactorReasonTooLong"]);
        if (Kernel.TextInput.ProblemOf(why, 200) is { } problem) return AdminResult.Fail(Resources.SharedResource.Text(problem));
        if (id == actor.UserId) return AdminResult.Fail(a["User.NotSelfResetFactor"]);
        return await ChangeAsync(id, "TwoFactorReset", (_, user) =>
        {
            Account.TwoFactor.TotpFactor.Remove(user);
            return Task.FromResult(IdentityResult.Success);
        }, ct, new { reason = why });
    }

    /// <summary>Applies a change, renews the security stamp and writes the audit entry, all in one transaction.</summary>
    private async Task<AdminResult> ChangeAsync(string id, string action, Func<UserManager<AppUser>, AppUser, Task<IdentityResult>> change, CancellationToken ct,
        object? details = null)
    {
        await using var scope = Open(out var db);
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = await users.FindByIdAsync(id);
        if (user is null) return AdminResult.Fail(a["User.NotFound"]);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await change(users, user);
        if (result.Succeeded) result = await users.UpdateSecurityStampAsync(user);
        if (!result.Succeeded) return Failed(result);
        await AdminGuard.AuditAsync(db, action, ObjectType, id, details, ct);
        await tx.CommitAsync(ct);
        return AdminResult.Success;
    }

    /// <summary>A DI scope of its own acting as the same user: its UserManager and context live only for this call.</summary>
    private AsyncServiceScope Open(out AppDbContext db)
    {
        var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(actor.Principal, actor.Address, actor.TraceId);
        db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        return scope;
    }

    private string? ValidateUserName(string userName) => UserNamePattern().IsMatch(userName) ? null : a["User.NameFormat"].Value;

    private async Task<string?> ValidateCommonAsync(AppDbContext db, UserForm form, CancellationToken ct)
    {
        var displayName = form.DisplayName?.Trim() ?? "";
        if (displayName.Length == 0) return a["User.DisplayNameRequired"];
        if (displayName.Length > 100) return a["User.DisplayNameTooLong"];
        if (Kernel.TextInput.ProblemOf(displayName, 100) is { } problem) return Resources.SharedResource.Text(problem);
        if (!Roles.All.Contains(form.Role)) return a["User.RoleInvalid"];
        if (!await db.Units.AnyAsync(u => u.Id == form.UnitId, ct)) return a["User.UnitInvalid"];
        return null;
    }

    /// <summary>Random passwords can, rarely, contain the user name, which the password rules refuse: draw again.</summary>
    private static async Task<string> OneTimePasswordAsync(UserManager<AppUser> users, AppUser user)
    {
        for (var attempt = 0; ; attempt++)
        {
            var password = DemoData.OneTimePassword();
            var valid = true;
            foreach (var validator in users.PasswordValidators)
                valid &= (await validator.ValidateAsync(users, user, password)).Succeeded;
            if (valid || attempt >= 20) return password;
        }
    }

    private AdminResult Failed(IdentityResult result) =>
        result.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.ConcurrencyFailure))
            ? AdminResult.Conflict(a["Common.Stale"])
            : AdminResult.Fail(string.Join(Kernel.DisplayFormat.Semicolon, result.Errors.Select(e => e.Description)));

    [GeneratedRegex("^[A-Za-z0-9._-]{3,64}$")]
    private static partial Regex UserNamePattern();
}
