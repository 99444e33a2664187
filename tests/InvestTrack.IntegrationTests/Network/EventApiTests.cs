using System.Net;
using System.Net.Http.Json;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Network;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Companies;
using InvestTrack.Tests;
using static InvestTrack.IntegrationTests.Network.NetworkTestSupport;

namespace InvestTrack.IntegrationTests.Network;

public abstract class EventApiTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    /// <summary>The seeds' event: 150 participants, 18 signings whose amounts add up to exactly 152.76亿元 (1,527,600 万元).</summary>
    private static readonly decimal[] Amounts =
        [250000m, 180000m, 150000m, 120000m, 100000m, 100000m, 90000m, 80000m, 75000m, 70000m, 60000m, 55000m, 50000m, 45000m, 40000m, 30000m, 20000.45m, 12599.55m];

    [Fact]
    public async Task A_hand_built_event_shows_the_seeds_line_computed_from_its_records_over_the_api_and_on_its_page()
    {
        var client = await App.ApiClientAsync("city");
        var projects = new[] { await App.ProjectOfAsync("220302"), await App.ProjectOfAsync("220300") };
        var name = "情系英城发展恳谈会" + Unique();
        var form = new EventForm
        {
            Name = name, Kind = EventKind.Conference, StartsOn = new DateOnly(2024, 6, 29), EndsOn = new DateOnly(2024, 6, 29),
            Venue = "北京会议中心", Region = "北京市", ParticipantCount = 150,
            Participants = [new ParticipantForm { Name = "王玉明", Organisation = "清华大学" }],
            Signings = [.. Amounts.Select((wan, i) => i < projects.Length
                ? new SigningForm { ProjectId = projects[i], AmountWan = wan }
                : new SigningForm { ProjectName = $"签约项目{i + 1}", AmountWan = wan })],
        };
        var created = await CreatedAsync<EventDetail>(await client.PostAsJsonAsync("/api/events", form));
        Assert.Equal("共有150人参会，现场签约项目18个，签约金额152.76亿元", created.Summary);
        Assert.Equal(1_527_600_00L, created.SignedAmount);
        Assert.Equal(projects, created.Signings.Take(2).Select(s => s.ProjectId!.Value));
        Assert.Equal(("110000", "110000"), await App.AsSystemAsync(async sp =>
        {
            var e = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
                Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Data.AppDbContext>(sp).NetworkEvents, x => x.Id == created.Id);
            return (e.ProvinceCode!, e.CityCode!);
        }));

        var html = await client.GetStringAsync($"/events/{created.Id}");
        Assert.Contains("共有150人参会，现场签约项目18个，签约金额152.76亿元", html, StringComparison.Ordinal);
        var list = (await client.GetFromJsonAsync<NetworkPage<EventRow>>($"/api/events?q={Uri.EscapeDataString(name)}"))!;
        var row = Assert.Single(list.Rows);
        Assert.Equal((150, 18, 1_527_600_00L), (row.Participants, row.Signings, row.SignedAmount));

        // Half up at the second decimal of 亿元; no count recorded: the list counts; no signing: said so.
        var half = await CreatedAsync<EventDetail>(await client.PostAsJsonAsync("/api/events", new EventForm
        {
            Name = "推介会" + Unique(), Kind = EventKind.Promotion, StartsOn = new DateOnly(2025, 5, 1), EndsOn = new DateOnly(2025, 5, 2), Venue = "长春",
            Participants = [new ParticipantForm { Name = "甲" }, new ParticipantForm { Name = "乙" }],
            Signings = [new SigningForm { ProjectName = "半数项目", AmountWan = 10050m }],
        }));
        Assert.Equal("共有2人参会，现场签约项目1个，签约金额1.01亿元", half.Summary);
        var none = await CreatedAsync<EventDetail>(await client.PostAsJsonAsync("/api/events", new EventForm
        {
            Name = "博览会" + Unique(), Kind = EventKind.Expo, StartsOn = new DateOnly(2025, 5, 1), EndsOn = new DateOnly(2025, 5, 1), Venue = "长春", ParticipantCount = 0,
        }));
        Assert.Equal("无现场签约项目", none.Summary);
    }

    [Fact]
    public async Task The_demo_event_of_the_seeds_adds_up_to_152_76_yi()
    {
        var client = await App.ApiClientAsync("leader");
        var list = (await client.GetFromJsonAsync<NetworkPage<EventRow>>($"/api/events?q={Uri.EscapeDataString("情系英城发展恳谈会")}&year=2024"))!;
        var demo = list.Rows.Single(r => r.Name == "情系英城发展恳谈会");
        var detail = (await client.GetFromJsonAsync<EventDetail>($"/api/events/{demo.Id}"))!;
        Assert.Equal("共有150人参会，现场签约项目18个，签约金额152.76亿元", detail.Summary);
    }

    [Fact]
    public async Task Bad_input_names_each_field_and_writes_nothing()
    {
        var client = await App.ApiClientAsync("tiexi");
        var foreignProject = await App.ProjectOfAsync("220303");
        var name = "错误活动" + Unique();
        var response = await client.PostAsJsonAsync("/api/events", new EventForm
        {
            Name = name, Kind = EventKind.TalentConference, StartsOn = new DateOnly(2025, 6, 30), EndsOn = new DateOnly(2025, 6, 29),
            Venue = "某地", Region = "火星", ParticipantCount = -1,
            Signings = [new SigningForm { ProjectId = foreignProject, AmountWan = 100m }, new SigningForm { ProjectName = "金额错", AmountWan = 1.234m }],
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = await ErrorsAsync(response);
        Assert.Equal("参会人数不能为负数。", errors["participantCount"]);
        Assert.Equal("结束日期不能早于开始日期。", errors["endsOn"]);
        Assert.Equal("无法识别的举办地省市：火星", errors["region"]);
        Assert.Equal("第 1 个签约项目：项目不存在或不在您的权限范围内。", errors["signings[0].projectId"]);
        Assert.Equal("第 2 个签约项目的签约金额（万元）应为不小于 0、最多两位小数的金额。", errors["signings[1].amountWan"]);
        Assert.Equal(0, await App.CountAsync<NetworkEvent>(e => e.Name == name));

        var missing = await client.PostAsJsonAsync("/api/events", new EventForm { Name = " " });
        var required = await ErrorsAsync(missing);
        Assert.Equal("请填写活动名称。", required["name"]);
        Assert.Equal("请填写活动类型。", required["kind"]);
        Assert.Equal("请填写开始日期。", required["startsOn"]);
        Assert.Equal("请填写举办地点。", required["venue"]);

        // The other unit's project is refused on an edit too, and the stored event is unchanged.
        var own = await CreatedAsync<EventDetail>(await client.PostAsJsonAsync("/api/events", new EventForm
        {
            Name = name, Kind = EventKind.Promotion, StartsOn = new DateOnly(2025, 6, 29), EndsOn = new DateOnly(2025, 6, 29), Venue = "铁西",
            Signings = [new SigningForm { ProjectId = await App.ProjectOfAsync("220302"), AmountWan = 500m }],
        }));
        var edit = EventForm.Of(own);
        edit.Signings.Add(new SigningForm { ProjectId = foreignProject, AmountWan = 1m });
        var refused = await client.PutAsJsonAsync($"/api/events/{own.Id}?version={own.Version}", edit);
        Assert.Equal("第 2 个签约项目：项目不存在或不在您的权限范围内。", (await ErrorsAsync(refused))["signings[1].projectId"]);
        Assert.Equal(1, await App.CountAsync<EventSigning>(s => s.EventId == own.Id));
    }

    [Fact]
    public async Task Crud_with_stale_versions_refused_audited_and_another_units_ids_answer_404()
    {
        var tiexi = await App.ApiClientAsync("tiexi");
        var tiedong = await App.ApiClientAsync("tiedong");
        var created = await CreatedAsync<EventDetail>(await tiedong.PostAsJsonAsync("/api/events", new EventForm
        {
            Name = "铁东推介会" + Unique(), Kind = EventKind.Promotion, StartsOn = new DateOnly(2025, 3, 1), EndsOn = new DateOnly(2025, 3, 2),
            Venue = "杭州", Region = "浙江省杭州市", ParticipantCount = 40,
            Participants = [new ParticipantForm { Name = "张三" }],
            Signings = [new SigningForm { ProjectName = "待登记项目", AmountWan = 8000.5m }],
        }));
        Assert.Equal("共有40人参会，现场签约项目1个，签约金额0.80亿元", created.Summary);

        // Another unit: not found everywhere, nothing changed.
        var form = EventForm.Of(created);
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/api/events/{created.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.PutAsJsonAsync($"/api/events/{created.Id}?version={created.Version}", form)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.DeleteAsync($"/api/events/{created.Id}?version={created.Version}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync($"/events/{created.Id}")).StatusCode);
        Assert.DoesNotContain((await tiexi.GetFromJsonAsync<NetworkPage<EventRow>>("/api/events?pageSize=500"))!.Rows, r => r.Id == created.Id);
        Assert.DoesNotContain(created.Name, await tiexi.GetStringAsync("/api/events/export?format=csv"), StringComparison.Ordinal);

        // An edit keeps rows by id, adds and removes; a second edit from the same version is refused.
        form.Participants.Add(new ParticipantForm { Name = "李四", Organisation = "某研究院" });
        form.Signings[0].AmountWan = 9000m;
        form.Notes = "补记";
        var ok = await tiedong.PutAsJsonAsync($"/api/events/{created.Id}?version={created.Version}", form);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var updated = (await ok.Content.ReadFromJsonAsync<EventDetail>())!;
        Assert.Equal(["张三", "李四"], updated.Participants.Select(p => p.Name));
        Assert.Equal(created.Signings[0].Id, Assert.Single(updated.Signings).Id);
        Assert.Equal("共有40人参会，现场签约项目1个，签约金额0.90亿元", updated.Summary);
        form.Notes = "过期";
        Assert.Equal(HttpStatusCode.Conflict, (await tiedong.PutAsJsonAsync($"/api/events/{created.Id}?version={created.Version}", form)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await tiedong.DeleteAsync($"/api/events/{created.Id}?version={created.Version}")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await tiedong.DeleteAsync($"/api/events/{created.Id}?version={updated.Version}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tiedong.GetAsync($"/api/events/{created.Id}")).StatusCode);
        Assert.Equal(0, await App.CountAsync<EventSigning>(s => s.EventId == created.Id));
        var id = created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(["Create", "Update", "Delete"], (await App.AuditOfAsync(nameof(NetworkEvent), id)).Select(e => e.Action));
        Assert.Contains(await App.AuditOfAsync(nameof(EventSigning), created.Signings[0].Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            e => e.Action == "Update" && e.NewValues!.Contains("900000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_export_holds_the_filtered_events_with_amounts_and_is_refused_to_the_auditor()
    {
        var client = await App.ApiClientAsync("city");
        var tag = Unique();
        await CreatedAsync<EventDetail>(await client.PostAsJsonAsync("/api/events", new EventForm
        {
            Name = $"=导出{tag}", Kind = EventKind.Expo, StartsOn = new DateOnly(2025, 9, 1), EndsOn = new DateOnly(2025, 9, 3), Venue = "长春", ParticipantCount = 12,
            Signings = [new SigningForm { ProjectName = "甲", AmountWan = 1234.56m }],
        }));
        var csv = await client.GetAsync($"/api/events/export?q={tag}&format=csv");
        Assert.StartsWith("活动清单-", csv.Content.Headers.ContentDisposition!.FileNameStar);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(2, lines.Length);
        Assert.StartsWith("活动名称,活动类型,开始日期,结束日期,举办地点,举办地省市,主办单位,参会人数,签约项目数,签约金额（万元）", lines[0]);
        Assert.StartsWith($"'=导出{tag},博览会,2025-09-01,2025-09-03,长春,,四平市,12,1,", lines[1]);
        Assert.Contains("1234.56", lines[1], StringComparison.Ordinal);
        var xlsx = await client.GetAsync($"/api/events/export?q={tag}&format=xlsx");
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", xlsx.Content.Headers.ContentType!.MediaType);
        var auditor = await App.ApiClientAsync("auditor");
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/events")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await auditor.GetAsync("/api/events/export")).StatusCode);
        var leader = await App.ApiClientAsync("leader");
        var refused = await leader.PostAsJsonAsync("/api/events", new EventForm { Name = "领导" + tag });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(0, await App.CountAsync<NetworkEvent>(e => e.Name == "领导" + tag));
    }
}

[Collection("postgres")]
public sealed class PostgresEventApiTests(PostgresFixture fixture) : EventApiTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteEventApiTests(SqliteFixture fixture) : EventApiTests(fixture), IClassFixture<SqliteFixture>;
