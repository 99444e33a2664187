using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using static InvestTrack.IntegrationTests.Funds.FundsTestSupport;

namespace InvestTrack.IntegrationTests.Funds;

/// <summary>Evidence files and the funds API over HTTP: real type checks, caps, scoped and audited downloads.</summary>
public abstract class FundsEvidenceTests(AppFixture fixture)
{
    private TestApp App => fixture.App;
    private static readonly DateOnly Signed = new(2025, 1, 15);

    private static byte[] Pdf(string text) => Encoding.ASCII.GetBytes("%PDF-1.7\n" + text + "\n%%EOF\n");

    private async Task<HttpClient> ClientAsync(string userName)
    {
        var client = await App.SignInAsync(userName);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd("zh-CN");
        return client;
    }

    [Fact]
    public async Task A_pdf_is_kept_with_its_hash_a_renamed_exe_an_oversized_file_and_a_second_copy_are_refused()
    {
        var project = await App.SignedProjectAsync(Signed);
        var record = await App.ReportAsync("tiexi", Form(project.Id, "2025-02", 100m));
        var pdf = Pdf(Guid.NewGuid().ToString());
        var ok = await App.AsUserAsync("tiexi", sp => Evidence(sp).UploadAsync(record.Id, @"C:\slips\银行回单.pdf", new MemoryStream(pdf)));
        Assert.True(ok.Ok, ok.FirstError);
        var item = Assert.Single(await App.AsUserAsync("tiexi", sp => Evidence(sp).ListAsync(record.Id)) ?? []);
        Assert.Equal(("银行回单.pdf", "application/pdf", (long)pdf.Length, Convert.ToHexStringLower(SHA256.HashData(pdf))),
            (item.FileName, item.ContentType, item.Size, item.Sha256));

        var exe = new byte[] { (byte)'M', (byte)'Z', 0x90, 0, 3, 0, 0, 0 };
        var renamed = await App.AsUserAsync("tiexi", sp => Evidence(sp).UploadAsync(record.Id, "回单.pdf", new MemoryStream(exe)));
        Assert.Equal("证明材料只接受 PDF、JPEG 或 PNG 文件", renamed.FirstError);
        var big = new byte[10 * 1024 * 1024 + 1];
        "%PDF-"u8.CopyTo(big);
        var tooLarge = await App.AsUserAsync("tiexi", sp => Evidence(sp).UploadAsync(record.Id, "大.pdf", new MemoryStream(big)));
        Assert.Equal("文件超过 10 MB 的上限", tooLarge.FirstError);
        var again = await App.AsUserAsync("tiexi", sp => Evidence(sp).UploadAsync(record.Id, "副本.pdf", new MemoryStream(pdf)));
        Assert.Equal("该记录已上传过相同内容的文件（银行回单.pdf）", again.FirstError);
        var png = await App.AsUserAsync("tiexi", sp => Evidence(sp).UploadAsync(record.Id, "slip.exe",
            new MemoryStream([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3])));
        Assert.True(png.Ok, png.FirstError);
        var items = await App.AsUserAsync("tiexi", sp => Evidence(sp).ListAsync(record.Id)) ?? [];
        Assert.Equal(["银行回单.pdf", "slip.png"], items.Select(i => i.FileName));
    }

    [Fact]
    public async Task A_download_is_an_audited_attachment_with_a_server_name_and_another_county_gets_404()
    {
        var project = await App.SignedProjectAsync(Signed);
        var record = await App.ReportAsync("tiexi", Form(project.Id, "2025-02", 100m));
        var pdf = Pdf("<script>alert(1)</script>" + Guid.NewGuid());
        var up = await App.AsUserAsync("tiexi", sp => Evidence(sp).UploadAsync(record.Id, "<script>.pdf", new MemoryStream(pdf)));
        Assert.True(up.Ok, up.FirstError);
        var path = $"/api/funds/{record.Id}/evidence/{up.Id}";

        var tiexi = await ClientAsync("tiexi");
        var response = await tiexi.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"funds-{record.Id}-evidence-{up.Id}.pdf", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").First());
        Assert.Contains(await App.AuditOfAsync(nameof(FundsEvidence), up.Id!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture)), a => a.Action == "Download");

        var tiedong = await ClientAsync("tiedong");
        Assert.Equal(HttpStatusCode.NotFound, (await tiedong.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await tiedong.GetAsync($"/api/funds/{record.Id}/evidence/{long.MaxValue}")).StatusCode);
        Assert.Null(await App.AsUserAsync("tiedong", sp => Evidence(sp).ListAsync(record.Id)));
    }

    [Fact]
    public async Task The_api_reports_audits_and_totals_and_refuses_what_the_matrix_refuses()
    {
        var project = await App.SignedProjectAsync(Signed);
        var tiexi = await ClientAsync("tiexi");
        var created = await tiexi.PostAsJsonAsync("/api/funds", Form(project.Id, "2025-10", 2500.5m));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var body = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement;
        var id = body.GetProperty("id").GetInt64();
        var version = body.GetProperty("version").GetInt32();

        var bad = await tiexi.PostAsJsonAsync("/api/funds", Form(project.Id, "2025-11", -1m));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("到位资金须大于零", await bad.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Forbidden, (await tiexi.PostAsJsonAsync($"/api/funds/{id}/audit", new FundsDecision { Version = version })).StatusCode);
        var noHeader = await App.SignInAsync("tiexi");
        Assert.Equal(HttpStatusCode.BadRequest, (await noHeader.PostAsJsonAsync("/api/funds", Form(project.Id, "2025-11", 1m))).StatusCode);

        var city = await ClientAsync("city");
        var queue = await city.GetFromJsonAsync<JsonElement>("/api/funds/queue?pageSize=200");
        Assert.True(queue.GetProperty("total").GetInt32() >= 1);
        var audit = await city.PostAsJsonAsync($"/api/funds/{id}/audit", new FundsDecision { Version = version });
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        var again = await city.PostAsJsonAsync($"/api/funds/{id}/audit", new FundsDecision { Version = version });
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var page = await tiexi.GetFromJsonAsync<JsonElement>($"/api/funds?year=2025&projectId={project.Id}&status=Audited");
        Assert.Equal((1, 250_050L, 2500.5m, 0.25m), (page.GetProperty("total").GetInt32(), page.GetProperty("auditedAmount").GetInt64(),
            page.GetProperty("auditedWan").GetDecimal(), page.GetProperty("auditedYi").GetDecimal()));
        var foreign = await (await ClientAsync("tiedong")).GetFromJsonAsync<JsonElement>($"/api/funds?projectId={project.Id}");
        Assert.Equal(0, foreign.GetProperty("total").GetInt32());
        Assert.Equal(HttpStatusCode.NotFound, (await (await ClientAsync("tiedong")).PutAsJsonAsync($"/api/funds/{id}", Form(project.Id, "2025-10", 1m))).StatusCode);
    }

    [Fact]
    public async Task The_pages_render_for_their_users_and_a_foreign_project_shows_nothing_of_it()
    {
        var project = await App.SignedProjectAsync(Signed);
        await App.ReportAsync("tiexi", Form(project.Id, "2025-03", 321m));
        var tiexi = await App.SignInAsync("tiexi");
        var ledger = await tiexi.GetStringAsync("/funds");
        Assert.Contains("到位资金台账", ledger);
        var own = await tiexi.GetStringAsync($"/projects/{project.Id}/funds");
        Assert.Contains(project.Name, own);
        Assert.Contains("321.00", own);
        var queue = await tiexi.GetAsync("/funds/audit");
        Assert.NotEqual(HttpStatusCode.OK, queue.StatusCode);

        var city = await App.SignInAsync("city");
        var audit = await city.GetStringAsync("/funds/audit");
        Assert.Contains("月份锁定", audit);
        var tiedong = await App.SignInAsync("tiedong");
        // Another unit's project answers as a missing one: the 404 page.
        var response = await tiedong.GetAsync($"/projects/{project.Id}/funds");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var foreign = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain(project.Name, foreign);
        Assert.Contains("404", foreign);
    }
}

[Collection("postgres")]
public sealed class PostgresFundsEvidenceTests(PostgresFixture fixture) : FundsEvidenceTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteFundsEvidenceTests(SqliteFixture fixture) : FundsEvidenceTests(fixture), IClassFixture<SqliteFixture>;
