using InvestTrack.Features.ReferenceData;

namespace InvestTrack.UnitTests;

public class PlacesTests
{
    private static readonly Places Jilin = Places.FromFiles("220000");

    [Theory]
    [InlineData("山东省济南市", OriginClass.OtherProvince, "370000", "370100")]
    [InlineData("北京市", OriginClass.OtherProvince, "110000", "110000")]
    [InlineData("吉林省长春市", OriginClass.InProvince, "220000", "220100")]
    [InlineData("吉林省", OriginClass.InProvince, "220000", null)]
    [InlineData("山东济南", OriginClass.OtherProvince, "370000", "370100")]
    [InlineData("广西壮族自治区南宁市", OriginClass.OtherProvince, "450000", "450100")]
    [InlineData("内蒙古自治区锡林郭勒盟", OriginClass.OtherProvince, "150000", "152500")]
    [InlineData("吉林省延边朝鲜族自治州", OriginClass.InProvince, "220000", "222400")]
    [InlineData("香港", OriginClass.Abroad, "810000", null)]
    [InlineData("台湾省", OriginClass.Abroad, "710000", null)]
    public void Chinese_places_are_classed_against_the_citys_province(string text, OriginClass cls, string province, string? city)
    {
        var place = Jilin.Parse(text);
        Assert.NotNull(place);
        Assert.Equal(cls, place.Class);
        Assert.Equal(province, place.ProvinceCode);
        Assert.Equal(city, place.CityCode);
    }

    [Theory]
    [InlineData("俄罗斯", "RU")]
    [InlineData("韩国", "KR")]
    [InlineData("新加坡", "SG")]
    public void Countries_are_abroad(string text, string code)
    {
        var place = Jilin.Parse(text);
        Assert.Equal(OriginClass.Abroad, place!.Class);
        Assert.Equal(code, place.CountryCode);
    }

    [Theory]
    [InlineData("火星")]
    [InlineData("山东省不存在市")]
    [InlineData("")]
    [InlineData(null)]
    [InlineData("<script>alert(1)</script>")]
    public void Unknown_places_are_not_guessed(string? text) => Assert.Null(Jilin.Parse(text));
}
