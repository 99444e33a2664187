using InvestTrack.Features.Users;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Notifications;

/// <summary>A message in one user's in-app inbox. Read only by that user (queries filter by user id, not by unit).</summary>
public sealed class InboxMessage
{
    public long Id { get; set; }
    public required string UserId { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    /// <summary>A path inside the app (/warnings?…), never an outside address.</summary>
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? ReadAt { get; set; }
}

public enum OutboxChannel { Email = 1, Webhook = 2 }

/// <summary>
/// A message waiting to leave (e-mail or robot webhook). Whoever sends only writes this row; <see cref="OutboxProcessor"/>
/// delivers it later with retries and backoff, so a slow or failing server never blocks the sender.
/// </summary>
public sealed class OutboxMessage
{
    public long Id { get; set; }
    public OutboxChannel Channel { get; set; }
    /// <summary>The e-mail address; for a webhook the endpoint's name (the endpoint is <see cref="WebhookId"/>).</summary>
    public required string Target { get; set; }
    public int? WebhookId { get; set; }
    public required string Title { get; set; }
    public required string Body { get; set; }
    public string? Link { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public int Attempts { get; set; }
    public DateTimeOffset NextAttemptAt { get; set; }
    public DateTimeOffset? SentAt { get; set; }
    /// <summary>Set when the last attempt failed: the message is given up and stays listed as failed.</summary>
    public DateTimeOffset? FailedAt { get; set; }
    public string? LastError { get; set; }
}

public enum WebhookFormat { DingTalk = 1, WeCom = 2 }

/// <summary>
/// An outgoing robot webhook (钉钉 or 企业微信 群机器人) that receives the warnings' summaries. The DingTalk signing secret is
/// kept encrypted by Data Protection (<see cref="ProtectedSecret"/>), never in clear.
/// </summary>
public sealed class WebhookEndpoint : IAudited, IVersioned
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public WebhookFormat Format { get; set; }
    public required string Url { get; set; }
    public string? ProtectedSecret { get; set; }
    public bool Enabled { get; set; } = true;
    public int Version { get; set; }
}

internal sealed class NotificationConfiguration :
    IEntityTypeConfiguration<InboxMessage>, IEntityTypeConfiguration<OutboxMessage>, IEntityTypeConfiguration<WebhookEndpoint>
{
    public void Configure(EntityTypeBuilder<InboxMessage> b)
    {
        b.Property(m => m.Title).HasMaxLength(200);
        b.Property(m => m.Body).HasMaxLength(4000);
        b.Property(m => m.Link).HasMaxLength(500);
        b.HasIndex(m => new { m.UserId, m.ReadAt });
        b.HasOne<AppUser>().WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.Property(m => m.Target).HasMaxLength(256);
        b.Property(m => m.Title).HasMaxLength(200);
        b.Property(m => m.Body).HasMaxLength(4000);
        b.Property(m => m.Link).HasMaxLength(500);
        b.Property(m => m.LastError).HasMaxLength(1000);
        b.HasIndex(m => new { m.SentAt, m.FailedAt, m.NextAttemptAt });
        b.HasOne<WebhookEndpoint>().WithMany().HasForeignKey(m => m.WebhookId).OnDelete(DeleteBehavior.Cascade);
    }

    public void Configure(EntityTypeBuilder<WebhookEndpoint> b)
    {
        b.Property(w => w.Name).HasMaxLength(100);
        b.Property(w => w.Url).HasMaxLength(1000);
        b.Property(w => w.ProtectedSecret).HasMaxLength(2000);
        b.Property(w => w.Version).IsConcurrencyToken();
    }
}
