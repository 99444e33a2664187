using InvestTrack.Features.Users;

namespace InvestTrack.Features.Account.TwoFactor;

/// <summary>
/// A second factor of sign-in (docs/security.md 11). The authenticator app (<see cref="TotpFactor"/>) is the one built;
/// an SM2 certificate key (UKey) would be another: its enrolment material is the key's certificate, its response a
/// signature of a server challenge, checked with Kernel/Crypto/Sm2 against the certificate's public key (docs/security.md,
/// "Second factors"). The sign-in step and the account page speak only to this interface.
/// </summary>
public interface ISecondFactor
{
    /// <summary>Its name in the trail and on the account page ("totp").</summary>
    string Kind { get; }

    bool IsEnrolled(AppUser user);

    /// <summary>When the user enrolled; null when not enrolled.</summary>
    DateTimeOffset? EnrolledAt(AppUser user);

    /// <summary>
    /// Completes an enrolment: <paramref name="material"/> is what the factor is (the TOTP secret in Base32, a UKey's
    /// certificate), <paramref name="response"/> the user's proof of holding it. Changes the user (the caller saves);
    /// false, and nothing changed, when the proof fails.
    /// </summary>
    bool Enrol(AppUser user, string material, string response, DateTimeOffset now);

    /// <summary>
    /// Checks a sign-in response. On success it changes the user so that the same response is refused next time (the
    /// caller saves, under the user's concurrency stamp, so that two uses at once cannot both succeed).
    /// </summary>
    bool Verify(AppUser user, string response, DateTimeOffset now);

    /// <summary>Forgets the factor (disabled by its user, or reset by the security admin).</summary>
    void Remove(AppUser user);
}
