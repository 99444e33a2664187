using System.Data.Common;
using System.Net;
using System.Text;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>
/// docs/security.md 14, walked over every endpoint rather than representatives: every state-changing /api endpoint
/// refuses a session call without the client header before its handler runs, every other state-changing endpoint
/// checks an antiforgery token, and no GET of any route changes a record (the only writes are audit entries of reads).
/// </summary>
public abstract class WriteGuardTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    /// <summary>Users of every kind of role: each endpoint is open to at least one of them.</summary>
    private static readonly string[] UserNames = ["city", "admin", "security", "auditor", "leader", "tiexi"];

    private IReadOnlyList<RouteEndpoint> Endpoints() => Endpoints(App);

    internal static IReadOnlyList<RouteEndpoint> Endpoints(TestApp app) =>
        app.Services.GetServices<EndpointDataSource>().SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .DistinctBy(e => (e.RoutePattern.RawText, e.DisplayName)).ToList();

    internal static string Route(RouteEndpoint e) => "/" + (e.RoutePattern.RawText ?? "").TrimStart('/');

    internal static IReadOnlyList<string> Methods(RouteEndpoint e) =>
        e.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods.ToList() ?? [];

    private static bool IsApi(RouteEndpoint e) => Route(e).StartsWith("/api/", StringComparison.Ordinal);

    private static bool ChangesState(string method) =>
        !HttpMethods.IsGet(method) && !HttpMethods.IsHead(method) && !HttpMethods.IsOptions(method);

    [Fact]
    public async Task Every_state_changing_api_endpoint_refuses_a_session_call_without_the_client_header_and_writes_nothing()
    {
        var writes = Endpoints().Where(IsApi)
            .SelectMany(e => Methods(e).Where(ChangesState).Select(method => (Method: method, Url: SampleUrl(Route(e)), Endpoint: e)))
            .DistinctBy(w => (w.Method, w.Url)).ToList();
        // The walk covers the whole API, not a handful: projects, funds, imports, tokens, the unmask of personal data.
        Assert.True(writes.Count >= 60, $"only {writes.Count} state-changing API endpoints found");
        Assert.Contains(writes, w => w is { Method: "POST", Url: "/api/personal-data/unmask" });
        Assert.Contains(writes, w => w is { Method: "DELETE", Url: "/api/projects/1" } or { Method: "PUT", Url: "/api/projects/1" });
        var clients = new Dictionary<string, HttpClient>();
        foreach (var userName in UserNames) clients[userName] = await App.SignInAsync(userName);
        var before = await FingerprintAsync(App);
        var auditBefore = await AuditCountAsync();

        var failures = new List<string>();
        foreach (var (method, url, endpoint) in writes)
        {
            var name = endpoint.DisplayName;
            var headerRefusals = 0;
            foreach (var (userName, client) in clients)
            {
                // A body and query that bind (the version of an edit, a file of an upload): binding comes before the endpoint's filters.
                using var request = new HttpRequestMessage(new HttpMethod(method), url + "?version=1") { Content = SampleBody(endpoint) };
                using var response = await client.SendAsync(request);
                var body = await response.Content.ReadAsStringAsync();
                if (response.StatusCode == HttpStatusCode.BadRequest && body.Contains(ApiClientHeader.Name, StringComparison.Ordinal)) headerRefusals++;
                else if (response.StatusCode is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound) || response.IsSuccessStatusCode)
                    failures.Add($"{method} {url} ({name}) as {userName}: {(int)response.StatusCode} {Short(body)}");
            }
            // Refused by the header check for someone allowed to call it, so the check itself was walked, not only the roles.
            if (headerRefusals == 0) failures.Add($"{method} {url} ({name}): no user got as far as the header check");
        }
        Assert.True(failures.Count == 0, "state-changing API calls without the client header:\n" + string.Join("\n", failures));
        Assert.Equal(before, await FingerprintAsync(App));
        // What the walk may leave in the trail: refusals (403 of roles without the right), never a change.
        var added = await NewAuditEntriesAsync(auditBefore);
        Assert.All(added, entry => Assert.NotEqual("Success", entry.Result));
    }

    [Fact]
    public void Every_state_changing_endpoint_outside_the_api_checks_an_antiforgery_token()
    {
        var unguarded = Endpoints().Where(e => !IsApi(e) && Methods(e).Any(ChangesState))
            .Where(e => e.Metadata.GetMetadata<IAntiforgeryMetadata>() is not { RequiresValidation: true })
            .Select(e => $"{string.Join(",", Methods(e))} {Route(e)} ({e.DisplayName})").ToList();
        Assert.Contains(Endpoints(), e => Route(e) == "/account/logout" && Methods(e).Contains("POST"));
        Assert.True(unguarded.Count == 0, "state-changing endpoints without antiforgery:\n" + string.Join("\n", unguarded));
    }

    private static HttpContent SampleBody(RouteEndpoint endpoint)
    {
        if (endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") != true)
            return new StringContent("{}", Encoding.UTF8, "application/json");
        var file = new ByteArrayContent("%PDF-1.4\n%%EOF\n"u8.ToArray());
        file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        return new MultipartFormDataContent { { file, "file", "证明.pdf" } };
    }

    private static string Short(string body) => body.Length > 200 ? body[..200] : body;

    /// <summary>The route with sample values for its parameters; the values need not exist, the guard comes first.</summary>
    internal static string SampleUrl(string route)
    {
        var url = System.Text.RegularExpressions.Regex.Replace(route, @"\{([^}:=?]+)[^}]*\}", m => m.Groups[1].Value.ToLowerInvariant() switch
        {
            "year" => "2026",
            "month" => "1",
            "period" => "2026-01",
            "date" => "2026-01-01",
            "week" => "2026-W01",
            "kind" => "Project",
            var name when name.EndsWith("id", StringComparison.Ordinal) => "1",
            _ => "x",
        });
        return url.Length > 1 ? url.TrimEnd('/') : url;
    }

    private async Task<long> AuditCountAsync() =>
        await App.AsSystemAsync(async services => await services.GetRequiredService<AppDbContext>().Set<AuditEntry>().LongCountAsync());

    private async Task<List<AuditEntry>> NewAuditEntriesAsync(long skip) =>
        await App.AsSystemAsync(async services => await services.GetRequiredService<AppDbContext>().Set<AuditEntry>()
            .OrderBy(e => e.Id).Skip((int)skip).ToListAsync());

    /// <summary>
    /// Every table of the model but the audit trail: on PostgreSQL a digest of every row's content, on SQLite the row
    /// count. The trail is left out because a read is audited.
    /// </summary>
    internal static async Task<string> FingerprintAsync(TestApp app) => await app.AsSystemAsync(async services =>
    {
        var db = services.GetRequiredService<AppDbContext>();
        var auditTable = db.Model.FindEntityType(typeof(AuditEntry))!.GetTableName();
        var tables = db.Model.GetEntityTypes().Select(t => t.GetTableName()).OfType<string>()
            .Where(t => t != auditTable).Distinct().Order(StringComparer.Ordinal).ToList();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var lines = new StringBuilder();
        foreach (var table in tables)
        {
            await using DbCommand command = connection.CreateCommand();
            command.CommandText = app.Provider == DatabaseProviderKind.Postgres
                ? $"SELECT count(*)::text || ':' || coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM \"{table}\" t"
                : $"SELECT count(*) FROM \"{table}\"";
            lines.Append(table).Append('=').Append(await command.ExecuteScalarAsync()).Append('\n');
        }
        return lines.ToString();
    });
}

/// <summary>
/// docs/security.md 14: no GET of any route, page or API, changes a record, whoever asks. On PostgreSQL only, where the
/// fingerprint digests every row's content (on SQLite it could only count rows); what a GET does is the same on both.
/// </summary>
[Collection("postgres")]
public sealed class PostgresGetWalkTests(PostgresFixture fixture) : IClassFixture<PostgresFixture>
{
    private TestApp App => fixture.App;

    /// <summary>City staff (every business page), a unit user, the system admin (admin pages), the auditor (the trail).</summary>
    private static readonly string[] GetWalkers = ["city", "tiexi", "admin", "auditor"];

    [Fact]
    public async Task No_GET_of_any_route_changes_a_record()
    {
        var urls = WriteGuardTests.Endpoints(App).Where(e => WriteGuardTests.Methods(e) is var m && (m.Count == 0 || m.Contains(HttpMethods.Get)))
            .Select(e => WriteGuardTests.SampleUrl(WriteGuardTests.Route(e))).Where(url => !url.StartsWith("/_", StringComparison.Ordinal) && !url.Contains('.'))
            .Distinct().ToList();
        Assert.Contains("/api/projects", urls);
        Assert.Contains("/projects", urls);
        var clients = new List<HttpClient>();
        foreach (var userName in GetWalkers) clients.Add(await App.SignInAsync(userName));
        var before = await WriteGuardTests.FingerprintAsync(App);
        var answered = 0;
        foreach (var url in urls)
            foreach (var client in clients)
            {
                using var response = await client.GetAsync(url);
                if (response.IsSuccessStatusCode) answered++;
            }
        Assert.True(answered > urls.Count, $"only {answered} of the GETs were answered with success");
        Assert.Equal(before, await WriteGuardTests.FingerprintAsync(App));
    }
}

[Collection("postgres")]
public sealed class PostgresWriteGuardTests(PostgresFixture fixture) : WriteGuardTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteWriteGuardTests(SqliteFixture fixture) : WriteGuardTests(fixture), IClassFixture<SqliteFixture>;
