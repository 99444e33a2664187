using System.Text.Json;
using InvestTrack.Components.Charts;

namespace InvestTrack.UnitTests.Charts;

public class ChartOptionTests
{
    private static readonly string[] Months = ["1月", "2月", "3月"];

    private static JsonElement Parse(ChartOption option) => JsonDocument.Parse(option.ToJson()).RootElement;

    private static string[] Strings(JsonElement array) => array.EnumerateArray().Select(e => e.GetString()!).ToArray();

    private static decimal?[] Numbers(JsonElement array) =>
        array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.Null ? (decimal?)null : e.GetDecimal()).ToArray();

    [Fact]
    public void Bars_put_categories_on_x_and_keep_exact_values()
    {
        var json = Parse(ChartOption.Bars(Months, ChartSeries.Of("签约额", 1.25m, 0m, 12.50m)));

        Assert.Equal("category", json.GetProperty("xAxis").GetProperty("type").GetString());
        Assert.Equal(Months, Strings(json.GetProperty("xAxis").GetProperty("data")));
        Assert.Equal("value", json.GetProperty("yAxis")[0].GetProperty("type").GetString());
        var series = json.GetProperty("series").EnumerateArray().Single();
        Assert.Equal(("bar", "签约额"), (series.GetProperty("type").GetString(), series.GetProperty("name").GetString()));
        Assert.Equal([1.25m, 0m, 12.50m], Numbers(series.GetProperty("data")));
        Assert.Equal(JsonValueKind.Number, series.GetProperty("data")[0].ValueKind);
    }

    [Fact]
    public void Common_parts_tooltip_grid_palette_and_legend_only_for_several_series()
    {
        var one = Parse(ChartOption.Bars(Months, ChartSeries.Of("今年", 1m, 2m, 3m)));
        var two = Parse(ChartOption.Lines(Months, ChartSeries.Of("今年", 1m, 2m, 3m), ChartSeries.Of("去年", 1m, 1m, 1m)));

        Assert.Equal("axis", one.GetProperty("tooltip").GetProperty("trigger").GetString());
        Assert.Equal(("same", "all"), (one.GetProperty("grid").GetProperty("outerBoundsMode").GetString(),
            one.GetProperty("grid").GetProperty("outerBoundsContain").GetString()));
        Assert.Equal("#1f4e9c", one.GetProperty("color")[0].GetString());
        Assert.False(one.TryGetProperty("legend", out _));
        Assert.True(two.TryGetProperty("legend", out _));
        Assert.All(two.GetProperty("series").EnumerateArray(), s => Assert.Equal("line", s.GetProperty("type").GetString()));
    }

    [Fact]
    public void Horizontal_bars_rank_largest_first_with_the_largest_drawn_at_the_top()
    {
        var option = ChartOption.HorizontalBars(["甲区", "乙区", "丙区", "丁区"],
            ChartSeries.Of("到位资金", 3.10m, 12.00m, 0.55m, 3.10m), ChartSeries.Of("去年", 1m, 2m, 3m, 4m));
        var json = Parse(option);

        var axis = json.GetProperty("yAxis");
        Assert.Equal("category", axis.GetProperty("type").GetString());
        Assert.True(axis.GetProperty("inverse").GetBoolean());
        // Ties keep their given order (甲 before 丁); every series follows the ranking of the first.
        Assert.Equal(["乙区", "甲区", "丁区", "丙区"], Strings(axis.GetProperty("data")));
        Assert.Equal(["乙区", "甲区", "丁区", "丙区"], option.Categories);
        Assert.Equal([12.00m, 3.10m, 3.10m, 0.55m], Numbers(json.GetProperty("series")[0].GetProperty("data")));
        Assert.Equal([2m, 1m, 4m, 3m], Numbers(json.GetProperty("series")[1].GetProperty("data")));
        Assert.Equal("value", json.GetProperty("xAxis")[0].GetProperty("type").GetString());
    }

    [Fact]
    public void Bars_and_lines_share_the_months_and_lines_may_get_a_right_axis()
    {
        decimal?[] cumulative = [1m, 3m, null];
        var json = Parse(ChartOption.BarsAndLines(Months,
            [ChartSeries.Of("今年", 1m, 2m, 0m), ChartSeries.Of("去年", 2m, 2m, 2m)],
            [new ChartSeries("增速", cumulative)], lineAxisName: "%"));

        var series = json.GetProperty("series").EnumerateArray().ToArray();
        Assert.Equal(["bar", "bar", "line"], series.Select(s => s.GetProperty("type").GetString()));
        Assert.Equal(1, series[2].GetProperty("yAxisIndex").GetInt32());
        Assert.False(series[0].TryGetProperty("yAxisIndex", out _));
        Assert.Equal([1m, 3m, null], Numbers(series[2].GetProperty("data")));
        Assert.Equal(2, json.GetProperty("yAxis").GetArrayLength());
        Assert.Equal("%", json.GetProperty("yAxis")[1].GetProperty("name").GetString());
    }

    [Fact]
    public void Funnel_keeps_the_stage_order()
    {
        var json = Parse(ChartOption.Funnel([("在谈", 40m), ("签约", 55m), ("开工", 12.5m)], "项目数"));

        var series = json.GetProperty("series")[0];
        Assert.Equal(("funnel", "none"), (series.GetProperty("type").GetString(), series.GetProperty("sort").GetString()));
        var data = series.GetProperty("data").EnumerateArray().ToArray();
        Assert.Equal(["在谈", "签约", "开工"], data.Select(d => d.GetProperty("name").GetString()));
        Assert.Equal([40m, 55m, 12.5m], data.Select(d => d.GetProperty("value").GetDecimal()));
        Assert.Equal("item", json.GetProperty("tooltip").GetProperty("trigger").GetString());
    }

    [Fact]
    public void Stage_bars_keep_the_pipelines_order_first_at_the_top_with_room_for_their_labels()
    {
        var json = Parse(ChartOption.HorizontalBarsInOrder(["线索", "洽谈", "签约"], ChartSeries.Of("项目数", 3m, 9m, 5m)));

        var axis = json.GetProperty("yAxis");
        Assert.Equal(["线索", "洽谈", "签约"], axis.GetProperty("data").EnumerateArray().Select(c => c.GetString()));
        Assert.True(axis.GetProperty("inverse").GetBoolean());
        Assert.Equal([3m, 9m, 5m], Numbers(json.GetProperty("series")[0].GetProperty("data")));
        // The value label right of the longest bar stays inside the chart.
        Assert.True(json.GetProperty("grid").GetProperty("right").GetInt32() >= 48);
        Assert.Equal(("right", "truncate"), (json.GetProperty("series")[0].GetProperty("label").GetProperty("position").GetString(),
            axis.GetProperty("axisLabel").GetProperty("overflow").GetString()));
    }

    [Fact]
    public void Value_axis_name_goes_on_the_value_axis_and_leaves_the_original_unchanged()
    {
        var bars = ChartOption.Bars(Months, ChartSeries.Of("签约额", 1m, 2m, 3m));
        var named = bars.WithValueAxisName("亿元");
        var ranked = ChartOption.HorizontalBars(Months, ChartSeries.Of("签约额", 1m, 2m, 3m)).WithValueAxisName("亿元");

        Assert.Equal("亿元", Parse(named).GetProperty("yAxis")[0].GetProperty("name").GetString());
        Assert.False(Parse(bars).GetProperty("yAxis")[0].TryGetProperty("name", out _));
        Assert.Equal("亿元", Parse(ranked).GetProperty("xAxis")[0].GetProperty("name").GetString());
    }

    [Fact]
    public void Value_decimals_travel_as_a_count_for_charts_js_and_leave_the_original_unchanged()
    {
        var ranked = ChartOption.HorizontalBars(Months, ChartSeries.Of("到位资金", 52.7m, 1m, 3.05m));
        var fixedTwo = ranked.WithValueDecimals(2);

        Assert.Equal(2, Parse(fixedTwo).GetProperty("valueDecimals").GetInt32());
        Assert.False(Parse(ranked).TryGetProperty("valueDecimals", out _));
        Assert.Equal(ranked.Categories, fixedTwo.Categories);
        Assert.Throws<ArgumentOutOfRangeException>(() => ranked.WithValueDecimals(-1));
        Assert.Throws<ArgumentOutOfRangeException>(() => ranked.WithValueDecimals(7));
    }

    [Fact]
    public void Names_are_data_not_markup_or_code()
    {
        const string name = "<img src=x onerror=alert(1)>\"});alert(1)//";
        var option = ChartOption.Bars([name], ChartSeries.Of(name, 1m));

        var json = Parse(option);
        Assert.Equal(name, json.GetProperty("xAxis").GetProperty("data")[0].GetString());
        Assert.Equal(name, json.GetProperty("series")[0].GetProperty("name").GetString());
        Assert.DoesNotContain("<img", option.ToJson()); // escaped in the JSON text as well
    }

    [Fact]
    public void A_series_of_the_wrong_length_is_refused()
    {
        Assert.Throws<ArgumentException>(() => ChartOption.Bars(Months, ChartSeries.Of("今年", 1m, 2m)));
        Assert.Throws<ArgumentException>(() => ChartOption.HorizontalBars(Months, ChartSeries.Of("今年", 1m)));
    }
}
