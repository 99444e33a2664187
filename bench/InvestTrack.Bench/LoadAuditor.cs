using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;

namespace InvestTrack.Bench;

/// <summary>
/// The data condition "while funds are being audited at one a second": a city user takes pending records from the audit
/// queue (GET /api/funds/queue, the newest month first, so the audited funds fall in the measured year) and audits one
/// every second through POST /api/funds/{id}/audit, without waiting for the previous one: a slow audit does not slow the
/// rate. Every audit changes the figures that the readers ask for.
/// </summary>
public sealed class LoadAuditor(HttpClient http, LoadSession city)
{
    private readonly Queue<(long Id, int Version)> _pending = new();
    private readonly HashSet<long> _taken = [];
    private readonly List<Task> _inFlight = [];
    private readonly List<double> _times = [];
    private readonly Dictionary<string, int> _errors = new(StringComparer.Ordinal);
    private int _sent;

    public int Sent => _sent;
    public int Ok { get { lock (_times) return _times.Count; } }
    public IReadOnlyDictionary<string, int> Errors { get { lock (_times) return new Dictionary<string, int>(_errors); } }

    /// <summary>The audits' own times, sorted (ms).</summary>
    public double[] Times()
    {
        lock (_times) return [.. _times.Order()];
    }

    /// <summary>Audits one record a second until <paramref name="ct"/> ends; then waits for the audits still under way.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        lock (_times)
        {
            _sent = 0;
            _times.Clear();
            _errors.Clear();
        }
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1));
        try
        {
            do
            {
                if (_pending.Count == 0) await RefillAsync(ct);
                if (_pending.Count == 0) throw new InvalidOperationException("the audit queue is empty: no pending funds records to audit");
                var (id, version) = _pending.Dequeue();
                _sent++;
                _inFlight.Add(AuditAsync(id, version));
            }
            while (await timer.WaitForNextTickAsync(ct));
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested) { }
        await Task.WhenAll(_inFlight);
        _inFlight.Clear();
    }

    /// <summary>Fills the queue before a run, so that the first audit leaves on time.</summary>
    public Task PrepareAsync(CancellationToken ct) => _pending.Count > 0 ? Task.CompletedTask : RefillAsync(ct);

    private async Task RefillAsync(CancellationToken ct)
    {
        using var response = await city.SendAsync(http, HttpMethod.Get, "/api/funds/queue?pageSize=200", null, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"the audit queue answered {(int)response.StatusCode}: {body}");
        using var page = JsonDocument.Parse(body);
        foreach (var row in page.RootElement.GetProperty("rows").EnumerateArray())
        {
            var id = row.GetProperty("id").GetInt64();
            // An audit still under way leaves its record in the queue a moment longer.
            if (_taken.Add(id)) _pending.Enqueue((id, row.GetProperty("version").GetInt32()));
        }
    }

    private async Task AuditAsync(long id, int version)
    {
        var clock = Stopwatch.StartNew();
        string? error;
        try
        {
            using var response = await city.SendAsync(http, HttpMethod.Post, $"/api/funds/{id}/audit", JsonContent.Create(new { version }), CancellationToken.None);
            var body = await response.Content.ReadAsStringAsync();
            error = response.IsSuccessStatusCode && body.Contains($"\"id\":{id}", StringComparison.Ordinal) ? null : $"HTTP {(int)response.StatusCode}";
        }
        catch (HttpRequestException e)
        {
            error = $"network: {e.HttpRequestError}";
        }
        catch (TaskCanceledException)
        {
            error = "timeout";
        }
        lock (_times)
        {
            if (error is null) _times.Add(clock.Elapsed.TotalMilliseconds);
            else _errors[error] = _errors.GetValueOrDefault(error) + 1;
        }
    }
}
