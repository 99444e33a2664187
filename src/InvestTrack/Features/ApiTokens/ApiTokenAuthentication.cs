using System.Globalization;
using System.Security.Claims;
using System.Text.Encodings.Web;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Users;
using InvestTrack.Kernel.Crypto;
using InvestTrack.Resources;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

namespace InvestTrack.Features.ApiTokens;

/// <summary>
/// <c>Authorization: Bearer itk_…</c> on /api (issue 14 item 7). The default scheme is a selector: a request under /api
/// that carries a bearer token is authenticated by the token and nothing else (and refused while its user's password is
/// one-time or expired, as the user's pages are held at the change page); every other request (pages, the sign-in
/// form, a bearer token on a page's address) by the session cookie, as before. So a token never signs anyone in to a page.
/// </summary>
public static class ApiTokenAuthentication
{
    public const string Scheme = "ApiToken";
    public const string Selector = "CookieOrApiToken";
    public const string TokenIdClaim = "investtrack:token_id";
    public const string TokenNameClaim = "investtrack:token_name";
    public const string TokenPrefixClaim = "investtrack:token_prefix";
    public const string TokenScopeClaim = "investtrack:token_scope";
    public const string CultureClaim = "investtrack:culture";

    public static void AddApiTokens(this IServiceCollection services)
    {
        services.AddScoped<ApiTokenService>();
        services.AddSingleton<ApiTokenUsage>();
        services.AddSingleton<TokenGuessLimit>();
        services.AddAuthentication(o =>
            {
                o.DefaultScheme = Selector;
                o.DefaultChallengeScheme = Selector;
                o.DefaultForbidScheme = Selector;
            })
            .AddPolicyScheme(Selector, null, o => o.ForwardDefaultSelector = context =>
                IsBearerApiCall(context.Request) ? Scheme : IdentityConstants.ApplicationScheme)
            .AddScheme<AuthenticationSchemeOptions, Handler>(Scheme, null);
    }

    /// <summary>A request to /api with a bearer token (of any shape: a malformed one is refused, not ignored).</summary>
    public static bool IsBearerApiCall(HttpRequest request) =>
        request.Path.StartsWithSegments("/api") && BearerOf(request) is not null;

    public static string? BearerOf(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
    }

    /// <summary>Whether this request was authenticated by a token (the API client header is then not asked for).</summary>
    public static bool IsTokenCall(ClaimsPrincipal user) => user.Identity is { IsAuthenticated: true, AuthenticationType: Scheme };

    /// <summary>Why a token was refused: the key of the message, and the user's language when the token was known.</summary>
    private sealed class Refusal(string key, string? culture = null, string? userName = null, ApiToken? token = null) : Exception(key)
    {
        /// <summary>Set when the caller's address has used up its unknown tokens: the answer is 429 after this long.</summary>
        public TimeSpan? RetryAfter { get; init; }
        public string Key { get; } = key;
        public string? Culture { get; } = culture;
        public string? UserName { get; } = userName;
        public ApiToken? Token { get; } = token;
    }

    public sealed class Handler(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
        IDbContextFactory<AppDbContext> contexts, IKeyProvider keys, UserManager<AppUser> users, IUserClaimsPrincipalFactory<AppUser> principals,
        TimeProvider time, Account.PasswordExpiry passwords, TokenGuessLimit guesses)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            var text = BearerOf(Request);
            if (text is null) return AuthenticateResult.NoResult();
            var address = TokenGuessLimit.AddressOf(Context);
            if (guesses.Blocked(address) is { } wait) return AuthenticateResult.Fail(new Refusal("Tokens.Unknown") { RetryAfter = wait });
            var token = ApiTokenFormat.IsWellFormed(text) ? await FindAsync(ApiTokenFormat.Hash(keys, text)) : null;
            var user = token is null ? null : await users.FindByIdAsync(token.UserId);
            if (token is null || user is null)
                return AuthenticateResult.Fail(new Refusal("Tokens.Unknown") { RetryAfter = guesses.CountFailure(address) });
            string? Refused() =>
                token.RevokedAt is not null ? "Tokens.Revoked"
                : token.ExpiresAt <= time.GetUtcNow() ? "Tokens.Expired"
                : user.IsDisabled ? "Tokens.UserDisabled"
                : passwords.ReasonFor(user) switch
                {
                    Account.PasswordChangeReason.OneTime => "Tokens.MustChangePassword",
                    Account.PasswordChangeReason.Expired => "Tokens.PasswordExpired",
                    _ => null,
                };
            var refused = Refused() ?? (await users.IsLockedOutAsync(user) ? "Tokens.UserLocked" : null);
            if (refused is not null) return AuthenticateResult.Fail(new Refusal(refused, user.PreferredCulture, user.UserName, token));

            // The user's role, unit and scope of this moment, built as the session cookie's are.
            var built = await principals.CreateAsync(user);
            var source = (ClaimsIdentity)built.Identity!;
            var identity = new ClaimsIdentity(source.Claims, ApiTokenAuthentication.Scheme, source.NameClaimType, source.RoleClaimType);
            identity.AddClaim(new Claim(TokenIdClaim, token.Id.ToString(CultureInfo.InvariantCulture)));
            identity.AddClaim(new Claim(TokenNameClaim, token.Name));
            identity.AddClaim(new Claim(TokenPrefixClaim, token.Prefix));
            identity.AddClaim(new Claim(TokenScopeClaim, token.Scope.ToString()));
            identity.AddClaim(new Claim(CultureClaim, user.PreferredCulture));
            return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), ApiTokenAuthentication.Scheme));
        }

        private async Task<ApiToken?> FindAsync(string hash)
        {
            await using var db = await contexts.CreateDbContextAsync(Context.RequestAborted);
            return await db.ApiTokens.AsNoTracking().SingleOrDefaultAsync(x => x.Hash == hash, Context.RequestAborted);
        }

        /// <summary>401 as ProblemDetails that says why, in the token user's language (the request's when the token is unknown).</summary>
        protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
        {
            var result = await HandleAuthenticateOnceSafeAsync();
            var refusal = result.Failure as Refusal ?? new Refusal("Tokens.Unknown");
            if (refusal.RetryAfter is { } retryAfter)
            {
                await Infrastructure.Auth.LoginRateLimit.RefuseAsync(Context, retryAfter, Context.RequestAborted);
                return;
            }
            var audit = Context.RequestServices.GetRequiredService<AuditLog>();
            if (refusal.Token is null)
            {
                // An unknown token: a failed attempt from this address, audited (bounded by TokenGuessLimit); nothing of the
                // token itself is written, since a mistyped real token would give most of itself away.
                await audit.WriteAsync("Refused", ApiTokenService.ObjectType, null, "Refused", details: Infrastructure.Auth.AdminGuard.Serialize(new
                {
                    method = Request.Method, path = Request.Path.Value, status = 401, reason = "Unknown",
                }));
            }
            if (refusal.Token is { } token)
            {
                // A known token refused (revoked, expired, its user disabled or locked): a use, audited with who it was.
                await audit.WriteAsync("Refused", ApiTokenService.ObjectType, token.Id.ToString(CultureInfo.InvariantCulture), "Refused",
                    userName: refusal.UserName, details: Infrastructure.Auth.AdminGuard.Serialize(new
                    {
                        Name = token.Name, prefix = token.Prefix, method = Request.Method, path = Request.Path.Value, status = 401,
                        reason = refusal.Key["Tokens.".Length..],
                    }));
            }
            var l = Context.RequestServices.GetRequiredService<IStringLocalizer<TokenResource>>();
            var previous = CultureInfo.CurrentUICulture;
            if (refusal.Culture is { } culture) CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            string title, detail;
            try
            {
                title = l["Tokens.Unauthorized"];
                detail = l[refusal.Key];
            }
            finally
            {
                CultureInfo.CurrentUICulture = previous;
            }
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await Context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
            {
                HttpContext = Context,
                ProblemDetails = { Status = StatusCodes.Status401Unauthorized, Title = title, Detail = detail },
            });
        }

        protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
        {
            Response.StatusCode = StatusCodes.Status403Forbidden;
            await Task.CompletedTask;
        }
    }
}
