using InvestTrack.Features.Imports;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Kernel;
using InvestTrack.Tests;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Imports.ImportTestSupport;

namespace InvestTrack.IntegrationTests.Imports;

/// <summary>Long imports show how far they have come, step by step with row counts, and stop with nothing written until writing starts.</summary>
public abstract class ImportProgressTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    /// <summary>Keeps every report, in order, on the reporting thread (Progress&lt;T&gt; would post them later).</summary>
    private sealed class Recorder(Action<WorkProgress>? also = null) : IProgress<WorkProgress>
    {
        public List<WorkProgress> Reports { get; } = [];

        public void Report(WorkProgress value)
        {
            Reports.Add(value);
            also?.Invoke(value);
        }
    }

    private static byte[] ThreeRows()
    {
        var u = AdminTestSupport.Unique();
        return Ledger(Row($"PG{u}1"), Row($"PG{u}2"), Row($"PG{u}3"));
    }

    [Fact]
    public async Task A_commit_reports_each_step_with_its_row_counts()
    {
        var recorder = new Recorder();
        var before = await App.CountsAsync();
        var result = await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<ProjectImport>().CommitAsync(new MemoryStream(ThreeRows()), "台账.csv", progress: recorder));
        Assert.True(result.Committed, string.Join("; ", result.Problems.Select(p => p.Message)));
        Assert.Equal(
            [
                new WorkProgress("reading", 0), new WorkProgress("reading", 3, 3), new WorkProgress("checking", 0, 3), new WorkProgress("checking", 3, 3),
                new WorkProgress("planning", 0, 3), new WorkProgress("planning", 3, 3), new WorkProgress("writing", 0, 3), new WorkProgress("writing", 3, 3),
            ],
            recorder.Reports);
        Assert.Equal(before.Projects + 3, (await App.CountsAsync()).Projects);
    }

    [Fact]
    public async Task A_preview_never_reaches_writing()
    {
        var recorder = new Recorder();
        await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<ProjectImport>().PreviewAsync(new MemoryStream(ThreeRows()), "台账.csv", progress: recorder));
        Assert.Equal(["reading", "checking", "planning"], recorder.Reports.Select(r => r.Step).Distinct());
    }

    [Theory]
    [InlineData("reading")]
    [InlineData("checking")]
    [InlineData("planning")]
    public async Task Stopping_before_writing_writes_nothing(string stopAt)
    {
        using var stop = new CancellationTokenSource();
        var recorder = new Recorder(p => { if (p.Step == stopAt && p.Done > 0) stop.Cancel(); });
        var before = await App.CountsAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => App.AsUserAsync("tiexi",
            sp => sp.GetRequiredService<ProjectImport>().CommitAsync(new MemoryStream(ThreeRows()), "台账.csv", stop.Token, recorder)));
        Assert.DoesNotContain(recorder.Reports, r => r.Step == "writing");
        Assert.Equal(before, await App.CountsAsync());
    }
}

public sealed class SqliteImportProgressTests(SqliteFixture fixture) : ImportProgressTests(fixture), IClassFixture<SqliteFixture>;

[Collection("postgres")]
public sealed class PostgresImportProgressTests(PostgresFixture fixture) : ImportProgressTests(fixture), IClassFixture<PostgresFixture>;
