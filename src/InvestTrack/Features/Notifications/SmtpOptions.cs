namespace InvestTrack.Features.Notifications;

/// <summary>
/// Configuration section Notifications:Smtp. E-mail is off until <see cref="Host"/> and <see cref="From"/> are set; the
/// password belongs in the environment or a secrets store, not in appsettings.json.
/// </summary>
public sealed class SmtpOptions
{
    public const string Section = "Notifications:Smtp";

    public string? Host { get; set; }
    public int Port { get; set; } = 587;
    /// <summary>STARTTLS on 587, TLS on connect for 465; off only for a relay on the same machine.</summary>
    public bool UseTls { get; set; } = true;
    public string? UserName { get; set; }
    public string? Password { get; set; }
    public string? From { get; set; }
    public string FromName { get; set; } = "招商项目管理平台";

    public bool Enabled => !string.IsNullOrWhiteSpace(Host) && !string.IsNullOrWhiteSpace(From);
}

/// <summary>Configuration section Notifications:Outbox: how often and how many times delivery is tried.</summary>
public sealed class OutboxOptions
{
    public const string Section = "Notifications:Outbox";

    public int MaxAttempts { get; set; } = 5;
    /// <summary>The wait after the first failure; it doubles after each further one (30 s, 1, 2, 4 min).</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
    /// <summary>Off for the command line and for tests that drive delivery themselves.</summary>
    public bool Enabled { get; set; } = true;
    /// <summary>The app's address as its users reach it (https://invest.example.gov.cn): links in e-mails and robot messages
    /// are made absolute with it; without it they are left out (the inbox keeps its own links).</summary>
    public string? PublicBaseUrl { get; set; }

    /// <summary>An in-app path as an absolute link, or null when no base address is configured.</summary>
    public string? Absolute(string? link) =>
        link is null ? null : Uri.TryCreate(link, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? link
        : string.IsNullOrWhiteSpace(PublicBaseUrl) ? null : PublicBaseUrl.TrimEnd('/') + "/" + link.TrimStart('/');
}
