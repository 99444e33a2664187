using System.Net;
using System.Net.Http.Json;
using InvestTrack.Features.Network;
using InvestTrack.IntegrationTests.Companies;
using InvestTrack.Tests;
using MiniExcelLibs;
using static InvestTrack.IntegrationTests.Network.NetworkTestSupport;

namespace InvestTrack.IntegrationTests.Network;

public abstract class TalentNetworkTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task Personal_data_is_masked_in_every_answer_and_export_for_every_role_and_kept_when_sent_back_masked()
    {
        var city = await App.ApiClientAsync("city");
        var tag = Unique();
        var talent = (await CreatedAsync<TalentDetail>(await city.PostAsJsonAsync("/api/talents", new TalentForm
        {
            Name = "人才" + tag, Origin = "四平市梨树县", Field = "新能源", Organisation = "北京某研究院", Title = "研究员",
            Phone = "13812345678", Email = "wang.ming@example.cn",
        }))).Talent;
        Assert.Equal(("138****5678", "w***@example.cn"), (talent.MaskedPhone, talent.MaskedEmail));
        var agency = await CreatedAsync<AgencyView>(await city.PostAsJsonAsync("/api/agencies", new AgencyForm
        {
            Name = "机构" + tag, ContractNumber = "WT-" + tag, PeriodFrom = new DateOnly(2025, 1, 1), PeriodTo = new DateOnly(2026, 12, 31),
            FeeTerms = "按到位资金1%", ContactName = "张经理", ContactPhone = "13987654321",
        }));
        Assert.Equal("139****4321", agency.MaskedPhone);

        foreach (var user in new[] { "city", "leader" })
        {
            var client = await App.ApiClientAsync(user);
            var bodies = new[]
            {
                await client.GetStringAsync($"/api/talents/{talent.Id}"), await client.GetStringAsync($"/api/talents?q={tag}"),
                await client.GetStringAsync($"/api/talents/export?q={tag}&format=csv"), await client.GetStringAsync($"/talents/{talent.Id}"),
                await client.GetStringAsync($"/api/agencies/{agency.Id}"), await client.GetStringAsync($"/api/agencies?q={tag}"),
                await client.GetStringAsync($"/api/agencies/export?q={tag}&format=csv"), await client.GetStringAsync($"/agencies/{agency.Id}"),
            };
            Assert.All(bodies, b => Assert.DoesNotContain("13812345678", b, StringComparison.Ordinal));
            Assert.All(bodies, b => Assert.DoesNotContain("wang.ming@", b, StringComparison.Ordinal));
            Assert.All(bodies, b => Assert.DoesNotContain("13987654321", b, StringComparison.Ordinal));
            Assert.Contains("138****5678", bodies[2], StringComparison.Ordinal);
            Assert.Contains("139****4321", bodies[6], StringComparison.Ordinal);
            using var xlsx = new MemoryStream(await client.GetByteArrayAsync($"/api/talents/export?q={tag}&format=xlsx"));
            var row = Assert.Single(xlsx.Query(useHeaderRow: true).Cast<IDictionary<string, object>>());
            Assert.Equal("138****5678", row["联系电话"]);
            Assert.Equal("w***@example.cn", row["电子邮箱"]);
        }

        // The masked values sent back keep the stored ones; the audit trail holds the phone masked too.
        var form = TalentForm.Of(talent);
        form.Title = "首席科学家";
        Assert.Equal(HttpStatusCode.OK, (await city.PutAsJsonAsync($"/api/talents/{talent.Id}?version={talent.Version}", form)).StatusCode);
        var stored = await App.AsSystemAsync(sp => Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(
            Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Data.AppDbContext>(sp).TalentPeople, x => x.Id == talent.Id));
        Assert.Equal(("13812345678", "wang.ming@example.cn", "首席科学家"), (stored.Phone, stored.Email, stored.Title));
        var audit = await Admin.AdminTestSupport.AuditOfAsync(App, nameof(TalentPerson), talent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.DoesNotContain(audit, e => (e.NewValues ?? "").Contains("13812345678", StringComparison.Ordinal));

        var bad = await city.PostAsJsonAsync("/api/talents", new TalentForm { Name = "坏号码" + tag, Phone = "12345", Email = "nope" });
        var errors = await ErrorsAsync(bad);
        Assert.Equal("联系电话格式不正确。", errors["phone"]);
        Assert.Equal("电子邮箱格式不正确。", errors["email"]);
        Assert.Equal(0, await App.CountAsync<TalentPerson>(x => x.Name == "坏号码" + tag));
    }

    [Fact]
    public async Task Another_units_talents_workstations_agencies_and_counts_answer_404_and_cannot_be_linked()
    {
        var tiedong = await App.ApiClientAsync("tiedong");
        var tiexi = await App.ApiClientAsync("tiexi");
        var tag = Unique();
        var talent = (await CreatedAsync<TalentDetail>(await tiedong.PostAsJsonAsync("/api/talents", new TalentForm { Name = "铁东人才" + tag }))).Talent;
        var station = await CreatedAsync<WorkstationDetail>(await tiedong.PostAsJsonAsync("/api/workstations", new WorkstationForm
        {
            Name = "驻沪人才工作站" + tag, Place = "上海市", EstablishedOn = new DateOnly(2025, 1, 8), MemberIds = [talent.Id],
        }));
        Assert.Equal(talent.Id, Assert.Single(station.Members).Id);
        var agency = await CreatedAsync<AgencyView>(await tiedong.PostAsJsonAsync("/api/agencies", new AgencyForm
        {
            Name = "铁东机构" + tag, PeriodFrom = new DateOnly(2025, 1, 1), PeriodTo = new DateOnly(2025, 12, 31),
        }));
        var count = await CreatedAsync<RetentionRow>(await tiedong.PostAsJsonAsync("/api/talent-retention", new RetentionForm { Year = 2031, Count = 5 }));

        foreach (var (url, version) in new[] { ($"/api/talents/{talent.Id}", talent.Version), ($"/api/workstations/{station.Id}", station.Version),
            ($"/api/agencies/{agency.Id}", agency.Version), ($"/api/talent-retention/{count.Id}", count.Version) })
        {
            Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync(url)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await tiexi.DeleteAsync($"{url}?version={version}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await tiexi.PutAsJsonAsync($"{url}?version={version}", new { name = "改", year = 2031, count = 1 })).StatusCode);
        }
        foreach (var page in new[] { $"/talents/{talent.Id}", $"/workstations/{station.Id}", $"/agencies/{agency.Id}" })
            Assert.Equal(HttpStatusCode.NotFound, (await tiexi.GetAsync(page)).StatusCode);
        Assert.DoesNotContain(tag, await tiexi.GetStringAsync("/api/talents?pageSize=500"), StringComparison.Ordinal);

        // Linking the other unit's talent as a member or a participant is refused like a missing one; nothing written.
        var refused = await tiexi.PostAsJsonAsync("/api/workstations", new WorkstationForm { Name = "借人" + tag, Place = "北京市", MemberIds = [talent.Id] });
        Assert.Equal($"成员（人才编号 {talent.Id}）不存在或不在您的权限范围内。", (await ErrorsAsync(refused))["memberIds"]);
        var participant = await tiexi.PostAsJsonAsync("/api/events", new EventForm
        {
            Name = "借人活动" + tag, Kind = EventKind.Other, StartsOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2025, 1, 1), Venue = "某地",
            Participants = [new ParticipantForm { Name = "铁东人才", TalentId = talent.Id }],
        });
        Assert.Equal("第 1 位参会人员关联的人才不存在或不在您的权限范围内。", (await ErrorsAsync(participant))["participants[0].talentId"]);
        Assert.Equal(0, await App.CountAsync<TalentWorkstation>(w => w.Name == "借人" + tag));
        Assert.Equal(0, await App.CountAsync<NetworkEvent>(e => e.Name == "借人活动" + tag));

        // The owner still has everything, and deletes it (the membership goes with the workstation).
        Assert.Equal(HttpStatusCode.OK, (await tiedong.GetAsync($"/api/workstations/{station.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await tiedong.DeleteAsync($"/api/workstations/{station.Id}?version={station.Version}")).StatusCode);
        Assert.Equal(0, await App.CountAsync<WorkstationMember>(m => m.WorkstationId == station.Id));
        Assert.Equal(HttpStatusCode.NoContent, (await tiedong.DeleteAsync($"/api/talents/{talent.Id}?version={talent.Version}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await tiedong.DeleteAsync($"/api/agencies/{agency.Id}?version={agency.Version}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await tiedong.DeleteAsync($"/api/talent-retention/{count.Id}?version={count.Version}")).StatusCode);
        Assert.Equal(0, await App.CountAsync<TalentPerson>(x => x.Id == talent.Id));
    }

    [Fact]
    public async Task Workstations_and_agencies_validate_place_and_period_and_refuse_stale_saves()
    {
        var client = await App.ApiClientAsync("city");
        var tag = Unique();
        var badPlace = await client.PostAsJsonAsync("/api/workstations", new WorkstationForm { Name = "火星站" + tag, Place = "火星" });
        Assert.Equal("无法识别的所在地：火星", (await ErrorsAsync(badPlace))["place"]);
        var badPeriod = await client.PostAsJsonAsync("/api/agencies", new AgencyForm
        {
            Name = "倒序" + tag, PeriodFrom = new DateOnly(2026, 1, 1), PeriodTo = new DateOnly(2025, 12, 31), ContactPhone = "123",
        });
        var errors = await ErrorsAsync(badPeriod);
        Assert.Equal("合同截止日期不能早于合同起始日期。", errors["periodTo"]);
        Assert.Equal("联系电话格式不正确。", errors["contactPhone"]);
        Assert.Equal(0, await App.CountAsync<InvestmentAgency>(a => a.Name == "倒序" + tag));
        Assert.Equal(0, await App.CountAsync<TalentWorkstation>(w => w.Name == "火星站" + tag));

        var station = await CreatedAsync<WorkstationDetail>(await client.PostAsJsonAsync("/api/workstations", new WorkstationForm { Name = "驻深站" + tag, Place = "广东省深圳市" }));
        var form = WorkstationForm.Of(station);
        form.Notes = "第一次";
        Assert.Equal(HttpStatusCode.OK, (await client.PutAsJsonAsync($"/api/workstations/{station.Id}?version={station.Version}", form)).StatusCode);
        form.Notes = "第二次";
        var stale = await client.PutAsJsonAsync($"/api/workstations/{station.Id}?version={station.Version}", form);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("第一次", (await client.GetFromJsonAsync<WorkstationDetail>($"/api/workstations/{station.Id}"))!.Notes);
    }

    [Fact]
    public async Task Retention_counts_show_each_year_and_the_cumulative_total_of_the_seeds()
    {
        var client = await App.ApiClientAsync("city");
        var cityUnit = await Admin.AdminTestSupport.UnitIdAsync(App, "220300");
        var page = (await client.GetFromJsonAsync<RetentionPage>($"/api/talent-retention?unitId={cityUnit}&toYear=2024"))!;
        Assert.Equal(11220, page.CumulativeTotal);
        Assert.Equal([2600L, 5450L, 8370L, 11220L], page.Rows.Select(r => r.Cumulative));
        Assert.Contains("11220", await client.GetStringAsync("/talent-retention"), StringComparison.Ordinal);

        var negative = await client.PostAsJsonAsync("/api/talent-retention", new RetentionForm { Year = 2040, Count = -3, UnitId = cityUnit });
        Assert.Equal("引留人数不能为负数。", (await ErrorsAsync(negative))["count"]);
        var twice = await client.PostAsJsonAsync("/api/talent-retention", new RetentionForm { Year = 2024, Count = 1, UnitId = cityUnit });
        Assert.Equal("本单位 2024 年的引留人数已登记。", (await ErrorsAsync(twice))["year"]);
        var foreignUnit = await client.PostAsJsonAsync("/api/talent-retention", new RetentionForm { Year = 2040, Count = 1, UnitId = int.MaxValue });
        Assert.Equal("所属单位不存在或不在您的权限范围内。", (await ErrorsAsync(foreignUnit))["unitId"]);
        Assert.Equal(0, await App.CountAsync<TalentRetentionCount>(r => r.Year == 2040));
        var tiexi = await App.ApiClientAsync("tiexi");
        var otherUnit = await tiexi.PostAsJsonAsync("/api/talent-retention", new RetentionForm { Year = 2040, Count = 1, UnitId = cityUnit });
        Assert.Equal("所属单位不存在或不在您的权限范围内。", (await ErrorsAsync(otherUnit))["unitId"]);
        Assert.Equal(0, await App.CountAsync<TalentRetentionCount>(r => r.Year == 2040));
    }

    [Fact]
    public async Task The_pages_render_for_a_unit_user()
    {
        var client = await App.SignInAsync("city");
        foreach (var (url, text) in new[]
        {
            ("/events", "情系英城发展恳谈会"), ("/talents", "王玉明"), ("/workstations", "驻京人才工作站"), ("/agencies", "北京中投招商咨询有限公司"),
            ("/talent-retention", "11220"),
        })
        {
            var response = await client.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains(text, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }
}

[Collection("postgres")]
public sealed class PostgresTalentNetworkTests(PostgresFixture fixture) : TalentNetworkTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteTalentNetworkTests(SqliteFixture fixture) : TalentNetworkTests(fixture), IClassFixture<SqliteFixture>;
