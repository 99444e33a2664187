using System.Text.Json;
using System.Text.Json.Nodes;

namespace InvestTrack.Components.Charts;

/// <summary>
/// An ECharts option built on the server as plain JSON data. Nothing in it is ever evaluated as code in the
/// browser: labels and formatters are ECharts template strings only, so a project name cannot become script.
/// Instances are immutable; <c>EChart</c> re-renders when it is given a different instance.
/// </summary>
public sealed class ChartOption
{
    // Government blue and red first, then calmer tones that stay distinct for colour-blind readers.
    internal static readonly string[] Palette =
        ["#1f4e9c", "#c8102e", "#4a90d9", "#e8833a", "#2e8b57", "#d4a017", "#7a5195", "#5a6f8c"];

    private readonly JsonObject _json;
    private readonly string? _valueAxis; // "xAxis" or "yAxis"; none for a funnel

    private ChartOption(JsonObject json, IReadOnlyList<string> categories, string? valueAxis)
    {
        _json = json;
        Categories = categories;
        _valueAxis = valueAxis;
    }

    /// <summary>The categories in the order the chart holds them: <see cref="ChartClick.DataIndex"/> points into this list.</summary>
    public IReadOnlyList<string> Categories { get; }

    /// <summary>Vertical bars, one group per category.</summary>
    public static ChartOption Bars(IReadOnlyList<string> categories, params ChartSeries[] series) =>
        Cartesian(categories, series.Select(s => (s, "bar", 0)).ToList(), horizontal: false, rightAxis: false);

    /// <summary>Lines over the categories (months), one line per series.</summary>
    public static ChartOption Lines(IReadOnlyList<string> categories, params ChartSeries[] series) =>
        Cartesian(categories, series.Select(s => (s, "line", 0)).ToList(), horizontal: false, rightAxis: false);

    /// <summary>
    /// Bars and lines over the same months, e.g. this year and last year as bars and the cumulative total as a
    /// line. With <paramref name="lineAxisName"/> the lines get their own axis on the right (e.g. "%").
    /// </summary>
    public static ChartOption BarsAndLines(
        IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> bars, IReadOnlyList<ChartSeries> lines, string? lineAxisName = null)
    {
        var axis = lineAxisName is null ? 0 : 1;
        var option = Cartesian(categories,
            [.. bars.Select(s => (s, "bar", 0)), .. lines.Select(s => (s, "line", axis))], horizontal: false, rightAxis: axis == 1);
        if (lineAxisName is not null) option._json["yAxis"]![1]!["name"] = lineAxisName;
        return option;
    }

    /// <summary>
    /// A ranked list: categories sorted by the first series, largest at the top (ties keep their given order).
    /// </summary>
    public static ChartOption HorizontalBars(IReadOnlyList<string> categories, params ChartSeries[] series)
    {
        ArgumentOutOfRangeException.ThrowIfZero(series.Length);
        CheckLengths(categories, series);
        var order = Enumerable.Range(0, categories.Count)
            .OrderByDescending(i => series[0].Values[i] ?? decimal.MinValue)
            .ToArray();
        var sorted = series.Select(s => s with { Values = order.Select(i => s.Values[i]).ToArray() }).ToArray();
        return Cartesian(order.Select(i => categories[i]).ToArray(), sorted.Select(s => (s, "bar", 0)).ToList(),
            horizontal: true, rightAxis: false);
    }

    /// <summary>Horizontal bars in the given order, the first at the top (a process's stages, not a ranking).</summary>
    public static ChartOption HorizontalBarsInOrder(IReadOnlyList<string> categories, params ChartSeries[] series) =>
        Cartesian(categories, series.Select(s => (s, "bar", 0)).ToList(), horizontal: true, rightAxis: false);

    /// <summary>A funnel over stages in the given order (e.g. 在谈 → 签约 → 开工 → 投产): the order is the process, not the size.</summary>
    public static ChartOption Funnel(IReadOnlyList<(string Name, decimal Value)> stages, string seriesName = "")
    {
        var data = new JsonArray(stages.Select(s => (JsonNode)new JsonObject { ["name"] = s.Name, ["value"] = s.Value }).ToArray());
        var json = Base(tooltipTrigger: "item");
        json["series"] = new JsonArray(new JsonObject
        {
            ["type"] = "funnel",
            ["name"] = seriesName,
            ["sort"] = "none",
            ["gap"] = 2,
            ["left"] = "10%",
            ["width"] = "80%",
            ["minSize"] = "20%",
            ["label"] = new JsonObject { ["show"] = true, ["position"] = "inside", ["formatter"] = "{b}\n{c}" },
            ["data"] = data,
        });
        return new ChartOption(json, stages.Select(s => s.Name).ToArray(), valueAxis: null);
    }

    /// <summary>Names the value axis (the unit, e.g. "亿元").</summary>
    public ChartOption WithValueAxisName(string name)
    {
        if (_valueAxis is null) return this;
        var json = (JsonObject)_json.DeepClone();
        json[_valueAxis]![0]!["name"] = name;
        return new ChartOption(json, Categories, _valueAxis);
    }

    /// <summary>
    /// Values shown with this many decimals in labels and tooltips (52.70, not 52.7): JSON numbers lose trailing
    /// zeros, so charts.js formats them; the option carries only the count, never code.
    /// </summary>
    public ChartOption WithValueDecimals(int decimals)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(decimals);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(decimals, 6);
        var json = (JsonObject)_json.DeepClone();
        json[DecimalsKey] = decimals;
        return new ChartOption(json, Categories, _valueAxis);
    }

    /// <summary>Not an ECharts property: charts.js reads it and removes it before rendering.</summary>
    internal const string DecimalsKey = "valueDecimals";

    /// <summary>The option as ECharts JSON (camelCase property names, numbers as JSON numbers).</summary>
    public string ToJson() => _json.ToJsonString(JsonOptions);

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = false };

    private static ChartOption Cartesian(
        IReadOnlyList<string> categories, IReadOnlyList<(ChartSeries Series, string Type, int Axis)> series, bool horizontal, bool rightAxis)
    {
        CheckLengths(categories, series.Select(s => s.Series).ToArray());
        var json = Base(tooltipTrigger: "axis");
        json["tooltip"]!["axisPointer"] = new JsonObject { ["type"] = horizontal ? "shadow" : "line" };
        if (series.Count > 1) json["legend"] = new JsonObject { ["top"] = 0, ["type"] = "scroll" };
        // ECharts 6's form of containLabel: the grid box holds the axis labels and also the axis names (units),
        // which the legacy containLabel left to overflow the chart.
        json["grid"] = new JsonObject
        {
            // A horizontal bar's value label sits right of the bar: the grid leaves it room, or the largest is cut at the edge.
            ["left"] = 8, ["right"] = horizontal ? 56 : 16, ["bottom"] = 8, ["top"] = series.Count > 1 ? 36 : 8,
            ["outerBoundsMode"] = "same", ["outerBoundsContain"] = "all",
        };

        var categoryAxis = new JsonObject
        {
            ["type"] = "category",
            ["data"] = new JsonArray(categories.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
            ["axisTick"] = new JsonObject { ["alignWithLabel"] = true },
            ["axisLabel"] = horizontal
                // Long company names: cut rather than push the bars off the chart.
                ? new JsonObject { ["width"] = 160, ["overflow"] = "truncate" }
                : new JsonObject { ["interval"] = 0, ["rotate"] = categories.Count > 8 ? 30 : 0 },
        };
        // ECharts draws the first category at the bottom of a vertical axis: inverse puts the largest at the top.
        if (horizontal) categoryAxis["inverse"] = true;
        var valueAxes = new JsonArray(ValueAxis());
        if (rightAxis) valueAxes.Add(ValueAxis(splitLine: false));

        json[horizontal ? "yAxis" : "xAxis"] = categoryAxis;
        json[horizontal ? "xAxis" : "yAxis"] = valueAxes;
        json["series"] = new JsonArray(series.Select(s => (JsonNode)SeriesJson(s.Series, s.Type, s.Axis, horizontal)).ToArray());
        return new ChartOption(json, categories.ToArray(), horizontal ? "xAxis" : "yAxis");
    }

    private static JsonObject SeriesJson(ChartSeries series, string type, int axis, bool horizontal)
    {
        var json = new JsonObject
        {
            ["type"] = type,
            ["name"] = series.Name,
            ["data"] = new JsonArray(series.Values.Select(v => (JsonNode?)(v is null ? null : JsonValue.Create(v.Value))).ToArray()),
        };
        if (axis != 0) json["yAxisIndex"] = axis;
        if (type == "line")
        {
            json["smooth"] = false;
            json["symbolSize"] = 6;
            json["connectNulls"] = false;
        }
        else
        {
            json["barMaxWidth"] = 36;
            if (horizontal) json["label"] = new JsonObject { ["show"] = true, ["position"] = "right" };
        }
        return json;
    }

    private static JsonObject ValueAxis(bool splitLine = true) => new()
    {
        ["type"] = "value",
        ["splitLine"] = new JsonObject { ["show"] = splitLine, ["lineStyle"] = new JsonObject { ["type"] = "dashed" } },
    };

    private static JsonObject Base(string tooltipTrigger) => new()
    {
        ["color"] = new JsonArray(Palette.Select(c => (JsonNode)JsonValue.Create(c)).ToArray()),
        ["tooltip"] = new JsonObject { ["trigger"] = tooltipTrigger, ["confine"] = true },
    };

    private static void CheckLengths(IReadOnlyList<string> categories, IReadOnlyList<ChartSeries> series)
    {
        foreach (var s in series)
            if (s.Values.Count != categories.Count)
                throw new ArgumentException($"series '{s.Name}' has {s.Values.Count} values for {categories.Count} categories", nameof(series));
    }
}
