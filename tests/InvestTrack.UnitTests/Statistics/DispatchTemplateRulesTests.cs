using InvestTrack.Features.Statistics;

namespace InvestTrack.UnitTests.Statistics;

public class DispatchTemplateRulesTests
{
    [Theory]
    [InlineData(128, 64L, "超年初计划64个")]
    [InlineData(1, 0L, "超年初计划1个")]
    [InlineData(10, 10L, "完成年初计划")]
    [InlineData(0, 0L, "完成年初计划")]
    [InlineData(7, 10L, "距年初计划尚差3个")]
    [InlineData(0, 5L, "距年初计划尚差5个")]
    public void Starts_against_the_plan(long actual, long plan, string wording) => Assert.Equal(wording, PlanWording.Against(actual, plan));

    [Fact]
    public void Nothing_is_said_without_a_plan() => Assert.Null(PlanWording.Against(12, null));

    [Fact]
    public void The_saved_wording_wins_then_configuration_then_the_contract()
    {
        var configured = new StatisticsOptions { DispatchTemplate = "配置：{期间}" };
        Assert.Equal("保存：{范围}", DispatchTemplates.Effective("保存：{范围}", configured));
        Assert.Equal("配置：{期间}", DispatchTemplates.Effective(null, configured));
        Assert.Equal("配置：{期间}", DispatchTemplates.Effective("  ", configured));
        Assert.Equal(DispatchText.DefaultTemplate, DispatchTemplates.Effective(null, new StatisticsOptions()));
    }

    [Fact]
    public void A_saved_wording_that_no_longer_passes_the_check_falls_back()
    {
        Assert.Equal(DispatchText.DefaultTemplate, DispatchTemplates.Effective("{已删除的占位符}", new StatisticsOptions()));
        Assert.Equal(DispatchText.DefaultTemplate, DispatchTemplates.Effective("{期间", new StatisticsOptions()));
    }

    [Fact]
    public void Every_placeholder_has_a_meaning() =>
        Assert.All(DispatchText.Placeholders, p => Assert.False(string.IsNullOrWhiteSpace(DispatchText.Meanings[p])));

    [Fact]
    public void Script_in_a_template_is_plain_text_in_the_paragraph()
    {
        var values = DispatchText.Placeholders.ToDictionary(p => p, p => p == "期间" ? "1月至8月" : "x");
        Assert.Equal("<script>alert(1)</script>1月至8月", ParagraphTemplate.Render("<script>alert(1)</script>{期间}", values));
    }
}
