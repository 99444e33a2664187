using InvestTrack.Infrastructure.CommandLine;
using InvestTrack.Kernel;

namespace InvestTrack.UnitTests.CommandLine;

/// <summary>The command line's progress: a bar that redraws itself on a terminal, a few plain lines in a log.</summary>
public sealed class ConsoleProgressTests
{
    private static readonly Dictionary<string, string> Names = new() { ["projects"] = "项目 projects", ["funds"] = "资金 funds" };

    private static string Run(bool terminal)
    {
        var output = new StringWriter();
        var progress = new ConsoleProgress(output, terminal, Names);
        for (var i = 0; i <= 1000; i += 10) progress.Report(new WorkProgress("projects", i, 1000));
        progress.Report(new WorkProgress("funds", 0, 0));
        progress.Report(new WorkProgress("funds", 0, 0));
        progress.Finish();
        return output.ToString();
    }

    [Fact]
    public void A_log_gets_a_line_per_step_and_per_tenth_never_a_carriage_return()
    {
        var lines = Run(terminal: false).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain('\r', string.Concat(lines));
        Assert.Equal(12, lines.Length);
        Assert.Equal("项目 projects: 0/1,000 (0%)", lines[0]);
        Assert.Equal("项目 projects: 500/1,000 (50%)", lines[5]);
        Assert.Equal("项目 projects: 1,000/1,000 (100%)", lines[10]);
        Assert.Equal("资金 funds: 0/0", lines[11]);
    }

    [Fact]
    public void A_terminal_gets_one_redrawn_bar_per_step()
    {
        var text = Run(terminal: true);
        Assert.Equal(2, text.Count(c => c == '\n'));
        Assert.Contains("\r项目 projects", text, StringComparison.Ordinal);
        Assert.Contains("[" + new string('█', 30) + "] 100% 1,000/1,000", text, StringComparison.Ordinal);
        Assert.Contains("[" + new string('█', 15) + new string('░', 15) + "]  50% 500/1,000", text, StringComparison.Ordinal);
        Assert.EndsWith("\n", text, StringComparison.Ordinal);
    }
}
