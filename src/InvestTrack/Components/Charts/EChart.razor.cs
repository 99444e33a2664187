using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;

namespace InvestTrack.Components.Charts;

/// <summary>
/// An Apache ECharts chart (wwwroot/js/charts.js). Give it a new <see cref="ChartOption"/> instance to redraw:
/// options are compared by reference, so re-rendering the parent with the same instance costs nothing.
/// </summary>
public sealed partial class EChart : IAsyncDisposable
{
    private ElementReference _element;
    private IJSObjectReference? _module;
    private DotNetObjectReference<EChart>? _self;
    private ChartOption? _rendered;
    private bool _disposed;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    [Inject] private ILogger<EChart> Logger { get; set; } = default!;

    [Parameter, EditorRequired] public ChartOption Option { get; set; } = default!;

    [Parameter] public string Height { get; set; } = "320px";

    [Parameter] public EventCallback<ChartClick> OnClick { get; set; }

    [Parameter] public string? TestId { get; set; }

    [Parameter] public string? AriaLabel { get; set; }

    /// <summary>An ECharts built-in theme ("dark" for the leaders' screen); read when the chart is first drawn.</summary>
    [Parameter] public string? Theme { get; set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (_disposed || Option is null || ReferenceEquals(Option, _rendered)) return;
        _rendered = Option;
        try
        {
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "./js/charts.js");
            _self ??= DotNetObjectReference.Create(this);
            await _module.InvokeVoidAsync("render", _element, Option.ToJson(), OnClick.HasDelegate ? _self : null, Theme);
        }
        catch (JSDisconnectedException)
        {
            // The circuit closed while drawing: there is no page left to draw on.
        }
        catch (JSException e)
        {
            // A chart that cannot draw (library not loaded) must not take the rest of the page down with it.
            Logger.LogWarning(e, "chart {TestId} could not be drawn", TestId);
        }
    }

    [JSInvokable]
    public Task OnChartClick(int seriesIndex, int dataIndex, string name) =>
        OnClick.InvokeAsync(new ChartClick(seriesIndex, dataIndex, name));

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        try
        {
            if (_module is not null)
            {
                await _module.InvokeVoidAsync("dispose", _element);
                await _module.DisposeAsync();
            }
        }
        catch (JSDisconnectedException)
        {
            // Nothing to clean up in a browser that is gone.
        }
        _self?.Dispose();
    }
}
