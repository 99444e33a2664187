using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Activities;

/// <summary>/api/activities: create, read, edit, delete with field errors, stale versions, scoping, attachments; the pages render.</summary>
public abstract class ActivityApiTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private async Task<HttpClient> ClientAsync(string user)
    {
        var client = await App.SignInAsync(user);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client;
    }

    [Fact]
    public async Task The_project_picker_offers_the_users_own_projects_only()
    {
        // The form's picker: a county user finds its own projects by code or name, never another unit's.
        var (own, all) = await App.AsUserAsync("tiexi", async sp =>
        {
            var db = sp.GetRequiredService<InvestTrack.Data.AppDbContext>();
            return (await db.Projects.Select(p => p.Id).ToListAsync(), await db.Projects.IgnoreQueryFilters().Select(p => new { p.Id, p.Code, p.Name }).ToListAsync());
        });
        var foreign = all.First(p => !own.Contains(p.Id));
        var mine = all.First(p => own.Contains(p.Id));
        var picked = await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<InvestTrack.Features.Activities.ActivityService>().ProjectChoicesAsync(null));
        Assert.NotEmpty(picked);
        Assert.All(picked, p => Assert.Contains(p.Id, own));
        Assert.Empty(await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<InvestTrack.Features.Activities.ActivityService>().ProjectChoicesAsync(foreign.Code)));
        Assert.Contains(mine.Id, (await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<InvestTrack.Features.Activities.ActivityService>().ProjectChoicesAsync(mine.Code))).Select(p => p.Id));
        Assert.Contains(foreign.Id, (await App.AsUserAsync("city", sp => sp.GetRequiredService<InvestTrack.Features.Activities.ActivityService>().ProjectChoicesAsync(foreign.Code))).Select(p => p.Id));
    }

    [Fact]
    public async Task An_activity_is_created_edited_scoped_and_deleted()
    {
        using var tiexi = await ClientAsync("tiexi");
        var unit = await Admin.AdminTestSupport.UnitIdAsync(App, "220302");
        var code = $"API-{Guid.NewGuid():N}"[..20];
        var bad = await tiexi.PostAsJsonAsync("/api/activities", new
        {
            code, kind = "走出去", startOn = "2025-05-03", endOn = "2025-05-01", unitId = unit, destinations = "火星", counterparts = "公司:某某", meetings = -1,
        });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal("结束日期不能早于开始日期", errors.GetProperty("EndOn")[0].GetString());
        Assert.StartsWith("目的地“火星”无法识别", errors.GetProperty("Destinations")[0].GetString());
        Assert.StartsWith("对接对象“公司:某某”的类型未知", errors.GetProperty("Counterparts")[0].GetString());
        Assert.Equal("“座谈会(场)”不能为负数", errors.GetProperty("Meetings")[0].GetString());

        var created = await tiexi.PostAsJsonAsync("/api/activities", new
        {
            code, kind = "走出去", startOn = "2025-05-01", unitId = unit, leader = "张华 区长", leaderLevel = "县级", destinations = "北京市；山东济南",
            counterparts = "企业:中电光谷", intentions = 2,
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var detail = await tiexi.GetFromJsonAsync<JsonElement>($"/api/activities/{id}");
        Assert.Equal("北京市；山东省济南市", string.Join('；', detail.GetProperty("destinations").EnumerateArray().Select(d => d.GetProperty("display").GetString())));
        Assert.Equal("县级", detail.GetProperty("leaderLevelName").GetString());

        // Another county's staff: not found, for reading and writing alike.
        using var lishu = await ClientAsync("lishu");
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.GetAsync($"/api/activities/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await lishu.DeleteAsync($"/api/activities/{id}?version=0")).StatusCode);

        var png = new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3 };
        using (var form = new MultipartFormDataContent { { new ByteArrayContent(png), "file", "合影.exe" } })
            Assert.Equal(HttpStatusCode.Created, (await tiexi.PostAsync($"/api/activities/{id}/attachments", form)).StatusCode);
        using (var form = new MultipartFormDataContent { { new ByteArrayContent("MZ not a photo"u8.ToArray()), "file", "photo.png" } })
            Assert.Equal(HttpStatusCode.BadRequest, (await tiexi.PostAsync($"/api/activities/{id}/attachments", form)).StatusCode);
        detail = await tiexi.GetFromJsonAsync<JsonElement>($"/api/activities/{id}");
        Assert.Equal("合影.png", detail.GetProperty("attachments")[0].GetProperty("fileName").GetString());

        var update = new
        {
            code, kind = "走出去", startOn = "2025-05-01", unitId = unit, destinations = "北京市", meetings = 1, version = 0,
        };
        Assert.Equal(HttpStatusCode.OK, (await tiexi.PutAsJsonAsync($"/api/activities/{id}", update)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tiexi.PutAsJsonAsync($"/api/activities/{id}", update)).StatusCode);

        var list = await tiexi.GetFromJsonAsync<JsonElement>("/api/activities?year=2025&kind=Outbound");
        Assert.Contains(list.GetProperty("rows").EnumerateArray(), r => r.GetProperty("code").GetString() == code);
        var export = await tiexi.GetStringAsync("/api/activities/export.csv?year=2025");
        Assert.Contains($"{code},走出去,2025-05-01,,铁西区,,,北京市,,1,0", export);

        foreach (var page in new[] { "/activities", $"/activities/{id}", "/activities/new", "/reports/activities?year=2025&from=1&to=12" })
            Assert.Equal(HttpStatusCode.OK, (await tiexi.GetAsync(page)).StatusCode);
        var html = await tiexi.GetStringAsync("/reports/activities?year=2025&from=5&to=5");
        Assert.Contains("5月，铁西区开展&#x27;走出去&#x27;活动", html.Replace("'", "&#x27;"));

        Assert.Equal(HttpStatusCode.OK, (await tiexi.DeleteAsync($"/api/activities/{id}?version=1")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/api/activities/{id}")).StatusCode);
    }
}

public sealed class PostgresActivityApiTests(PostgresFixture fixture) : ActivityApiTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteActivityApiTests(SqliteFixture fixture) : ActivityApiTests(fixture), IClassFixture<SqliteFixture>;
