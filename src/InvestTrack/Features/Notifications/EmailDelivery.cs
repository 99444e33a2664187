using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace InvestTrack.Features.Notifications;

/// <summary>One e-mail through the configured SMTP server (MailKit).</summary>
public static class EmailDelivery
{
    public static async Task<string?> SendAsync(SmtpOptions smtp, OutboxMessage message, CancellationToken ct)
    {
        if (!smtp.Enabled) return "SMTP is not configured (Notifications:Smtp)";
        var mail = new MimeMessage();
        mail.From.Add(new MailboxAddress(smtp.FromName, smtp.From!));
        mail.To.Add(MailboxAddress.Parse(message.Target));
        mail.Subject = message.Title;
        mail.Body = new TextPart("plain") { Text = message.Body + (message.Link is null ? "" : $"\n\n{message.Link}") };
        using var client = new SmtpClient { Timeout = 30_000 };
        var security = !smtp.UseTls ? SecureSocketOptions.None : smtp.Port == 465 ? SecureSocketOptions.SslOnConnect : SecureSocketOptions.StartTls;
        await client.ConnectAsync(smtp.Host!, smtp.Port, security, ct);
        if (!string.IsNullOrEmpty(smtp.UserName)) await client.AuthenticateAsync(smtp.UserName, smtp.Password ?? "", ct);
        await client.SendAsync(mail, ct);
        await client.DisconnectAsync(true, ct);
        return null;
    }
}
