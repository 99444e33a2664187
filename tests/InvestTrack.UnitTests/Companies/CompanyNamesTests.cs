using InvestTrack.Features.Companies;

namespace InvestTrack.UnitTests.Companies;

public class CompanyNamesTests
{
    [Theory]
    [InlineData("比亚迪汽车工业有限公司", "比亚迪汽车工业")]
    [InlineData("比亚迪汽车工业有限责任公司", "比亚迪汽车工业")]
    [InlineData(" 比亚迪 汽车工业（集团）股份有限公司 ", "比亚迪汽车工业")]
    [InlineData("比亚迪汽车工业(集团)有限公司", "比亚迪汽车工业")]
    [InlineData("修正药业集团股份有限公司", "修正药业")]
    [InlineData("ＡＢＣ科技有限公司", "abc科技")]
    [InlineData("Hyundai Mobis Co., Ltd.", "hyundaimobis")]
    [InlineData("京东·物流、股份有限公司。", "京东物流")]
    public void Names_are_normalized(string name, string key) => Assert.Equal(key, CompanyNames.Key(name));

    [Fact]
    public void A_name_that_is_only_a_suffix_is_not_stripped_to_nothing()
    {
        Assert.Equal("集团", CompanyNames.Key("集团有限公司"));
        Assert.Equal("", CompanyNames.Key("  "));
    }

    [Theory]
    [InlineData("新能源科技", "新能源科技", 0)]
    [InlineData("新能源科技", "新能源技术", 2)]
    [InlineData("四平新能源科技", "四平新能源科", 1)]
    [InlineData("四平新能源科技", "长春新材料集团", 3)]
    [InlineData("abc", "abcdef", 3)]
    public void Distance_is_exact_up_to_the_bound(string a, string b, int expected) => Assert.Equal(expected, CompanyNames.Distance(a, b, 2));
}
