using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Notifications;

public sealed record InboxItem(long Id, string Title, string Body, string? Link, DateTimeOffset CreatedAt, DateTimeOffset? ReadAt);

public sealed record InboxList(IReadOnlyList<InboxItem> Items, int Total, int Unread);

/// <summary>The acting user's own inbox: every query is by their user id, so nobody reads another's messages.</summary>
public sealed class InboxService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, TimeProvider clock)
{
    public const int PageSize = 50;

    private string UserId => actor.UserId ?? "";

    /// <summary>Raised after messages were marked read: the app bar's badge (same circuit, same scope) counts again.</summary>
    public event Action? Changed;

    public async Task<int> UnreadAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.InboxMessages.CountAsync(m => m.UserId == UserId && m.ReadAt == null, ct);
    }

    public async Task<InboxList> PageAsync(int page, bool unreadOnly, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var mine = db.InboxMessages.AsNoTracking().Where(m => m.UserId == UserId);
        var unread = await mine.CountAsync(m => m.ReadAt == null, ct);
        var query = unreadOnly ? mine.Where(m => m.ReadAt == null) : mine;
        var total = await query.CountAsync(ct);
        var skip = Kernel.Paging.Skip(page, PageSize);
        var items = skip is null ? [] : await query.OrderByDescending(m => m.Id).Skip(skip.Value).Take(PageSize)
            .Select(m => new InboxItem(m.Id, m.Title, m.Body, m.Link, m.CreatedAt, m.ReadAt)).ToListAsync(ct);
        return new InboxList(items, total, unread);
    }

    /// <summary>Marks one message (or, with null, all) read; false when it is not the user's.</summary>
    public async Task<bool> MarkReadAsync(long? id, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var now = clock.GetUtcNow();
        var query = db.InboxMessages.Where(m => m.UserId == UserId && m.ReadAt == null);
        if (id is { } one)
        {
            if (!await db.InboxMessages.AnyAsync(m => m.Id == one && m.UserId == UserId, ct)) return false;
            query = query.Where(m => m.Id == one);
        }
        await query.ExecuteUpdateAsync(u => u.SetProperty(m => m.ReadAt, now), ct);
        Changed?.Invoke();
        return true;
    }
}
