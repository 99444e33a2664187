using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Users;
using Microsoft.AspNetCore.Identity;

namespace InvestTrack.Features.Account;

public enum PasswordSignInOutcome
{
    SignedIn,
    Refused,
    /// <summary>The password was right and the user has a second factor: the code step (TwoFactorSignIn) comes next.</summary>
    RequiresSecondFactor,
}

/// <summary>
/// The password step of signing in (docs/security.md 10 and issue 14 item 1). It reveals nothing: an unknown name, a
/// wrong password, a disabled and a locked account all get the same answer after the same work — one password hash
/// (against a decoy hash when there is no account to check) and one write of the refusal to the audit trail, with the
/// failure count in the same write; what differs still (an update beside the insert) is evened out by
/// <see cref="RefusalPace"/>. Failures count towards the lockout only within <see cref="FailureWindow"/> of the
/// first; the failure that locks the account also ends the sessions it already has (a new security stamp: cookies and
/// circuits within a minute).
/// </summary>
public sealed class PasswordSignIn(SignInManager<AppUser> signIn, UserManager<AppUser> users, AppDbContext db, DecoyPassword decoy, RefusalPace pace, TimeProvider clock,
    IEnumerable<TwoFactor.ISecondFactor> factors)
{
    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);

    public async Task<(PasswordSignInOutcome Outcome, AppUser? User)> SignInAsync(string userName, string password)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        var (outcome, user) = await CheckAsync(userName, password);
        if (outcome == PasswordSignInOutcome.Refused) await pace.PadAsync(System.Diagnostics.Stopwatch.GetElapsedTime(started));
        return (outcome, user);
    }

    private async Task<(PasswordSignInOutcome Outcome, AppUser? User)> CheckAsync(string userName, string password)
    {
        var user = await users.FindByNameAsync(userName);
        if (user is null || user.IsDisabled || await users.IsLockedOutAsync(user))
        {
            decoy.Check(users.PasswordHasher, password);
            var (action, answer, reason) = user switch
            {
                null => ("SignInFailed", "Refused", "UnknownUser"),
                { IsDisabled: true } => ("SignInFailed", "Disabled", "Disabled"),
                _ => ("LockedOut", "Refused", "LockedOut"),
            };
            Audit(action, user?.Id, answer, userName, reason);
            await db.SaveChangesAsync();
            return (PasswordSignInOutcome.Refused, null);
        }
        var verdict = user.PasswordHash is null ? PasswordVerificationResult.Failed
            : users.PasswordHasher.VerifyHashedPassword(user, user.PasswordHash, password);
        if (verdict == PasswordVerificationResult.Failed)
        {
            await CountFailureAsync(user, userName);
            return (PasswordSignInOutcome.Refused, null);
        }
        if (factors.Any(f => f.IsEnrolled(user)))
        {
            // Earlier failures are not forgotten yet: the password alone must not reset the count that wrong codes add to.
            Audit(TwoFactor.TwoFactorSignIn.PasswordAcceptedAction, user.Id, "Success", user.UserName!, null);
            if (verdict == PasswordVerificationResult.SuccessRehashNeeded)
            {
                user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
                await users.UpdateAsync(user);
            }
            else await db.SaveChangesAsync();
            await TwoFactor.TwoFactorSignIn.StartAsync(signIn.Context, user);
            return (PasswordSignInOutcome.RequiresSecondFactor, user);
        }
        Audit("SignIn", user.Id, "Success", user.UserName!, null);
        // Hashed again with today's parameters when they have changed since (docs/security.md 9); earlier failures forgotten.
        if (verdict == PasswordVerificationResult.SuccessRehashNeeded || user.AccessFailedCount > 0 || user.FirstFailedSignInAt is not null)
        {
            if (verdict == PasswordVerificationResult.SuccessRehashNeeded) user.PasswordHash = users.PasswordHasher.HashPassword(user, password);
            (user.AccessFailedCount, user.FirstFailedSignInAt) = (0, null);
            await users.UpdateAsync(user);
        }
        else await db.SaveChangesAsync();
        await signIn.SignInAsync(user, isPersistent: false);
        return (PasswordSignInOutcome.SignedIn, user);
    }

    /// <summary>
    /// Counts the failure with its audit entry in one write. A failure after the window of the first one starts
    /// counting afresh; the fifth locks the account and renews its security stamp. Two failures at the same moment both
    /// count: a concurrent change of the user is read again and the failure applied to it. A wrong second-factor code
    /// counts here too (<paramref name="action"/> TwoFactorFailed), towards the same lockout.
    /// </summary>
    internal async Task CountFailureAsync(AppUser user, string userName, string action = "SignInFailed", string reason = "WrongPassword")
    {
        for (var attempt = 1; ; attempt++)
        {
            var now = clock.GetUtcNow();
            if (user.AccessFailedCount == 0 || user.FirstFailedSignInAt is not { } first || now - first >= FailureWindow)
                (user.AccessFailedCount, user.FirstFailedSignInAt) = (0, now);
            var locks = user.AccessFailedCount + 1 >= users.Options.Lockout.MaxFailedAccessAttempts;
            if (locks)
            {
                (user.AccessFailedCount, user.FirstFailedSignInAt) = (0, null);
                user.LockoutEnd = now + users.Options.Lockout.DefaultLockoutTimeSpan;
                user.SecurityStamp = Guid.NewGuid().ToString("N");
            }
            else user.AccessFailedCount++;
            user.ConcurrencyStamp = Guid.NewGuid().ToString();
            Audit(locks ? "LockedOut" : action, user.Id, "Refused", userName, locks ? "FailureLimit" : reason);
            try
            {
                await db.SaveChangesAsync();
                return;
            }
            catch (Microsoft.EntityFrameworkCore.DbUpdateConcurrencyException) when (attempt < 5)
            {
                foreach (var pending in db.ChangeTracker.Entries<AuditEntry>().ToList()) pending.State = Microsoft.EntityFrameworkCore.EntityState.Detached;
                await db.Entry(user).ReloadAsync();
            }
        }
    }

    /// <summary>An audit entry in the context that saves the user, so that the change and its entry are one write.</summary>
    internal void Audit(string action, string? userId, string result, string userName, string? reason)
    {
        var entry = AuditCapture.Add(db, action, "AppUser", userId, reason is null ? null : Infrastructure.Auth.AdminGuard.Serialize(new { reason }), result);
        entry.UserName ??= userName;
    }
}

/// <summary>
/// A hash of a random password, made once with the product's hasher and its parameters, checked when there is no real
/// hash to check, so that a refusal costs the same time whether or not the account exists.
/// </summary>
public sealed class DecoyPassword
{
    private readonly AppUser _nobody = new() { DisplayName = "", UserName = "decoy" };
    private string? _hash;

    public void Check(IPasswordHasher<AppUser> hasher, string password)
    {
        _hash ??= hasher.HashPassword(_nobody, Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(24)));
        hasher.VerifyHashedPassword(_nobody, _hash, password);
    }
}

/// <summary>
/// Every refusal of a password answers no sooner than the third quartile of the recent refusals, so that what is left
/// of the difference between an unknown name and a wrong password (the update of the failure count) is lost in the
/// spread of ordinary answers, whatever the machine's load. A quantile, not the slowest: a pause of the machine (the
/// slowest quarter) does not hold back every refusal after it. Costs an attacker time, never a user who typed the right
/// password.
/// </summary>
public sealed class RefusalPace
{
    /// <summary>Padding never exceeds this: a busy spell does not turn every refusal into a long wait.</summary>
    public static readonly TimeSpan MostPadding = TimeSpan.FromMilliseconds(250);

    private readonly TimeSpan[] _recent = new TimeSpan[32];
    private int _count;
    private int _next;
    private readonly Lock _lock = new();

    public Task PadAsync(TimeSpan took) => WaitFor(took) is { } wait && wait > TimeSpan.Zero ? Task.Delay(wait) : Task.CompletedTask;

    /// <summary>How long a refusal that took <paramref name="took"/> waits before it answers.</summary>
    public TimeSpan WaitFor(TimeSpan took)
    {
        TimeSpan pace;
        lock (_lock)
        {
            _recent[_next] = took;
            _next = (_next + 1) % _recent.Length;
            _count = Math.Min(_count + 1, _recent.Length);
            var sorted = _recent[.._count].Order().ToArray();
            pace = sorted[sorted.Length * 3 / 4];
        }
        return TimeSpan.FromTicks(Math.Clamp((pace - took).Ticks, 0, MostPadding.Ticks));
    }
}
