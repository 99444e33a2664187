using InvestTrack.Features.Activities;
using InvestTrack.Features.ReferenceData;

namespace InvestTrack.UnitTests.Activities;

/// <summary>The 目的地 and 对接对象 cells of the 活动 sheet (import.md), against the whole reference data.</summary>
public class ActivityTextTests
{
    private static readonly Places Jilin = Places.FromFiles("220000");

    public static TheoryData<string, string, string> EveryProvinceLevelName()
    {
        var data = new TheoryData<string, string, string>();
        foreach (var r in ReferenceDataFiles.Regions())
        {
            data.Add(r.Name, r.Code, r.Kind.ToString());
            data.Add(r.ShortName, r.Code, r.Kind.ToString());
        }
        return data;
    }

    /// <summary>
    /// Every province-level name, full and short, is a 地区. A municipality is its own city; 香港, 澳门 and 台湾 list no
    /// cities in the reference data, so they are a 地区 and no 城市.
    /// </summary>
    [Theory]
    [MemberData(nameof(EveryProvinceLevelName))]
    public void Every_province_level_name_is_a_destination(string name, string code, string kind)
    {
        var (d, problem) = ActivityText.Destination(Jilin, name);
        Assert.Equal(EntryProblem.None, problem);
        Assert.Equal(code, d!.ProvinceCode);
        Assert.Equal(kind == nameof(RegionKind.Municipality) ? code : null, d.CityCode);
        Assert.Equal(ReferenceDataFiles.Regions().Single(r => r.Code == code).Name, d.Display);
    }

    public static TheoryData<string, string> EveryCity()
    {
        var data = new TheoryData<string, string>();
        foreach (var r in ReferenceDataFiles.Regions())
            foreach (var c in r.Cities)
            {
                data.Add(r.Name + c.Name, c.Code);
                data.Add(r.ShortName + c.Name, c.Code);
            }
        return data;
    }

    [Theory]
    [MemberData(nameof(EveryCity))]
    public void Every_city_after_its_province_is_a_destination(string text, string cityCode)
    {
        var (d, problem) = ActivityText.Destination(Jilin, text);
        Assert.Equal(EntryProblem.None, problem);
        Assert.Equal(cityCode, d!.CityCode);
    }

    [Theory]
    [InlineData("山东省济南市", "370000", "370100", "山东省济南市")]
    [InlineData("山东济南", "370000", "370100", "山东省济南市")]
    [InlineData("北京市", "110000", "110000", "北京市")]
    [InlineData("北京", "110000", "110000", "北京市")]
    [InlineData("重庆市重庆市", "500000", "500000", "重庆市")]
    [InlineData("内蒙古自治区呼和浩特市", "150000", "150100", "内蒙古自治区呼和浩特市")]
    [InlineData("内蒙古锡林郭勒盟", "150000", "152500", "内蒙古自治区锡林郭勒盟")]
    [InlineData("广西南宁", "450000", "450100", "广西壮族自治区南宁市")]
    [InlineData("新疆维吾尔自治区乌鲁木齐市", "650000", "650100", "新疆维吾尔自治区乌鲁木齐市")]
    [InlineData("香港特别行政区", "810000", null, "香港特别行政区")]
    [InlineData("澳门", "820000", null, "澳门特别行政区")]
    [InlineData(" 山东省 济南市 ", "370000", "370100", "山东省济南市")]
    [InlineData("吉林省吉林市", "220000", "220200", "吉林省吉林市")]
    public void Places_are_read_as_the_reference_data_names_them(string text, string province, string? city, string display)
    {
        var (d, problem) = ActivityText.Destination(Jilin, text);
        Assert.Equal(EntryProblem.None, problem);
        Assert.Equal(new ParsedDestination(province, city, display), d);
    }

    [Theory]
    [InlineData("俄罗斯", EntryProblem.Abroad)]
    [InlineData("长沙市", EntryProblem.UnknownPlace)]
    [InlineData("湖南省东京市", EntryProblem.UnknownPlace)]
    [InlineData("火星", EntryProblem.UnknownPlace)]
    [InlineData("北京市朝阳区", EntryProblem.UnknownPlace)]
    public void A_country_or_an_unknown_place_is_refused(string text, EntryProblem expected) =>
        Assert.Equal(expected, ActivityText.Destination(Jilin, text).Problem);

    [Fact]
    public void Destinations_are_separated_by_either_semicolon_and_spaces_are_ignored()
    {
        var (list, failed, _) = ActivityText.Destinations(Jilin, "湖南省长沙市；北京市; 山东省济南市 ；；  广东 ");
        Assert.Null(failed);
        Assert.Equal(["湖南省长沙市", "北京市", "山东省济南市", "广东省"], list.Select(d => d.Display));
        Assert.Equal([null, "110000", "370100", "430100"], list.Select(d => d.CityCode).Order());

        var (_, bad, problem) = ActivityText.Destinations(Jilin, "北京市；火星市");
        Assert.Equal("火星市", bad);
        Assert.Equal(EntryProblem.UnknownPlace, problem);
    }

    [Fact]
    public void Counterparts_are_type_and_name()
    {
        var (list, failed, _) = ActivityText.Counterparts("企业:中国兵器工业集团；商协会：重庆市吉林商会; 高校:吉林大学；产业园区: 中电光谷 ；政府:芜湖市人民政府");
        Assert.Null(failed);
        Assert.Equal(
            [
                new ParsedCounterpart(CounterpartType.Company, "中国兵器工业集团"), new ParsedCounterpart(CounterpartType.Association, "重庆市吉林商会"),
                new ParsedCounterpart(CounterpartType.University, "吉林大学"), new ParsedCounterpart(CounterpartType.IndustrialPark, "中电光谷"),
                new ParsedCounterpart(CounterpartType.Government, "芜湖市人民政府"),
            ], list);
        Assert.Equal("企业:中国兵器工业集团；商协会:重庆市吉林商会；高校:吉林大学；产业园区:中电光谷；政府:芜湖市人民政府", ActivityText.Format(list));
    }

    [Theory]
    [InlineData("中国兵器工业集团", EntryProblem.NoType)]
    [InlineData(":中国兵器工业集团", EntryProblem.NoType)]
    [InlineData("公司:中国兵器工业集团", EntryProblem.UnknownType)]
    [InlineData("企业:", EntryProblem.NoName)]
    public void A_counterpart_without_a_known_type_or_a_name_is_refused(string text, EntryProblem expected) =>
        Assert.Equal(expected, ActivityText.Counterparts(text).Problem);
}
