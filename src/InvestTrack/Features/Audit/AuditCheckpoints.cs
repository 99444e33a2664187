using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Kernel.Crypto;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Audit;

/// <summary>A signed statement that the chain had reached <see cref="Sequence"/> with <see cref="Mac"/> at <see cref="Time"/>.</summary>
public sealed record AuditCheckpoint(long Sequence, string Mac, DateTimeOffset Time, string KeyId, string Signature)
{
    public const string Format = "investtrack-audit-checkpoint-v1";

    /// <summary>What the SM2 signature covers: the format, the sequence, the MAC and the UTC time, one per line.</summary>
    public static byte[] SignedText(long sequence, string mac, DateTimeOffset time) => Encoding.UTF8.GetBytes(
        $"{Format}\n{sequence.ToString(CultureInfo.InvariantCulture)}\n{mac}\n{time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture)}");

    /// <summary>The first 16 hex digits of SM3 over the public key's DER: which key signed.</summary>
    public static string KeyIdOf(Org.BouncyCastle.Crypto.AsymmetricKeyParameter publicKey) =>
        Convert.ToHexStringLower(Sm3.Hash(Org.BouncyCastle.X509.SubjectPublicKeyInfoFactory.CreateSubjectPublicKeyInfo(publicKey).GetDerEncoded()))[..16];

    public string ToJson() => JsonSerializer.Serialize(new
    {
        format = Format, sequence = Sequence, mac = Mac,
        time = Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
        keyId = KeyId, signature = Signature,
    });

    /// <returns>null when the text is not a checkpoint of this format.</returns>
    public static AuditCheckpoint? Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.GetProperty("format").GetString() != Format) return null;
            return new AuditCheckpoint(root.GetProperty("sequence").GetInt64(), root.GetProperty("mac").GetString()!,
                DateTimeOffset.Parse(root.GetProperty("time").GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal),
                root.GetProperty("keyId").GetString()!, root.GetProperty("signature").GetString()!);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or NullReferenceException)
        {
            return null;
        }
    }

    public bool SignatureHolds(Org.BouncyCastle.Crypto.AsymmetricKeyParameter publicKey)
    {
        byte[] signature;
        try { signature = Convert.FromBase64String(Signature); }
        catch (FormatException) { return false; }
        return Sm2.Verify(publicKey, SignedText(Sequence, Mac, Time), signature);
    }
}

/// <summary>
/// Writes checkpoints: the latest sealed entry's sequence and MAC with the time, signed with the SM2 checkpoint key,
/// to a file of its own in Audit:CheckpointDirectory (outside the database: a checkpoint proves what the trail held even
/// to someone who rewrote the database), and, when Audit:Syslog:Host is set, as one RFC 5424 line to that syslog server.
/// </summary>
public sealed class AuditCheckpoints(IDbContextFactory<AppDbContext> dbFactory, IKeyProvider keys, AuditSettings settings,
    TimeProvider clock, ILogger<AuditCheckpoints> logger)
{
    public const string FilePattern = "audit-checkpoint-*.json";

    public sealed record Written(AuditCheckpoint Checkpoint, string File, string? SyslogProblem);

    /// <returns>null when the trail has no sealed entry yet.</returns>
    public async Task<Written?> WriteAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var head = await db.AuditEntries.AsNoTracking().Where(e => e.Sequence != null).OrderByDescending(e => e.Sequence)
            .Select(e => new { e.Sequence, e.Mac }).FirstOrDefaultAsync(ct);
        if (head is null) return null;
        var time = clock.GetUtcNow();
        var signingKey = keys.SigningKey(KeyNames.Checkpoint);
        var signature = Sm2.Sign(signingKey, AuditCheckpoint.SignedText(head.Sequence!.Value, head.Mac!, time));
        var checkpoint = new AuditCheckpoint(head.Sequence.Value, head.Mac!, time, AuditCheckpoint.KeyIdOf(keys.VerifyingKey(KeyNames.Checkpoint)), Convert.ToBase64String(signature));
        Directory.CreateDirectory(settings.CheckpointDirectory);
        var file = Path.Combine(settings.CheckpointDirectory,
            $"audit-checkpoint-{checkpoint.Sequence.ToString("D12", CultureInfo.InvariantCulture)}-{time.UtcDateTime.ToString("yyyyMMdd'T'HHmmssfff'Z'", CultureInfo.InvariantCulture)}.json");
        var temporary = file + ".tmp";
        await File.WriteAllTextAsync(temporary, checkpoint.ToJson(), ct);
        File.Move(temporary, file, overwrite: true);
        string? problem = null;
        if (settings.SyslogHost is { } host)
        {
            try
            {
                await SendSyslogAsync(host, checkpoint, ct);
            }
            catch (Exception e) when (e is SocketException or IOException or TimeoutException or OperationCanceledException && !ct.IsCancellationRequested)
            {
                problem = $"syslog {host}:{settings.SyslogPort}: {e.Message}";
                logger.LogWarning(e, "Audit checkpoint {Sequence} written to {File} but not sent to syslog {Host}:{Port}", checkpoint.Sequence, file, host, settings.SyslogPort);
            }
        }
        return new Written(checkpoint, file, problem);
    }

    /// <summary>
    /// RFC 5424: facility 13 (log audit), severity 6 (informational), APP-NAME InvestTrack, MSGID audit-checkpoint, the
    /// checkpoint's JSON as the message. UDP sends one datagram; TCP frames the line by octet counting (RFC 6587 3.4.1).
    /// </summary>
    public static string SyslogLine(AuditCheckpoint checkpoint, string hostName) =>
        $"<110>1 {checkpoint.Time.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'", CultureInfo.InvariantCulture)} {hostName} InvestTrack {Environment.ProcessId} audit-checkpoint - {checkpoint.ToJson()}";

    private async Task SendSyslogAsync(string host, AuditCheckpoint checkpoint, CancellationToken ct)
    {
        var line = Encoding.UTF8.GetBytes(SyslogLine(checkpoint, System.Net.Dns.GetHostName()));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        if (settings.SyslogTcp)
        {
            using var tcp = new TcpClient();
            await tcp.ConnectAsync(host, settings.SyslogPort, timeout.Token);
            await using var stream = tcp.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{line.Length} "), timeout.Token);
            await stream.WriteAsync(line, timeout.Token);
        }
        else
        {
            using var udp = new UdpClient();
            await udp.SendAsync(line, host, settings.SyslogPort, timeout.Token);
        }
    }
}
