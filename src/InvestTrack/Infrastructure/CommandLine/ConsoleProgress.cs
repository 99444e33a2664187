using System.Globalization;
using InvestTrack.Kernel;

namespace InvestTrack.Infrastructure.CommandLine;

/// <summary>
/// Progress of a verb on the command line. On a terminal one line redraws itself as a bar; when the output goes to a
/// file or a CI log, each step and every tenth of the way is a plain line of its own, so the log shows that work goes on
/// without filling up with bar frames.
/// </summary>
public sealed class ConsoleProgress(TextWriter output, bool terminal, IReadOnlyDictionary<string, string> stepNames) : IProgress<WorkProgress>
{
    private const int BarWidth = 30;
    private string? _step;
    private int _lastTenth = -1;
    private bool _barOpen;

    public static ConsoleProgress ForConsole(IReadOnlyDictionary<string, string> stepNames) =>
        new(Console.Out, !Console.IsOutputRedirected, stepNames);

    public void Report(WorkProgress value)
    {
        var name = stepNames.GetValueOrDefault(value.Step, value.Step);
        var counts = value.Total is { } total
            ? $"{value.Done.ToString("N0", CultureInfo.InvariantCulture)}/{total.ToString("N0", CultureInfo.InvariantCulture)}"
            : value.Done.ToString("N0", CultureInfo.InvariantCulture);
        if (terminal)
        {
            var filled = value.Percent is { } p ? (int)Math.Round(p / 100 * BarWidth) : 0;
            var bar = value.Percent is null ? new string('·', BarWidth) : new string('█', filled) + new string('░', BarWidth - filled);
            var percent = value.Percent is { } q ? $"{q,3:0}%" : "    ";
            // A finished step keeps its line; the next step draws below it.
            if (_step is not null && value.Step != _step) output.WriteLine();
            output.Write($"\r{name,-16} [{bar}] {percent} {counts}   ");
            _barOpen = true;
            _step = value.Step;
            return;
        }
        var tenth = value.Percent is { } pc ? (int)(pc / 10) : -1;
        if (value.Step == _step && tenth <= _lastTenth) return;
        _step = value.Step;
        _lastTenth = tenth;
        output.WriteLine(value.Percent is { } pct ? $"{name}: {counts} ({pct:0}%)" : $"{name}: {counts}");
    }

    /// <summary>Ends the bar's line on a terminal, so what follows starts on a line of its own.</summary>
    public void Finish()
    {
        if (_barOpen) output.WriteLine();
        _barOpen = false;
    }
}
