using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Features.Imports;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Kernel;
using InvestTrack.Tests;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Imports.ImportTestSupport;

namespace InvestTrack.IntegrationTests.Projects;

/// <summary>
/// Dates of what happened (signed, started, in production, a milestone done, a progress note) lie between
/// 1990-01-01 and today in China; a milestone's plan may lie ahead, up to 2100. Over the API and in the import,
/// with the app's clock stopped so that "tomorrow" stays tomorrow.
/// </summary>
public abstract class ProjectDateTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly CultureInfo Chinese = CultureInfo.GetCultureInfo("zh-CN");

    private DateOnly Today => ChinaTime.Today(App.Services.GetRequiredService<TimeProvider>());

    /// <summary>The bad dates by name, so that the test names say which one failed.</summary>
    private DateOnly Date(string name) => name switch
    {
        "0001-01-01" => DateOnly.MinValue,
        "9999-12-31" => DateOnly.MaxValue,
        "tomorrow" => Today.AddDays(1),
        "1989-12-31" => new DateOnly(1989, 12, 31),
        "today" => Today,
        "1990-01-01" => new DateOnly(1990, 1, 1),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    /// <summary>The message of a date that happened, naming the field and the bound, as the user reads it.</summary>
    private string Happened(string field, DateOnly date) => date > Today
        ? $"{field}不能晚于今天（{DisplayFormat.Date(Today, Chinese)}）"
        : $"{field}不能早于1990年1月1日";

    private async Task<HttpClient> ClientAsync()
    {
        var client = await App.SignInAsync("tiexi");
        client.DefaultRequestHeaders.Add(ApiClientHeader.Name, ApiClientHeader.Value);
        return client;
    }

    /// <summary>The messages of one field in a 400's ProblemDetails; empty when the field has none.</summary>
    private static async Task<string[]> FieldErrorsAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return [.. problem.GetProperty("errors").EnumerateObject().Where(p => string.Equals(p.Name, field, StringComparison.OrdinalIgnoreCase))
            .SelectMany(p => p.Value.EnumerateArray()).Select(e => e.GetString()!)];
    }

    private async Task<ProjectDetail> NewProjectAsync(HttpClient client)
    {
        var created = await client.PostAsJsonAsync("/api/projects", await App.NewFormAsync());
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        return (await created.Content.ReadFromJsonAsync<ProjectDetail>(Json))!;
    }

    private async Task<ProjectHistory> HistoryAsync(HttpClient client, int id) =>
        (await client.GetFromJsonAsync<ProjectHistory>($"/api/projects/{id}/history", Json))!;

    [Theory]
    [InlineData("0001-01-01")]
    [InlineData("9999-12-31")]
    [InlineData("tomorrow")]
    [InlineData("1989-12-31")]
    public async Task A_date_that_happened_outside_1990_to_today_is_refused_with_the_field_named(string name)
    {
        var bad = Date(name);
        var client = await ClientAsync();
        var project = await NewProjectAsync(client);

        // PUT /api/projects/{id}: the signing date of the form.
        var form = project.ToForm();
        (form.SigningKind, form.SignedOn) = (SigningKind.Contract, bad);
        Assert.Equal([Happened("签约日期", bad)], await FieldErrorsAsync(await client.PutAsJsonAsync($"/api/projects/{project.Id}", form), "SignedOn"));

        // The stage change, each of its three dates in turn (the others good).
        var good = new DateOnly(1990, 1, 1);
        foreach (var (field, label) in new[] { ("SignedOn", "签约日期"), ("StartedOn", "开工日期"), ("InProductionOn", "竣工投产日期") })
        {
            var command = new StageCommand
            {
                ToStage = ProjectStage.InProduction, SigningKind = SigningKind.Contract, Version = project.Version,
                SignedOn = field == "SignedOn" ? bad : good, StartedOn = field == "StartedOn" ? bad : Today, InProductionOn = field == "InProductionOn" ? bad : Today,
            };
            var errors = await FieldErrorsAsync(await client.PostAsJsonAsync($"/api/projects/{project.Id}/stage", command), field);
            Assert.Contains(Happened(label, bad), errors);
        }

        // A milestone's actual date, and its plan where the plan is out of range too (a plan may lie ahead: tomorrow is fine).
        var milestone = await client.PutAsJsonAsync($"/api/projects/{project.Id}/milestones/{Uri.EscapeDataString("立项")}",
            new MilestoneForm { PlannedOn = bad, ActualOn = bad });
        Assert.Equal([Happened("立项实际完成日期", bad)], await FieldErrorsAsync(milestone, "ActualOn"));
        string[] plan = name == "tomorrow" ? [] : [bad < good ? "立项计划日期不能早于1990年1月1日" : "立项计划日期不能晚于2100年12月31日"];
        Assert.Equal(plan, await FieldErrorsAsync(milestone, "PlannedOn"));

        // A progress note.
        var progress = await client.PostAsJsonAsync($"/api/projects/{project.Id}/progress", new ProgressForm { OccurredOn = bad, WhatHappened = "赴深圳对接" });
        Assert.Equal([Happened("日期", bad)], await FieldErrorsAsync(progress, "OccurredOn"));

        // Nothing of it was written.
        var stored = await App.ProjectAsync(project.Id);
        Assert.Equal((ProjectStage.Lead, (DateOnly?)null, project.Version), (stored.Stage, stored.SignedOn, stored.Version));
        var history = await HistoryAsync(client, project.Id);
        Assert.Empty(history.Progress);
        Assert.All(history.Milestones, m => Assert.Equal((null, null, 0), (m.PlannedOn, m.ActualOn, m.Version)));
    }

    [Theory]
    [InlineData("today")]
    [InlineData("1990-01-01")]
    public async Task Today_and_1990_01_01_are_accepted(string name)
    {
        var date = Date(name);
        var client = await ClientAsync();
        var project = await NewProjectAsync(client);

        var form = project.ToForm();
        (form.SigningKind, form.SignedOn) = (SigningKind.Framework, date);
        var updated = await client.PutAsJsonAsync($"/api/projects/{project.Id}", form);
        Assert.Equal(HttpStatusCode.OK, updated.StatusCode);
        var after = (await updated.Content.ReadFromJsonAsync<ProjectDetail>(Json))!;
        Assert.Equal(date, after.SignedOn);

        var staged = await client.PostAsJsonAsync($"/api/projects/{project.Id}/stage", new StageCommand
        {
            ToStage = ProjectStage.InProduction, SigningKind = SigningKind.Contract, SignedOn = date, StartedOn = date, InProductionOn = date, Version = after.Version,
        });
        Assert.Equal(HttpStatusCode.OK, staged.StatusCode);
        var detail = (await staged.Content.ReadFromJsonAsync<ProjectDetail>(Json))!;
        Assert.Equal((ProjectStage.InProduction, date, date, date), (detail.Stage, detail.SignedOn, detail.StartedOn, detail.InProductionOn));

        var milestone = await client.PutAsJsonAsync($"/api/projects/{project.Id}/milestones/{Uri.EscapeDataString("施工许可")}",
            new MilestoneForm { PlannedOn = new DateOnly(2100, 12, 31), ActualOn = date });
        Assert.Equal(HttpStatusCode.OK, milestone.StatusCode);
        var progress = await client.PostAsJsonAsync($"/api/projects/{project.Id}/progress", new ProgressForm { OccurredOn = date, WhatHappened = "开工仪式" });
        Assert.Equal(HttpStatusCode.OK, progress.StatusCode);

        var history = await HistoryAsync(client, project.Id);
        var permit = history.Milestones.Single(m => m.Kind == "施工许可");
        Assert.Equal((new DateOnly(2100, 12, 31), date), (permit.PlannedOn, permit.ActualOn));
        Assert.Equal(date, Assert.Single(history.Progress).OccurredOn);
    }

    [Fact]
    public async Task The_import_lists_each_date_out_of_range_by_row_and_column_and_writes_nothing()
    {
        string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string[] With(params (int Column, string Value)[] cells)
        {
            var row = Row($"DT-{AdminTestSupport.Unique()}");
            foreach (var (column, value) in cells) row[column] = value;
            return row;
        }
        var (signed, started, production) = (10, 11, 12);
        var file = Ledger(
            With((signed, Iso(Today)), (started, Iso(Today)), (production, Iso(Today))),   // row 2: all today, fine
            With((signed, Iso(Today.AddDays(1)))),                                        // 3
            With((signed, "0001-01-01")),                                                 // 4
            With((started, "2025-04-01"), (production, "9999-12-31")),                    // 5
            With((signed, "1989-12-31")),                                                 // 6
            With((signed, "1990-01-01"), (started, Iso(Today.AddDays(1)))));             // 7

        var before = await App.CountsAsync();
        var result = await App.CommitAsync("tiexi", file);
        Assert.False(result.Committed);
        Assert.Equal(before, await App.CountsAsync());
        var today = DisplayFormat.Date(Today, Chinese);
        Assert.Equal(new (int?, string?, string, string)[]
        {
            (3, "签约日期", ImportCodes.DateInFuture, $"日期不能晚于今天（{today}）"),
            (4, "签约日期", ImportCodes.DateTooEarly, "日期不能早于1990年1月1日"),
            (5, "投产日期", ImportCodes.DateInFuture, $"日期不能晚于今天（{today}）"),
            (6, "签约日期", ImportCodes.DateTooEarly, "日期不能早于1990年1月1日"),
            (7, "开工日期", ImportCodes.DateInFuture, $"日期不能晚于今天（{today}）"),
        }, result.Problems.Select(p => (p.Row, p.Column, p.Code, p.Message)));

        var english = await App.AsUserAsync("tiexi", sp =>
        {
            CultureInfo.CurrentUICulture = new CultureInfo("en");
            return sp.GetRequiredService<ProjectImport>().PreviewAsync(new MemoryStream(Ledger(With((signed, Iso(Today.AddDays(1)))))), "ledger.csv");
        });
        Assert.Equal($"The date cannot be later than today ({DisplayFormat.Date(Today, CultureInfo.GetCultureInfo("en"))})", Assert.Single(english.Problems).Message);

        // The bounds themselves import.
        var good = await App.CommitAsync("tiexi", Ledger(
            With((signed, Iso(Today)), (started, Iso(Today)), (production, Iso(Today))), With((signed, "1990-01-01"), (started, "1990-01-01"))));
        Assert.True(good.Committed, string.Join("; ", good.Problems.Select(ImportText.Line)));
    }
}

[Collection("postgres")]
public sealed class PostgresProjectDateTests(PostgresStoppedClockFixture fixture) : ProjectDateTests(fixture), IClassFixture<PostgresStoppedClockFixture>;

public sealed class SqliteProjectDateTests(SqliteStoppedClockFixture fixture) : ProjectDateTests(fixture), IClassFixture<SqliteStoppedClockFixture>;
