using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Imports;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Units;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Kernel;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Funds.FundsTestSupport;
using static InvestTrack.IntegrationTests.Imports.ImportTestSupport;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>
/// Text is checked in one place (Kernel/TextInput through AppDbContext, services and the import): NUL and other
/// control characters, bidirectional overrides and invisible-only text are refused at the field; text is stored in
/// NFC; codes are compared without zero-width characters; searches never hand a NUL to the database.
/// </summary>
public abstract class TextInputTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private async Task<HttpClient> ClientAsync(string user)
    {
        var client = await App.SignInAsync(user);
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client;
    }

    public static TheoryData<string, string> Searches() => new()
    {
        { "city", "/api/projects?q=%00" },
        { "city", "/api/projects?leader=%00%E2%80%AE" },
        { "city", "/api/companies?q=%00" },
        { "city", "/api/companies?province=%00" },
        { "city", "/api/companies/export?q=%00" },
        { "auditor", "/api/audit?user=%00" },
        { "auditor", "/api/audit?action=%00&objectType=%00&objectId=%00&result=%00" },
    };

    [Theory]
    [MemberData(nameof(Searches))]
    public async Task A_NUL_in_a_search_never_reaches_the_database(string user, string url)
    {
        var client = await App.SignInAsync(user);
        var response = await client.GetAsync(url);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{url}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Searches_ignore_invisible_characters_and_a_slice_key_with_a_NUL_is_no_slice()
    {
        var code = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.OrderBy(p => p.Id).Select(p => p.Code).FirstAsync());
        var client = await App.SignInAsync("city");
        var typed = Uri.EscapeDataString(code[..3] + "\u200B" + code[3..] + "\u0000");
        using var found = JsonDocument.Parse(await client.GetStringAsync($"/api/projects?q={typed}"));
        Assert.Contains(found.RootElement.GetProperty("rows").EnumerateArray(), r => r.GetProperty("code").GetString() == code);

        var users = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().ListAsync(new UserQuery(Text: "tie\0xi", Role: "\0")));
        Assert.Contains(users.Rows, u => u.UserName == "tiexi");
        var last = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().FundsRecords.MaxAsync(r => r.Period));
        var slice = await client.GetAsync($"/api/dashboard/records?kind=Industry&year={last / 100}&month={last % 100}&key=I:%00");
        Assert.Equal(HttpStatusCode.NotFound, slice.StatusCode);
    }

    public static TheoryData<string, string> BadNames() => new()
    {
        { "甲\u0000乙", "含有不允许的控制字符（如 NUL；只有备注、原因等多行文本可以换行）" },
        { "甲\n乙", "含有不允许的控制字符（如 NUL；只有备注、原因等多行文本可以换行）" },
        { "甲\u0085乙", "含有不允许的控制字符（如 NUL；只有备注、原因等多行文本可以换行）" },
        { "invoice\u202Efdp.exe", "含有不允许的文字方向控制字符" },
        { "甲\u2066乙\u2069", "含有不允许的文字方向控制字符" },
        { "甲\u200F乙", "含有不允许的文字方向控制字符" },
        { "\u200B\u200C\u2060\uFEFF", "不能只有空白或不可见字符" },
    };

    [Theory]
    [MemberData(nameof(BadNames))]
    public async Task A_project_name_with_control_bidi_or_only_invisible_characters_is_refused_at_the_field(string name, string message)
    {
        var form = await App.NewFormAsync();
        form.Name = name;
        var response = await (await ClientAsync("tiexi")).PostAsJsonAsync("/api/projects", form);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, body);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal([message], problem.RootElement.GetProperty("errors").GetProperty("Name").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, await App.CountByCodeAsync(form.Code));

        // The page's path (the service) gives the same field message, and a company name too.
        var result = await App.AsUserAsync("tiexi", sp => ProjectTestSupport.Service(sp).CreateAsync(form));
        Assert.Equal([message], result.Errors["Name"]);
        var company = await (await ClientAsync("tiexi")).PostAsJsonAsync("/api/companies", new { name, origin = "山东省济南市" });
        using var companyProblem = JsonDocument.Parse(await company.Content.ReadAsStringAsync());
        Assert.Equal([message], companyProblem.RootElement.GetProperty("errors").GetProperty("name").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Text_is_stored_in_NFC_codes_without_zero_width_characters_and_notes_keep_their_lines()
    {
        var form = await App.NewFormAsync();
        var code = form.Code;
        form.Code = code[..2] + "\u200B" + code[2..] + "\u2060";
        form.Name = "Cafe\u0301 项目" + code;
        var created = await App.AsUserAsync("tiexi", sp => ProjectTestSupport.Service(sp).CreateAsync(form));
        Assert.True(created.Ok, created.FirstError);
        var project = await App.ProjectAsync(created.Id!.Value);
        Assert.Equal((code, "Café 项目" + code), (project.Code, project.Name));
        Assert.True(project.Name.IsNormalized(NormalizationForm.FormC));

        // The same code typed with a zero-width space is taken.
        var again = await App.NewFormAsync();
        again.Code = "\u200B" + code;
        var taken = await App.AsUserAsync("tiexi", sp => ProjectTestSupport.Service(sp).CreateAsync(again));
        Assert.Equal(CommandOutcome.Invalid, taken.Outcome);
        Assert.Contains(code, Assert.Single(taken.Errors["Code"]));

        // Progress notes are multi-line: line breaks and tabs stay (CR LF becomes LF), a NUL does not.
        var client = await ClientAsync("tiexi");
        var note = await client.PostAsJsonAsync($"/api/projects/{project.Id}/progress",
            new { occurredOn = "2025-03-01", whatHappened = "第一行\r\n第二行\t完", problems = "无" });
        Assert.True(note.IsSuccessStatusCode, await note.Content.ReadAsStringAsync());
        var stored = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().ProgressEntries.Where(e => e.ProjectId == project.Id).Select(e => e.WhatHappened).SingleAsync());
        Assert.Equal("第一行\n第二行\t完", stored);
        var nul = await client.PostAsJsonAsync($"/api/projects/{project.Id}/progress", new { occurredOn = "2025-03-02", whatHappened = "甲\u0000乙" });
        Assert.Equal(HttpStatusCode.BadRequest, nul.StatusCode);
        using var problem = JsonDocument.Parse(await nul.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("WhatHappened", out _));
    }

    [Fact]
    public async Task AppDbContext_refuses_such_text_from_any_writer_naming_the_field()
    {
        var error = await Assert.ThrowsAsync<InvalidTextException>(() => App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.Units.Add(new Unit { Code = "T" + AdminTestSupport.Unique(), Name = "测试\u202E单位", Kind = UnitKind.Department });
            return await db.SaveChangesAsync();
        }));
        Assert.Equal(("Unit", "Name", TextInput.Bidi), (error.Entity, error.Field, error.Problem));

        // Through the unit admin, the same rule is a message.
        var result = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UnitAdmin>().CreateAsync(
            new UnitForm { Code = "T" + AdminTestSupport.Unique()[..6], Name = "\u200B", Kind = UnitKind.Department }));
        Assert.Equal("不能只有空白或不可见字符", result.Result.Error);
    }

    [Fact]
    public async Task An_evidence_file_name_loses_its_bidi_and_invisible_characters()
    {
        var project = await App.SignedProjectAsync(new DateOnly(2025, 1, 15));
        var record = await App.ReportAsync("tiexi", Form(project.Id, "2025-02", 100m));
        var pdf = Encoding.ASCII.GetBytes("%PDF-1.7\n" + Guid.NewGuid() + "\n%%EOF\n");
        var upload = await App.AsUserAsync("tiexi", sp => Evidence(sp).UploadAsync(record.Id, "回单\u202Efdp.exe\u200B.pdf", new MemoryStream(pdf)));
        Assert.True(upload.Ok, upload.FirstError);
        var item = Assert.Single(await App.AsUserAsync("tiexi", sp => Evidence(sp).ListAsync(record.Id)) ?? []);
        Assert.Equal("回单fdp.exe.pdf", item.FileName);
    }

    [Fact]
    public async Task An_imported_name_with_a_control_or_bidi_character_is_a_problem_of_its_cell()
    {
        string[] With(int column, string value) { var r = Row("I" + AdminTestSupport.Unique()); r[column] = value; return r; }
        var codeWithSpace = "I" + AdminTestSupport.Unique();
        var file = Ledger(
            With(1, "甲\t乙"),                  // row 2: a tab in a one-line field
            With(1, "报告\u202Eexe.pdf"),       // 3
            With(2, "\u200B\u200B"),           // 4: 投资方
            With(1, "甲\u2067乙"),               // 5
            Row(codeWithSpace[..3] + "\u200B" + codeWithSpace[3..]));   // 6: imports with the code cleaned
        var before = await App.CountsAsync();
        var result = await App.CommitAsync("tiexi", file);
        Assert.False(result.Committed);
        Assert.Equal(before, await App.CountsAsync());
        Assert.Equal(new (int?, string?, string)[]
        {
            (2, "项目名称", ImportCodes.TextControl),
            (3, "项目名称", ImportCodes.TextBidi),
            (4, "投资方", ImportCodes.TextBlank),
            (5, "项目名称", ImportCodes.TextBidi),
        }, result.Problems.Select(p => (p.Row, p.Column, p.Code)));
        Assert.All(result.Problems, p => Assert.False(string.IsNullOrEmpty(p.Sheet)));

        // A NUL cannot come from a workbook (XML has no such character) and makes a CSV file "not text".
        var nul = await App.CommitAsync("tiexi", Ledger(With(1, "甲\u0000乙")));
        Assert.Equal(ImportCodes.NotUtf8Text, Assert.Single(nul.Problems).Code);

        var good = await App.CommitAsync("tiexi", Ledger(Row(codeWithSpace[..3] + "\u200B" + codeWithSpace[3..])));
        Assert.True(good.Committed, string.Join("; ", good.Problems.Select(ImportText.Line)));
        Assert.Equal(1, await App.CountByCodeAsync(codeWithSpace));
    }
}

[Collection("postgres")]
public sealed class PostgresTextInputTests(PostgresFixture fixture) : TextInputTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteTextInputTests(SqliteFixture fixture) : TextInputTests(fixture), IClassFixture<SqliteFixture>;
