using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Funds.FundsTestSupport;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>
/// docs/security.md 2: a missing id and another unit's id answer alike, 404, on every API route and page with an id —
/// walked from the app's endpoints, so a new route without a case here fails the test.
/// </summary>
public abstract class NotFoundTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private const string Tiedong = "220303";
    private const long Missing = 999_999;
    private static readonly DateOnly Signed = new(2025, 1, 15);

    private static byte[] Pdf() => Encoding.ASCII.GetBytes("%PDF-1.7\n" + Guid.NewGuid() + "\n%%EOF\n");

    /// <summary>What an id names, which decides the foreign id tried: companies are citywide (decision 0004), and only city staff audit funds or merge.</summary>
    private enum Names { Project, Funds, MissingOnly }

    private sealed record Case(string User, Names Names, Func<long, long, HttpRequestMessage> Request);

    private static HttpRequestMessage Json(HttpMethod method, string url, string json = "{}") =>
        new(method, url) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage Upload(string url)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(Pdf());
        file.Headers.ContentType = new MediaTypeHeaderValue("application/pdf");
        form.Add(file, "file", "回单.pdf");
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = form };
    }

    /// <summary>Every API route with an id, keyed "METHOD route" as the endpoints list them.</summary>
    private static readonly Dictionary<string, Case> ApiCases = new()
    {
        ["DELETE /api/account/tokens/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Delete, $"/api/account/tokens/{id}")),
        ["POST /api/admin/tokens/{id}/revoke"] = new("admin", Names.MissingOnly, (id, _) => new(HttpMethod.Post, $"/api/admin/tokens/{id}/revoke")),
        ["GET /api/projects/{id}"] = new("tiexi", Names.Project, (id, _) => new(HttpMethod.Get, $"/api/projects/{id}")),
        ["GET /api/projects/{id}/history"] = new("tiexi", Names.Project, (id, _) => new(HttpMethod.Get, $"/api/projects/{id}/history")),
        ["PUT /api/projects/{id}"] = new("tiexi", Names.Project, (id, _) => Json(HttpMethod.Put, $"/api/projects/{id}")),
        ["POST /api/projects/{id}/stage"] = new("tiexi", Names.Project, (id, _) => Json(HttpMethod.Post, $"/api/projects/{id}/stage")),
        ["POST /api/projects/{id}/progress"] = new("tiexi", Names.Project, (id, _) => Json(HttpMethod.Post, $"/api/projects/{id}/progress")),
        ["PUT /api/projects/{id}/milestones/{kind}"] = new("tiexi", Names.Project, (id, _) => Json(HttpMethod.Put, $"/api/projects/{id}/milestones/立项")),
        ["GET /api/projects/{id}/plan"] = new("tiexi", Names.Project, (id, _) => new(HttpMethod.Get, $"/api/projects/{id}/plan")),
        ["POST /api/projects/{id}/plan/"] = new("tiexi", Names.Project, (id, _) => Json(HttpMethod.Post, $"/api/projects/{id}/plan/")),
        ["POST /api/projects/{id}/plan/steps/{stepId}/adjustments"] = new("tiexi", Names.Project, (id, s) => Json(HttpMethod.Post, $"/api/projects/{id}/plan/steps/{s}/adjustments",
            """{"dueOn":"2027-01-01","reason":"用地手续延后","version":1}""")),
        ["POST /api/projects/{id}/plan/steps/{stepId}/close"] = new("tiexi", Names.Project, (id, s) => Json(HttpMethod.Post, $"/api/projects/{id}/plan/steps/{s}/close",
            """{"closedOn":"2026-01-01","version":1}""")),
        // 考核 schemes are citywide records: only a missing id is tried.
        ["GET /api/assessment/schemes/{id:int}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Get, $"/api/assessment/schemes/{id}")),
        ["PUT /api/assessment/schemes/{id:int}"] = new("city", Names.MissingOnly, (id, _) => Json(HttpMethod.Put, $"/api/assessment/schemes/{id}",
            """{"configuration":{"indicators":[{"code":"funds","weight":100}],"items":[]},"version":1}""")),
        ["POST /api/assessment/schemes/{id:int}/publish"] = new("city", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/assessment/schemes/{id}/publish", """{"version":1}""")),
        ["GET /api/companies/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Get, $"/api/companies/{id}")),
        ["PUT /api/companies/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => Json(HttpMethod.Put, $"/api/companies/{id}?version=1")),
        ["POST /api/companies/{keepId}/merge/{otherId}"] = new("city", Names.MissingOnly, (id, other) => new(HttpMethod.Post, $"/api/companies/{id}/merge/{other}")),
        ["GET /api/funds/{id}/evidence"] = new("tiexi", Names.Funds, (id, _) => new(HttpMethod.Get, $"/api/funds/{id}/evidence")),
        ["GET /api/funds/{id}/evidence/{evidenceId}"] = new("tiexi", Names.Funds, (id, e) => new(HttpMethod.Get, $"/api/funds/{id}/evidence/{e}")),
        ["PUT /api/funds/{id}"] = new("tiexi", Names.Funds, (id, _) => Json(HttpMethod.Put, $"/api/funds/{id}")),
        ["DELETE /api/funds/{id}"] = new("tiexi", Names.Funds, (id, _) => new(HttpMethod.Delete, $"/api/funds/{id}?version=1")),
        ["POST /api/funds/{id}/evidence"] = new("tiexi", Names.Funds, (id, _) => Upload($"/api/funds/{id}/evidence")),
        ["DELETE /api/funds/{id}/evidence/{evidenceId}"] = new("tiexi", Names.Funds, (id, e) => new(HttpMethod.Delete, $"/api/funds/{id}/evidence/{e}")),
        ["POST /api/funds/{id}/audit"] = new("city", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/funds/{id}/audit", """{"version":1}""")),
        ["POST /api/funds/{id}/return"] = new("city", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/funds/{id}/return", """{"version":1,"reason":"缺少回单"}""")),
        // Events and the talent network: another unit's ids are tried in Network/EventApiTests and TalentNetworkTests.
        ["GET /api/events/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Get, $"/api/events/{id}")),
        ["PUT /api/events/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => Json(HttpMethod.Put, $"/api/events/{id}?version=1")),
        ["DELETE /api/events/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Delete, $"/api/events/{id}?version=1")),
        ["GET /api/talents/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Get, $"/api/talents/{id}")),
        ["PUT /api/talents/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => Json(HttpMethod.Put, $"/api/talents/{id}?version=1")),
        ["DELETE /api/talents/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Delete, $"/api/talents/{id}?version=1")),
        ["GET /api/workstations/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Get, $"/api/workstations/{id}")),
        ["PUT /api/workstations/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => Json(HttpMethod.Put, $"/api/workstations/{id}?version=1")),
        ["DELETE /api/workstations/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Delete, $"/api/workstations/{id}?version=1")),
        ["GET /api/agencies/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Get, $"/api/agencies/{id}")),
        ["PUT /api/agencies/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => Json(HttpMethod.Put, $"/api/agencies/{id}?version=1")),
        ["DELETE /api/agencies/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Delete, $"/api/agencies/{id}?version=1")),
        ["GET /api/talent-retention/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Get, $"/api/talent-retention/{id}")),
        ["PUT /api/talent-retention/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => Json(HttpMethod.Put, $"/api/talent-retention/{id}?version=1")),
        ["DELETE /api/talent-retention/{id}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Delete, $"/api/talent-retention/{id}?version=1")),
        // Leads and activities: another unit's ids are tried in Leads/LeadApiTests and Activities/ActivityApiTests.
        ["GET /api/leads/{id:int}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Get, $"/api/leads/{id}")),
        ["POST /api/leads/{id:int}/status"] = new("tiexi", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/leads/{id}/status", """{"version":1,"status":"Assessing"}""")),
        ["POST /api/leads/{id:int}/progress"] = new("tiexi", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/leads/{id}/progress", """{"version":1,"note":"回访"}""")),
        ["POST /api/leads/{id:int}/convert"] = new("tiexi", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/leads/{id}/convert", """{"version":1}""")),
        ["POST /api/leads/conflicts/{id:int}"] = new("city", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/leads/conflicts/{id}", """{"action":"Release"}""")),
        ["GET /api/activities/{id:int}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Get, $"/api/activities/{id}")),
        ["PUT /api/activities/{id:int}"] = new("tiexi", Names.MissingOnly, (id, _) => Json(HttpMethod.Put, $"/api/activities/{id}?version=1")),
        ["DELETE /api/activities/{id:int}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Delete, $"/api/activities/{id}?version=1")),
        ["POST /api/activities/{id:int}/attachments"] = new("tiexi", Names.MissingOnly, (id, _) => Upload($"/api/activities/{id}/attachments")),
        ["GET /api/activities/{id:int}/attachments/{attachmentId:long}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Get, $"/api/activities/{id}/attachments/1")),
        ["DELETE /api/activities/{id:int}/attachments/{attachmentId:long}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Delete, $"/api/activities/{id}/attachments/1")),
        // Weekly dispatch and the problem list: another unit's ids are tried in WeeklyDispatch/WeeklyDispatchApiTests.
        ["GET /api/weekly-dispatch/{id:int}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Get, $"/api/weekly-dispatch/{id}")),
        ["POST /api/weekly-dispatch/{id:int}/return"] = new("city", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/weekly-dispatch/{id}/return", """{"version":1,"reason":"请补充"}""")),
        // 督办单: another unit's order answering 404 is walked in SupervisionOrders/OrderFlowTests; here a missing id.
        ["GET /api/orders/{id:int}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Get, $"/api/orders/{id}")),
        ["GET /api/orders/{id:int}/attachments/{attachmentId:long}"] = new("tiexi", Names.MissingOnly, (id, a) => new(HttpMethod.Get, $"/api/orders/{id}/attachments/{a}")),
        ["POST /api/orders/{id:int}/accept"] = new("city", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/orders/{id}/accept", """{"version":1}""")),
        ["POST /api/orders/{id:int}/return"] = new("city", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/orders/{id}/return", """{"version":1,"reason":"方案不完整"}""")),
        ["POST /api/orders/{id:int}/plan"] = new("tiexi", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/orders/{id}/plan", """{"version":1,"text":"整改方案"}""")),
        ["POST /api/orders/{id:int}/answer"] = new("tiexi", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/orders/{id}/answer", """{"version":1,"text":"已整改"}""")),
        ["POST /api/orders/{id:int}/attachments"] = new("tiexi", Names.MissingOnly, (id, _) => Upload($"/api/orders/{id}/attachments")),
        ["DELETE /api/orders/{id:int}/attachments/{attachmentId:long}"] = new("tiexi", Names.MissingOnly, (id, a) => new(HttpMethod.Delete, $"/api/orders/{id}/attachments/{a}")),
        ["GET /api/problems/{id:int}"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Get, $"/api/problems/{id}")),
        ["POST /api/problems/{id:int}/answer"] = new("tiexi", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/problems/{id}/answer", """{"version":1,"answer":"已协调"}""")),
        ["POST /api/problems/{id:int}/assign"] = new("city", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/problems/{id}/assign", """{"version":1,"assignedUnitId":1,"dueOn":"2030-01-01"}""")),
        ["POST /api/problems/{id:int}/decision"] = new("city", Names.MissingOnly, (id, _) => Json(HttpMethod.Post, $"/api/problems/{id}/decision", """{"version":1,"close":true}""")),
        // The inbox is per user (another user's message answers 404, Warnings/WarningNotificationTests); webhooks are the city's.
        ["POST /api/inbox/{id:long}/read"] = new("tiexi", Names.MissingOnly, (id, _) => new(HttpMethod.Post, $"/api/inbox/{id}/read")),
        ["PUT /api/notifications/webhooks/{id:int}"] = new("city", Names.MissingOnly, (id, _) => Json(HttpMethod.Put, $"/api/notifications/webhooks/{id}",
            """{"name":"督查群","format":1,"url":"https://127.0.0.1/robot","enabled":true,"version":1}""")),
        ["DELETE /api/notifications/webhooks/{id:int}"] = new("city", Names.MissingOnly, (id, _) => new(HttpMethod.Delete, $"/api/notifications/webhooks/{id}")),
    };

    private static readonly string[] IdParameters = ["id", "Id", "keepId", "otherId", "evidenceId"];

    private List<(string Method, string Route)> RoutesWithIds() =>
        [.. App.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.Parameters.Any(p => IdParameters.Contains(p.Name)))
            .SelectMany(e => (e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? [HttpMethods.Get])
                .Select(m => (m, "/" + e.RoutePattern.RawText!.TrimStart('/'))))
            .Distinct()];

    private async Task<(long Project, long Record, long Evidence)> ForeignAsync()
    {
        var project = await App.SignedProjectAsync(Signed, "tiedong", Tiedong);
        var record = await App.ReportAsync("tiedong", Form(project.Id, "2025-02", 100m));
        var upload = await App.AsUserAsync("tiedong", sp => Evidence(sp).UploadAsync(record.Id, "回单.pdf", new MemoryStream(Pdf())));
        Assert.True(upload.Ok, upload.FirstError);
        return (project.Id, record.Id, upload.Id!.Value);
    }

    [Fact]
    public async Task Every_API_route_with_an_id_answers_404_ProblemDetails_for_a_missing_or_another_units_id()
    {
        var routes = RoutesWithIds().Where(r => r.Route.StartsWith("/api/", StringComparison.Ordinal)).Select(r => $"{r.Method} {r.Route}").ToList();
        Assert.Contains("GET /api/funds/{id}/evidence", routes);
        Assert.Empty(routes.Except(ApiCases.Keys));
        Assert.Empty(ApiCases.Keys.Except(routes));

        var foreign = await ForeignAsync();
        var clients = new Dictionary<string, HttpClient>();
        var failures = new List<string>();
        foreach (var (route, c) in ApiCases)
        {
            if (!clients.TryGetValue(c.User, out var client))
            {
                clients[c.User] = client = await App.SignInAsync(c.User);
                client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
            }
            var tries = new List<(string What, long Id, long Second)> { ("missing", Missing, Missing - 1) };
            if (c.Names == Names.Project) tries.Add(("foreign", foreign.Project, 0));
            if (c.Names == Names.Funds) tries.Add(("foreign", foreign.Record, foreign.Evidence));
            foreach (var (what, id, second) in tries)
            {
                var response = await client.SendAsync(c.Request(id, second));
                var body = await response.Content.ReadAsStringAsync();
                var problem = response.Content.Headers.ContentType?.MediaType == "application/problem+json" ? JsonDocument.Parse(body).RootElement : default;
                if (response.StatusCode != HttpStatusCode.NotFound || problem.ValueKind != JsonValueKind.Object || problem.GetProperty("status").GetInt32() != 404
                    || !problem.TryGetProperty("traceId", out _))
                    failures.Add($"{route} ({what} id, {c.User}): {(int)response.StatusCode} {body[..Math.Min(200, body.Length)]}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));

        // Nothing of the other unit was changed or removed on the way.
        var record = await App.FundsAsync(foreign.Record);
        Assert.Equal(1, await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().FundsEvidence.CountAsync(e => e.FundsRecordId == record.Id)));
    }

    [Fact]
    public async Task Every_page_with_an_id_answers_404_for_a_missing_or_another_units_id()
    {
        var pages = RoutesWithIds().Where(r => !r.Route.StartsWith("/api/", StringComparison.Ordinal) && r.Method == HttpMethods.Get).Select(r => r.Route).ToList();
        Assert.Contains("/projects/{Id:int}/funds", pages);
        var foreign = await ForeignAsync();
        var own = await App.SignedProjectAsync(Signed);
        var client = await App.SignInAsync("tiexi");
        var failures = new List<string>();
        foreach (var page in pages)
        {
            var ids = new List<long> { Missing };
            if (page.StartsWith("/projects/", StringComparison.Ordinal)) ids.Add(foreign.Project);
            foreach (var id in ids)
            {
                var url = page.Replace("{Id:int}", id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
                var response = await client.GetAsync(url);
                var html = await response.Content.ReadAsStringAsync();
                // The app's own not-found page, not a bare status (issue 13).
                if (response.StatusCode != HttpStatusCode.NotFound || !html.Contains("data-testid=\"not-found\"", StringComparison.Ordinal))
                    failures.Add($"{url}: {(int)response.StatusCode}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // The funds page of the user's own project is there.
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/projects/{own.Id}/funds")).StatusCode);
    }

    [Fact]
    public async Task Evidence_is_listed_and_deleted_only_through_the_record_it_belongs_to()
    {
        var project = await App.SignedProjectAsync(Signed);
        var a = await App.ReportAsync("tiexi", Form(project.Id, "2025-02", 100m));
        var b = await App.ReportAsync("tiexi", Form(project.Id, "2025-03", 200m));
        var upload = await App.AsUserAsync("tiexi", sp => Evidence(sp).UploadAsync(b.Id, "回单.pdf", new MemoryStream(Pdf())));
        Assert.True(upload.Ok, upload.FirstError);
        var evidence = upload.Id!.Value;
        var client = await App.SignInAsync("tiexi");
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        Task<int> CountAsync() => App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().FundsEvidence.CountAsync(e => e.Id == evidence));

        Assert.Equal("[]", await client.GetStringAsync($"/api/funds/{a.Id}/evidence"));
        var throughA = await client.DeleteAsync($"/api/funds/{a.Id}/evidence/{evidence}");
        Assert.Equal(HttpStatusCode.NotFound, throughA.StatusCode);
        Assert.Equal("application/problem+json", throughA.Content.Headers.ContentType?.MediaType);
        Assert.Equal(1, await CountAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/funds/{a.Id}/evidence/{evidence}")).StatusCode);

        using var listed = JsonDocument.Parse(await client.GetStringAsync($"/api/funds/{b.Id}/evidence"));
        Assert.Equal(evidence, Assert.Single(listed.RootElement.EnumerateArray()).GetProperty("id").GetInt64());
        Assert.Equal(HttpStatusCode.OK, (await client.DeleteAsync($"/api/funds/{b.Id}/evidence/{evidence}")).StatusCode);
        Assert.Equal(0, await CountAsync());
    }
}

[Collection("postgres")]
public sealed class PostgresNotFoundTests(PostgresFixture fixture) : NotFoundTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteNotFoundTests(SqliteFixture fixture) : NotFoundTests(fixture), IClassFixture<SqliteFixture>;
