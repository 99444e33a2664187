using System.Net;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Kernel;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Exports;

/// <summary>
/// Issue 13, item 11: a large export made in the page (Components/ExportButton, LargeExport) is the GET export's file, cell
/// for cell, and is audited exactly as the GET export is; its progress rises row by row to the total; stopped half way it
/// writes no audit entry. The projects list and the funds ledger, as city staff (every unit), on both providers.
/// </summary>
public abstract class LargeExportTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    /// <summary>Reports as they are made, in order.</summary>
    private sealed class Reports(CancellationTokenSource? stopAfterFirst = null) : IProgress<WorkProgress>
    {
        public List<WorkProgress> Seen { get; } = [];

        public void Report(WorkProgress value)
        {
            Seen.Add(value);
            stopAfterFirst?.Cancel();
        }
    }

    private Task<List<string>> ExportEntriesAsync(string objectType) => App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
        .Where(e => e.Action == "Export" && e.ObjectType == objectType && e.UserName == "city").OrderBy(e => e.Id).Select(e => e.NewValues ?? "").ToListAsync());

    /// <summary>An entry's details without the file's name, whose stamp is the minute it was made.</summary>
    private static string WithoutFile(string details)
    {
        var fields = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(details)!;
        fields.Remove("file");
        return JsonSerializer.Serialize(fields);
    }

    private static IEnumerable<IEnumerable<string?>> Cells(byte[] xlsx) => XlsxProbe.Sheet(xlsx).Rows.Select(r => r.Select(c => c?.Value));

    private async Task AssertLikeTheGetExportAsync(string objectType, string url, Func<IServiceProvider, CancellationToken, Task<PreparedExport>> prepare)
    {
        var city = await App.SignInAsync("city");
        var response = await city.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var byGet = await response.Content.ReadAsByteArrayAsync();
        var getEntry = (await ExportEntriesAsync(objectType))[^1];

        // In the page: the same cells, the progress rising to the total, the same audit entry.
        var reports = new Reports();
        var (bytes, rows) = await App.AsUserAsync("city", async sp =>
        {
            var export = await prepare(sp, CancellationToken.None);
            return (await LargeExport.MakeAsync(export, reports, CancellationToken.None), export.Rows);
        });
        Assert.True(rows > 10, $"only {rows} rows: is the demo city empty?");
        Assert.Equal(Cells(byGet), Cells(bytes));
        Assert.Equal(rows + 1, XlsxProbe.Sheet(bytes).Rows.Count);
        Assert.NotEmpty(reports.Seen);
        Assert.All(reports.Seen, r => Assert.Equal(("writing", rows), (r.Step, r.Total!.Value)));
        Assert.Equal(reports.Seen.Select(r => r.Done).Order(), reports.Seen.Select(r => r.Done));
        Assert.Equal(rows, reports.Seen[^1].Done);
        var entries = await ExportEntriesAsync(objectType);
        Assert.Equal(WithoutFile(getEntry), WithoutFile(entries[^1]));

        // Stopped at its first report: no file, no entry.
        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => App.AsUserAsync("city", async sp =>
            await LargeExport.MakeAsync(await prepare(sp, stop.Token), new Reports(stop), stop.Token)));
        Assert.Equal(entries.Count, (await ExportEntriesAsync(objectType)).Count);
    }

    [Fact]
    public Task The_projects_list_in_the_page_is_the_get_export_audited_alike() =>
        AssertLikeTheGetExportAsync("Project", "/projects/export.xlsx?status=Active", async (sp, ct) =>
        {
            await using var db = sp.GetRequiredService<IReadDbContextFactory>().CreateDbContext();
            return await ProjectExport.PrepareAsync(db, sp.GetRequiredService<AuditLog>(), sp.GetRequiredService<TimeProvider>(),
                new ProjectFilter(Status: ProjectStatus.Active), "xlsx", ct);
        });

    [Fact]
    public Task The_funds_ledger_in_the_page_is_the_get_export_audited_alike() =>
        AssertLikeTheGetExportAsync(nameof(FundsRecord), "/api/funds/export?from=2020-01", (sp, ct) =>
            sp.GetRequiredService<FundsExport>().PrepareAsync(new FundsFilter(From: FundsRecord.PeriodOf(2020, 1), PageSize: FundsExport.MaxRows), ct));
}

[Collection("postgres")]
public sealed class PostgresLargeExportTests(PostgresFixture fixture) : LargeExportTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteLargeExportTests(SqliteFixture fixture) : LargeExportTests(fixture), IClassFixture<SqliteFixture>;
