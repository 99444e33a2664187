using System.Globalization;
using System.Security.Claims;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.ApiTokens;

/// <summary>
/// Every call made with a token (issue 14 item 7): answered in its user's language, refused (403) when a read token
/// asks to write, and written to the audit trail once — who, which token (name and prefix), method, path, address and
/// result — whatever else the call audits itself. The token's last use is stored at most once a minute, so a busy
/// script costs one audit entry per call and no storm of row updates.
/// </summary>
public sealed class ApiTokenUsage(IDbContextFactory<AppDbContext> contexts, TimeProvider time)
{
    public static readonly TimeSpan LastUseResolution = TimeSpan.FromMinutes(1);

    public static bool IsRead(string method) => HttpMethods.IsGet(method) || HttpMethods.IsHead(method);

    /// <summary>Stores the moment and address of a use, unless one was stored less than a minute ago.</summary>
    public async Task NoteUseAsync(int tokenId, string? address, CancellationToken ct = default)
    {
        var now = time.GetUtcNow();
        var before = now - LastUseResolution;
        address = address is { Length: > 64 } ? address[..64] : address;
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Read, then write only over what was read (SQLite cannot compare moments in SQL): of two calls at once, one writes.
        var last = await db.ApiTokens.Where(x => x.Id == tokenId).Select(x => x.LastUsedAt).SingleOrDefaultAsync(ct);
        if (last is { } moment && moment >= before) return;
        await db.ApiTokens.Where(x => x.Id == tokenId && x.LastUsedAt == last)
            .ExecuteUpdateAsync(s => s.SetProperty(x => x.LastUsedAt, now).SetProperty(x => x.LastUsedFrom, address), ct);
    }

    /// <summary>Runs inside the refusal audit and outside the administrators' network rule and authorization, so that it sees their answers.</summary>
    public sealed class Middleware(RequestDelegate next)
    {
        public async Task InvokeAsync(HttpContext context, CurrentUser user, AuditLog audit, ApiTokenUsage usage, IStringLocalizer<TokenResource> t)
        {
            if (!ApiTokenAuthentication.IsTokenCall(context.User))
            {
                await next(context);
                return;
            }
            var principal = context.User;
            if (principal.FindFirstValue(ApiTokenAuthentication.CultureClaim) is { } culture && WebCulture(culture) is { } chosen)
            {
                CultureInfo.CurrentCulture = chosen;
                CultureInfo.CurrentUICulture = chosen;
            }
            var request = context.Request;
            var readOnly = principal.FindFirstValue(ApiTokenAuthentication.TokenScopeClaim) != nameof(ApiTokenScope.ReadWrite);
            var refusedWrite = readOnly && !IsRead(request.Method);
            if (refusedWrite)
            {
                context.Response.StatusCode = StatusCodes.Status403Forbidden;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = context,
                    ProblemDetails = { Status = StatusCodes.Status403Forbidden, Title = t["Tokens.Forbidden"], Detail = t["Tokens.ReadOnly"] },
                });
            }
            else
            {
                try
                {
                    await next(context);
                }
                catch (Exception) when (!context.RequestAborted.IsCancellationRequested)
                {
                    // The exception handler outside answers 500: the use is audited as such, then the error goes on.
                    await AuditAsync(StatusCodes.Status500InternalServerError);
                    throw;
                }
            }
            await AuditAsync(context.Response.StatusCode);
            // This call's refusal, if any, is in the trail now: RefusalAudit does not write a second entry.
            user.NoteRefusalAudited();
            var tokenId = principal.FindFirstValue(ApiTokenAuthentication.TokenIdClaim)!;
            await usage.NoteUseAsync(int.Parse(tokenId, CultureInfo.InvariantCulture), user.Address);

            Task AuditAsync(int status) => audit.WriteAsync(refusedWrite ? "Refused" : ApiTokenService.UsedAction, ApiTokenService.ObjectType,
                principal.FindFirstValue(ApiTokenAuthentication.TokenIdClaim),
                status < 400 ? "Success" : status is StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden or StatusCodes.Status404NotFound ? "Refused" : "Failed",
                details: AdminGuard.Serialize(new
                {
                    Name = principal.FindFirstValue(ApiTokenAuthentication.TokenNameClaim),
                    prefix = principal.FindFirstValue(ApiTokenAuthentication.TokenPrefixClaim),
                    method = request.Method,
                    path = Cut(request.Path.Value + request.QueryString.Value),
                    status,
                    reason = refusedWrite ? "read-only token" : null,
                }));
        }

        private static string Cut(string text) => text.Length <= 300 ? text : text[..299] + "…";

        private static CultureInfo? WebCulture(string name) =>
            Infrastructure.Hosting.WebApp.Cultures.FirstOrDefault(c => c.Name == name);
    }
}
