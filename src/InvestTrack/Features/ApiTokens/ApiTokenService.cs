using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel.Crypto;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.ApiTokens;

/// <summary>What the user asks for: a name, how many days, and whether it may write.</summary>
public sealed class ApiTokenForm
{
    public string Name { get; set; } = "";
    public int Days { get; set; } = ApiTokenService.DefaultDays;
    public ApiTokenScope Scope { get; set; } = ApiTokenScope.Read;
}

/// <summary>A token as its list shows it: never the token, never its hash.</summary>
public sealed record ApiTokenRow(int Id, string Name, string Prefix, ApiTokenScope Scope, DateTimeOffset CreatedAt, DateTimeOffset ExpiresAt,
    DateTimeOffset? LastUsedAt, string? LastUsedFrom, DateTimeOffset? RevokedAt, string? RevokedBy, string? UserName, string? UserDisplayName)
{
    public bool IsRevoked => RevokedAt is not null;
}

/// <summary>A new token: the text itself, shown this once, and its row.</summary>
public sealed record ApiTokenCreated(string? Token, ApiTokenRow? Row, string? Error)
{
    public bool Ok => Token is not null;
}

/// <summary>
/// Personal access tokens (issue 14 item 7): each user makes and revokes its own; the administrator of security (the
/// operation <see cref="Operation.RevokeApiTokens"/>) sees every user's and may revoke any. Creation and revocation are
/// audited in the same transaction, by name and prefix, never with the hash.
/// </summary>
public sealed class ApiTokenService(IDbContextFactory<AppDbContext> contexts, CurrentUser user, IKeyProvider keys, TimeProvider time,
    AuditLog audit, IConfiguration configuration, IStringLocalizer<TokenResource> t)
{
    public const string ObjectType = "ApiToken";
    public const string CreatedAction = "ApiTokenCreated";
    public const string RevokedAction = "ApiTokenRevoked";
    public const string UsedAction = "ApiTokenUsed";
    public const int DefaultDays = 90;
    public const string MaxDaysKey = "Security:TokenMaxDays";
    /// <summary>Tokens a user may hold at once that are neither revoked nor expired.</summary>
    public const int MaxActivePerUser = 20;

    public int MaxDays => Math.Max(1, configuration.GetValue(MaxDaysKey, 365));

    public async Task<IReadOnlyList<ApiTokenRow>> MineAsync(CancellationToken ct = default)
    {
        if (user.UserId is not { } id) return [];
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Rows(db.ApiTokens.Where(x => x.UserId == id), db).ToListAsync(ct);
    }

    public async Task<ApiTokenCreated> CreateAsync(ApiTokenForm form, CancellationToken ct = default)
    {
        if (user.UserId is not { } id || user.IsSystem) throw new UnauthorizedAccessException("only a signed-in user makes tokens for itself");
        var name = (form.Name ?? "").Trim();
        if (name.Length == 0 || name.Length > ApiTokenFormat.MaxNameLength || name.Any(char.IsControl))
            return new(null, null, t["Tokens.BadName", ApiTokenFormat.MaxNameLength]);
        if (form.Days < 1 || form.Days > MaxDays) return new(null, null, t["Tokens.BadDays", MaxDays]);
        if (!Enum.IsDefined(form.Scope)) return new(null, null, t["Tokens.BadScope"]);
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(ct);
        // Counted here, not in SQL: SQLite cannot compare moments (it keeps them as text).
        var active = (await db.ApiTokens.Where(x => x.UserId == id && x.RevokedAt == null).Select(x => x.ExpiresAt).ToListAsync(ct)).Count(e => e > now);
        if (active >= MaxActivePerUser) return new(null, null, t["Tokens.TooMany", MaxActivePerUser]);
        var text = ApiTokenFormat.New();
        var token = new ApiToken
        {
            UserId = id,
            Name = name,
            Prefix = ApiTokenFormat.PrefixOf(text),
            Hash = ApiTokenFormat.Hash(keys, text),
            Scope = form.Scope,
            CreatedAt = now,
            ExpiresAt = now.AddDays(form.Days),
        };
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.ApiTokens.Add(token);
        await db.SaveChangesAsync(ct);
        await AdminGuard.AuditAsync(db, CreatedAction, ObjectType, Id(token),
            new { Name = token.Name, prefix = token.Prefix, scope = token.Scope.ToString(), expiresAt = token.ExpiresAt }, ct);
        await tx.CommitAsync(ct);
        var row = await Rows(db.ApiTokens.Where(x => x.Id == token.Id), db).SingleAsync(ct);
        return new(text, row, null);
    }

    /// <summary>Revokes one of the user's own tokens; false when there is none of that id (another user's answers alike).</summary>
    public async Task<bool> RevokeMineAsync(int tokenId, CancellationToken ct = default)
    {
        if (user.UserId is not { } id) return false;
        return await RevokeAsync(tokenId, x => x.UserId == id, ct);
    }

    /// <summary>Every user's tokens, newest first: for the administrator who may revoke them.</summary>
    public async Task<IReadOnlyList<ApiTokenRow>> AllAsync(CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(user, audit, Operation.RevokeApiTokens, ObjectType);
        await using var db = await contexts.CreateDbContextAsync(ct);
        return await Rows(db.ApiTokens, db).ToListAsync(ct);
    }

    public async Task<bool> RevokeAnyAsync(int tokenId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(user, audit, Operation.RevokeApiTokens, ObjectType, tokenId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return await RevokeAsync(tokenId, _ => true, ct);
    }

    private async Task<bool> RevokeAsync(int tokenId, Func<ApiToken, bool> mayRevoke, CancellationToken ct)
    {
        await using var db = await contexts.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var token = await db.ApiTokens.SingleOrDefaultAsync(x => x.Id == tokenId, ct);
        if (token is null || !mayRevoke(token)) return false;
        if (token.RevokedAt is not null) return true;
        token.RevokedAt = time.GetUtcNow();
        token.RevokedBy = user.UserName;
        await db.SaveChangesAsync(ct);
        var owner = await db.Users.Where(u => u.Id == token.UserId).Select(u => u.UserName).SingleOrDefaultAsync(ct);
        await AdminGuard.AuditAsync(db, RevokedAction, ObjectType, Id(token), new { Name = token.Name, prefix = token.Prefix, owner }, ct);
        await tx.CommitAsync(ct);
        return true;
    }

    private static string Id(ApiToken token) => token.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static IQueryable<ApiTokenRow> Rows(IQueryable<ApiToken> tokens, AppDbContext db) =>
        from x in tokens
        join u in db.Users on x.UserId equals u.Id
        orderby x.Id descending
        select new ApiTokenRow(x.Id, x.Name, x.Prefix, x.Scope, x.CreatedAt, x.ExpiresAt, x.LastUsedAt, x.LastUsedFrom, x.RevokedAt, x.RevokedBy, u.UserName, u.DisplayName);
}
