using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Kernel.Crypto;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Audit;

/// <summary>Checkpoints on demand for the auditor, signed with SM2, kept outside the database and sent to a syslog server.</summary>
public abstract class AuditCheckpointTests(DatabaseProviderKind provider)
{
    [Theory]
    [InlineData("udp")]
    [InlineData("tcp")]
    public async Task The_auditor_writes_a_signed_checkpoint_file_that_also_reaches_the_syslog_server(string protocol)
    {
        using var udp = protocol == "udp" ? new UdpClient(new IPEndPoint(IPAddress.Loopback, 0)) : null;
        var tcp = protocol == "tcp" ? new TcpListener(IPAddress.Loopback, 0) : null;
        tcp?.Start();
        try
        {
            var port = udp is not null ? ((IPEndPoint)udp.Client.LocalEndPoint!).Port : ((IPEndPoint)tcp!.LocalEndpoint).Port;
            await using var app = await new TestApp(provider, settings: new Dictionary<string, string>
            {
                ["Audit:Syslog:Host"] = "127.0.0.1", ["Audit:Syslog:Port"] = port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["Audit:Syslog:Protocol"] = protocol,
            }).StartAsync();
            var received = udp is not null ? ReceiveUdpAsync(udp) : ReceiveTcpAsync(tcp!);
            var client = await app.SignInAsync("auditor");
            // A write of the API: without the client header (decision 0005) it is refused.
            Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/api/audit/checkpoints", null)).StatusCode);
            client.DefaultRequestHeaders.Add(InvestTrack.Infrastructure.Auth.ApiClientHeader.Name, InvestTrack.Infrastructure.Auth.ApiClientHeader.Value);
            var response = await client.PostAsync("/api/audit/checkpoints", null);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var answer = (await response.Content.ReadFromJsonAsync<AuditApi.CheckpointAnswer>())!;
            Assert.Null(answer.SyslogProblem);

            var head = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
                .Where(e => e.Sequence == answer.Sequence).SingleAsync());
            Assert.Equal(head.Mac, answer.Mac);
            var file = Path.Combine(app.CheckpointDirectory, answer.File);
            var checkpoint = AuditCheckpoint.Parse(await File.ReadAllTextAsync(file))!;
            var publicKey = Sm2.ReadPublicKey(await File.ReadAllTextAsync(Path.Combine(TestApp.TestKeyDirectory, "checkpoint.sm2.pub.pem")));
            Assert.True(checkpoint.SignatureHolds(publicKey));
            Assert.Equal((answer.Sequence, answer.Mac), (checkpoint.Sequence, checkpoint.Mac));

            var line = await received.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Matches(@"^<110>1 \d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z \S+ InvestTrack \d+ audit-checkpoint - \{", line);
            Assert.Equal(checkpoint, AuditCheckpoint.Parse(line[line.IndexOf('{', StringComparison.Ordinal)..]));

            // The auditor's act is in the trail, and the trail (with this checkpoint) verifies.
            var v = await app.AsSystemAsync(sp => sp.GetRequiredService<AuditVerifier>().VerifyAsync());
            Assert.True(v.Intact, string.Join("; ", v.Findings.Select(f => f.Message)));
            Assert.Equal(answer.Sequence, v.LastCheckpoint!.Sequence);
            Assert.True(await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries
                .AnyAsync(e => e.Action == AuditRetention.CheckpointAction && e.UserName == "auditor" && e.ObjectId == answer.Sequence.ToString())));
        }
        finally
        {
            tcp?.Stop();
        }
    }

    [Fact]
    public async Task Only_the_auditor_may_write_a_checkpoint_or_read_the_verification()
    {
        await using var app = await new TestApp(provider).StartAsync();
        foreach (var user in new[] { "admin", "city" })
        {
            var client = await app.SignInAsync(user);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.PostAsync("/api/audit/checkpoints", null)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/audit/verification")).StatusCode);
        }
        Assert.False(Directory.Exists(app.CheckpointDirectory));
        var auditor = await app.SignInAsync("auditor");
        var verification = await auditor.GetFromJsonAsync<AuditApi.VerificationAnswer>("/api/audit/verification");
        Assert.True(verification!.Intact);
        Assert.True(verification.Entries > 0);
        Assert.Empty(verification.Findings);
    }

    private static async Task<string> ReceiveUdpAsync(UdpClient udp) => Encoding.UTF8.GetString((await udp.ReceiveAsync()).Buffer);

    /// <summary>One octet-counted frame (RFC 6587): "LENGTH SP MESSAGE".</summary>
    private static async Task<string> ReceiveTcpAsync(TcpListener listener)
    {
        using var connection = await listener.AcceptTcpClientAsync();
        await using var stream = connection.GetStream();
        var buffer = new MemoryStream();
        var chunk = new byte[4096];
        int read;
        while ((read = await stream.ReadAsync(chunk)) > 0) buffer.Write(chunk, 0, read);
        var text = Encoding.UTF8.GetString(buffer.ToArray());
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        var length = int.Parse(text[..space], System.Globalization.CultureInfo.InvariantCulture);
        var message = buffer.ToArray()[(space + 1)..];
        Assert.Equal(length, message.Length);
        return Encoding.UTF8.GetString(message);
    }
}

[Collection("postgres")]
public sealed class PostgresAuditCheckpointTests() : AuditCheckpointTests(DatabaseProviderKind.Postgres);

public sealed class SqliteAuditCheckpointTests() : AuditCheckpointTests(DatabaseProviderKind.Sqlite);
