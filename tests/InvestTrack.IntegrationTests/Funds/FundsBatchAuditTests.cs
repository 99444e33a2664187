using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Security.Claims;
using System.Text.Json;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Funds.FundsTestSupport;

namespace InvestTrack.IntegrationTests.Funds;

/// <summary>
/// The review queue's batch approval (issue 13 item 5): each selected record is still audited on its own — its checks, its save,
/// its one audit entry — so the reporter's own record is refused by name while the others pass; a batch naming a record the
/// auditor cannot see is refused whole and writes nothing.
/// </summary>
public abstract class FundsBatchAuditTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private static readonly DateOnly Signed = new(2025, 1, 15);
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);

    private async Task<HttpClient> ClientAsync(string user)
    {
        var client = await App.SignInAsync(user);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client;
    }

    private static FundsBatchAudit Batch(params FundsRecord[] records) => new() { Items = [.. records.Select(r => new FundsAuditItem(r.Id, r.Version))] };

    [Fact]
    public async Task Each_record_is_audited_on_its_own_and_the_reporters_own_is_refused_while_the_others_pass()
    {
        var project = await App.SignedProjectAsync(Signed);
        var a = await App.ReportAsync("tiexi", Form(project.Id, "2025-03", 100m));
        var b = await App.ReportAsync("tiexi", Form(project.Id, "2025-04", 200m));
        var own = await App.ReportAsync("city", Form(project.Id, "2025-05", 300m));

        var response = await (await ClientAsync("city")).PostAsJsonAsync("/api/funds/audit", Batch(a, b, own));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal((2, 1), (body.RootElement.GetProperty("approved").GetInt32(), body.RootElement.GetProperty("refused").GetInt32()));
        var items = body.RootElement.GetProperty("items").EnumerateArray()
            .Select(i => (i.GetProperty("id").GetInt64(), i.GetProperty("ok").GetBoolean(), i.GetProperty("message").GetString())).ToList();
        Assert.Equal([(a.Id, true, null), (b.Id, true, null), (own.Id, false, $"{project.Code} 2025-05：不能审核本人填报的到位资金")], items);

        // Audited one by one: each passed record carries its own audit by city and exactly one change entry.
        foreach (var passed in new[] { a, b })
        {
            var stored = await App.FundsAsync(passed.Id);
            Assert.Equal((FundsAuditStatus.Audited, "city"), (stored.Status, stored.AuditedBy));
            var entries = await App.AuditOfAsync(nameof(FundsRecord), Id(passed.Id));
            Assert.Equal(["Create", "Update"], entries.Select(e => e.Action));
            Assert.Equal("city", entries[1].UserName);
        }
        // The reporter's own record waits, and the refusal is on the record's trail.
        Assert.Equal(FundsAuditStatus.Pending, (await App.FundsAsync(own.Id)).Status);
        Assert.Equal(["Create", "Refused"], (await App.AuditOfAsync(nameof(FundsRecord), Id(own.Id))).Select(e => e.Action));

        // Approving an approved record again is refused for that record only, with its reason.
        var approved = await App.FundsAsync(a.Id);
        var again = await App.AsUserAsync("city", sp => FundsOf(sp).AuditManyAsync([new FundsAuditItem(a.Id, approved.Version)]));
        Assert.Equal((CommandOutcome.Ok, 0, 1), (again.Outcome, again.ApprovedCount, again.RefusedCount));
        Assert.Equal($"{project.Code} 2025-03：只能审核待审核的记录", again.Items.Single().Message);
    }

    [Fact]
    public async Task A_batch_naming_a_record_the_auditor_cannot_see_is_refused_whole_and_writes_nothing()
    {
        var tiexiProject = await App.SignedProjectAsync(Signed);
        var mine = await App.ReportAsync("tiexi", Form(tiexiProject.Id, "2025-06", 100m));
        var lishuProject = await App.SignedProjectAsync(Signed, "lishu", ProjectTestSupport.Lishu);
        var foreign = await App.ReportAsync("lishu", Form(lishuProject.Id, "2025-06", 100m));

        // An auditor whose scope is 铁西区 only: the batch is refused whole, not a record is audited.
        var scoped = await AsCityScopedToAsync("tiexi", sp => FundsOf(sp).AuditManyAsync([new FundsAuditItem(mine.Id, mine.Version), new FundsAuditItem(foreign.Id, foreign.Version)]));
        Assert.Equal((CommandOutcome.NotFound, "记录不存在"), (scoped.Outcome, scoped.Error));
        Assert.Empty(scoped.Items);
        await AssertUntouchedAsync(mine, foreign);

        // Over HTTP a missing id is answered alike: 404, nothing written.
        var city = await ClientAsync("city");
        var missing = await city.PostAsJsonAsync("/api/funds/audit", new FundsBatchAudit { Items = [new(mine.Id, mine.Version), new(999_999_999, 1)] });
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        // A county user does not approve at all; a batch without records or without the API header is refused.
        var county = await (await ClientAsync("tiexi")).PostAsJsonAsync("/api/funds/audit", Batch(mine));
        Assert.Equal(HttpStatusCode.Forbidden, county.StatusCode);
        var empty = await city.PostAsJsonAsync("/api/funds/audit", new FundsBatchAudit());
        Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
        Assert.Contains("请先勾选要审核的记录", await empty.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var headerless = await (await App.SignInAsync("city")).PostAsJsonAsync("/api/funds/audit", Batch(mine));
        Assert.Equal(HttpStatusCode.BadRequest, headerless.StatusCode);
        await AssertUntouchedAsync(mine, foreign);

        // The same batch without the foreign record passes.
        var passed = await App.AsUserAsync("city", sp => FundsOf(sp).AuditManyAsync([new FundsAuditItem(mine.Id, mine.Version)]));
        Assert.Equal((CommandOutcome.Ok, 1), (passed.Outcome, passed.ApprovedCount));
    }

    private async Task AssertUntouchedAsync(params FundsRecord[] records)
    {
        foreach (var r in records)
        {
            var stored = await App.FundsAsync(r.Id);
            Assert.Equal((FundsAuditStatus.Pending, r.Version, (string?)null), (stored.Status, stored.Version, stored.AuditedBy));
            Assert.Equal(["Create"], (await App.AuditOfAsync(nameof(FundsRecord), Id(r.Id))).Select(e => e.Action));
        }
    }

    /// <summary>City staff whose unit scope is that of <paramref name="unitUser"/>: the service must not count on auditors seeing every unit.</summary>
    private async Task<T> AsCityScopedToAsync<T>(string unitUser, Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = App.Services.CreateAsyncScope();
        var sp = scope.ServiceProvider;
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        var users = sp.GetRequiredService<UserManager<AppUser>>();
        var factory = sp.GetRequiredService<SignInManager<AppUser>>();
        var city = await factory.CreateUserPrincipalAsync((await users.FindByNameAsync("city"))!);
        var unit = await factory.CreateUserPrincipalAsync((await users.FindByNameAsync(unitUser))!);
        var claims = city.Claims.Where(c => c.Type != AppClaims.UnitScope).Append(unit.FindFirst(AppClaims.UnitScope)!);
        sp.GetRequiredService<CurrentUser>().Set(new ClaimsPrincipal(new ClaimsIdentity(claims, city.Identity!.AuthenticationType)), "127.0.0.1");
        Assert.False(sp.GetRequiredService<CurrentUser>().UnitScope.All);
        return await work(sp);
    }
}

[Collection("postgres")]
public sealed class PostgresFundsBatchAuditTests(PostgresFixture fixture) : FundsBatchAuditTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteFundsBatchAuditTests(SqliteFixture fixture) : FundsBatchAuditTests(fixture), IClassFixture<SqliteFixture>;
