using System.Net;
using System.Net.Http.Json;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Notifications;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Warnings.WarningTestSupport;

namespace InvestTrack.IntegrationTests.Warnings;

/// <summary>
/// A run's notices: the inbox of the unit's staff, and a DingTalk robot on 127.0.0.1 that fails twice and takes the third
/// attempt (signed), delivered from the outbox after the run has finished. Non-https robot addresses are refused.
/// </summary>
public abstract class WarningNotificationTests(WarningFixture fixture)
{
    private TestApp App => fixture.App;

    private const string Secret = "SEC0123456789abcdef";

    [Fact]
    public async Task The_run_fills_the_inbox_and_the_robot_gets_the_summary_on_the_third_attempt_with_a_valid_signature()
    {
        var city = await App.ClientAsync("city");
        var refused = await city.PostAsJsonAsync("/api/notifications/webhooks", new WebhookForm("外网", WebhookFormat.DingTalk, "http://example.com/robot/send?access_token=x", Secret, true, 0));
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("机器人地址须为 https 地址（仅本机 127.0.0.1、localhost、[::1] 可用 http）。", (await BodyAsync(refused)).GetProperty("errors").GetProperty("Url")[0].GetString());
        Assert.Equal(HttpStatusCode.BadRequest, (await city.PostAsJsonAsync("/api/notifications/webhooks",
            new WebhookForm("内网", WebhookFormat.WeCom, "http://10.1.2.3/cgi-bin/webhook/send?key=x", null, true, 0))).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await (await App.ClientAsync("tiexi")).PostAsJsonAsync("/api/notifications/webhooks",
            new WebhookForm("单位", WebhookFormat.DingTalk, "https://127.0.0.1/x", null, true, 0))).StatusCode);

        using var robot = new FlakyRobot();
        var added = await city.PostAsJsonAsync("/api/notifications/webhooks", new WebhookForm("督查群", WebhookFormat.DingTalk, robot.Url, Secret, true, 0));
        Assert.Equal(HttpStatusCode.OK, added.StatusCode);
        var hook = (await added.Content.ReadFromJsonAsync<WebhookView>(Json))!;
        Assert.True(hook.HasSecret);
        Assert.DoesNotContain(Secret, await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().WebhookEndpoints.Where(w => w.Id == hook.Id).Select(w => w.ProtectedSecret).SingleAsync()));

        var id = await App.InsertProjectAsync(ProjectTestSupport.Tiexi, new DateOnly(2026, 1, 8), null);
        var summary = await RunAsync(city, "2026-08-3");
        // The run has finished and answered; the robot has heard nothing yet: delivery is the outbox's.
        Assert.Empty(robot.Requests);
        var queued = await OutboxAsync(hook.Id);
        Assert.Equal((0, (DateTimeOffset?)null), (queued.Attempts, queued.SentAt));
        Assert.Equal($"2026年8月下旬旬预警：红色{summary.Red}项、黄色{summary.Yellow}项", queued.Title);

        // The unit's staff find it in their inbox.
        var tiexi = await App.ClientAsync("tiexi");
        var inbox = (await tiexi.GetFromJsonAsync<InboxList>("/api/inbox", Json))!;
        var notice = Assert.Single(inbox.Items, m => m.Title.StartsWith("2026年8月下旬预警：铁西区", StringComparison.Ordinal));
        Assert.Equal($"/warnings?xun=2026-08-3&unit={await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.Where(u => u.Code == ProjectTestSupport.Tiexi).Select(u => u.Id).SingleAsync())}", notice.Link);
        Assert.True(inbox.Unread >= 1);
        Assert.Equal(HttpStatusCode.NoContent, (await tiexi.PostAsync($"/api/inbox/{notice.Id}/read", null)).StatusCode);
        Assert.Equal(inbox.Unread - 1, (await tiexi.GetFromJsonAsync<InboxList>("/api/inbox", Json))!.Unread);
        Assert.Equal(HttpStatusCode.NotFound, (await (await App.ClientAsync("lishu")).PostAsync($"/api/inbox/{notice.Id}/read", null)).StatusCode);
        Assert.Contains((await App.ProjectAsync(id)).UnitId.ToString(System.Globalization.CultureInfo.InvariantCulture), notice.Link);

        // Attempt 1: HTTP 500. Nothing more until the backoff has passed.
        Assert.Equal(0, await DeliverAsync());
        Assert.Single(robot.Requests);
        var failed = await OutboxAsync(hook.Id);
        Assert.Equal(1, failed.Attempts);
        Assert.StartsWith("HTTP 500", failed.LastError);
        Assert.Equal(fixture.Clock.GetUtcNow().AddSeconds(30), failed.NextAttemptAt);
        Assert.Equal(0, await DeliverAsync());
        Assert.Single(robot.Requests);

        // Attempt 2, 30 s later: the robot refuses (errcode); the wait doubles.
        fixture.Clock.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(0, await DeliverAsync());
        Assert.Equal(2, robot.Requests.Count);
        var refusedOnce = await OutboxAsync(hook.Id);
        Assert.StartsWith("errcode 310000", refusedOnce.LastError);
        Assert.Equal(fixture.Clock.GetUtcNow().AddSeconds(60), refusedOnce.NextAttemptAt);

        // Attempt 3, 60 s later: taken.
        fixture.Clock.Advance(TimeSpan.FromSeconds(60));
        Assert.Equal(1, await DeliverAsync());
        Assert.Equal(3, robot.Requests.Count);
        var sent = await OutboxAsync(hook.Id);
        Assert.Equal((3, fixture.Clock.GetUtcNow(), (string?)null), (sent.Attempts, sent.SentAt, sent.LastError));

        var third = robot.Requests[2];
        var timestamp = long.Parse(third.Query["timestamp"]!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(fixture.Clock.GetUtcNow().ToUnixTimeMilliseconds(), timestamp);
        var expected = Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}\n{Secret}")));
        Assert.Equal(expected, third.Query["sign"]);
        Assert.Contains("sign=" + Uri.EscapeDataString(expected), third.RawUrl, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("token-1", third.Query["access_token"]);
        using var body = JsonDocument.Parse(third.Body);
        Assert.Equal("markdown", body.RootElement.GetProperty("msgtype").GetString());
        Assert.Equal(queued.Title, body.RootElement.GetProperty("markdown").GetProperty("title").GetString());
        Assert.Contains("红色", body.RootElement.GetProperty("markdown").GetProperty("text").GetString());

        // Visible to city staff with its attempts.
        var outbox = (await city.GetFromJsonAsync<List<OutboxRow>>("/api/notifications/outbox", Json))!;
        Assert.Contains(outbox, m => m.Target == "督查群" && m.Attempts == 3 && m.SentAt is not null);
        Assert.Equal(HttpStatusCode.NoContent, (await city.DeleteAsync($"/api/notifications/webhooks/{hook.Id}")).StatusCode);
    }

    private Task<int> DeliverAsync() => App.AsSystemAsync(sp => sp.GetRequiredService<OutboxDelivery>().DeliverDueAsync());

    private Task<OutboxMessage> OutboxAsync(int webhookId) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().OutboxMessages.AsNoTracking().Where(m => m.WebhookId == webhookId).OrderBy(m => m.Id).LastAsync());

    /// <summary>A DingTalk robot on 127.0.0.1: HTTP 500, then errcode 310000 (sign not match), then it takes the message.</summary>
    private sealed class FlakyRobot : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Task _loop;

        public sealed record Received(string RawUrl, System.Collections.Specialized.NameValueCollection Query, string Body);

        public List<Received> Requests { get; } = [];

        public string Url { get; }

        public FlakyRobot()
        {
            var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            var port = ((IPEndPoint)probe.LocalEndpoint).Port;
            probe.Stop();
            _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
            _listener.Start();
            Url = $"http://127.0.0.1:{port}/robot/send?access_token=token-1";
            _loop = Task.Run(LoopAsync);
        }

        private async Task LoopAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
                {
                    return;
                }
                using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
                var body = await reader.ReadToEndAsync();
                int count;
                lock (Requests)
                {
                    Requests.Add(new Received(context.Request.RawUrl ?? "", context.Request.QueryString, body));
                    count = Requests.Count;
                }
                var (status, answer) = count switch
                {
                    1 => (500, "busy"),
                    2 => (200, "{\"errcode\":310000,\"errmsg\":\"sign not match\"}"),
                    _ => (200, "{\"errcode\":0,\"errmsg\":\"ok\"}"),
                };
                context.Response.StatusCode = status;
                var bytes = Encoding.UTF8.GetBytes(answer);
                await context.Response.OutputStream.WriteAsync(bytes);
                context.Response.Close();
            }
        }

        public void Dispose()
        {
            _listener.Stop();
            _listener.Close();
            _loop.Wait(TimeSpan.FromSeconds(5));
        }
    }
}

[Collection("postgres")]
public sealed class PostgresWarningNotificationTests(PostgresWarningFixture fixture) : WarningNotificationTests(fixture), IClassFixture<PostgresWarningFixture>;

public sealed class SqliteWarningNotificationTests(SqliteWarningFixture fixture) : WarningNotificationTests(fixture), IClassFixture<SqliteWarningFixture>;
