using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace InvestTrack.IntegrationTests.Statistics;

/// <summary>
/// The SQL that EF Core sends while some work runs, read from its diagnostic events: only the commands of that work's
/// own asynchronous flow (parallel contexts included), never those of tests running beside it.
/// </summary>
internal sealed partial class CommandCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    private static readonly AsyncLocal<CommandCapture?> Current = new();
    private readonly ConcurrentQueue<string> _commands = new();
    private readonly List<IDisposable> _subscriptions = [];

    private CommandCapture() => _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));

    /// <summary>The tables named after FROM or JOIN in the commands of <paramref name="work"/>.</summary>
    public static async Task<HashSet<string>> TablesReadAsync(Func<Task> work)
    {
        using var capture = new CommandCapture();
        Current.Value = capture;
        try
        {
            await work();
        }
        finally
        {
            Current.Value = null;
        }
        Assert.NotEmpty(capture._commands);
        return [.. capture._commands.SelectMany(c => TableName().Matches(c)).Select(m => m.Groups["table"].Value)];
    }

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
            lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuting.Name && value.Value is CommandEventData data && Current.Value == this)
            _commands.Enqueue(data.Command.CommandText);
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        lock (_subscriptions)
            foreach (var subscription in _subscriptions) subscription.Dispose();
    }

    [GeneratedRegex("""(?:FROM|JOIN)\s+"(?<table>[A-Za-z]+)"\s""")]
    private static partial Regex TableName();
}
