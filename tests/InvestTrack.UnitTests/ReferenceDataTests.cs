using InvestTrack.Features.ReferenceData;
using InvestTrack.Features.Units;

namespace InvestTrack.UnitTests;

public class ReferenceDataTests
{
    [Fact]
    public void China_has_34_province_level_divisions_and_333_prefectures()
    {
        var regions = ReferenceDataFiles.Regions();
        Assert.Equal(34, regions.Count);
        var prefectures = regions.Where(r => r.Kind is not RegionKind.Municipality)
            .SelectMany(r => r.Cities).Count(c => !c.DirectlyAdministered);
        Assert.Equal(333, prefectures);
        Assert.Equal(regions.Count, regions.Select(r => r.Code).Distinct().Count());
    }

    [Fact]
    public void Jilin_holds_siping_and_municipalities_are_their_own_city()
    {
        var regions = ReferenceDataFiles.Regions();
        var jilin = regions.Single(r => r.Name == "吉林省");
        Assert.Contains(jilin.Cities, c => c.Code == "220300" && c.Name == "四平市");
        var beijing = regions.Single(r => r.Name == "北京市");
        Assert.Equal(RegionKind.Municipality, beijing.Kind);
        Assert.Equal(["北京市"], beijing.Cities.Select(c => c.Name));
        Assert.All(regions.Where(r => r.ShortName is "香港" or "澳门" or "台湾"), r => Assert.Empty(r.Cities));
    }

    [Fact]
    public void Countries_have_unique_chinese_short_names_and_exclude_china()
    {
        var countries = ReferenceDataFiles.Countries();
        Assert.True(countries.Count > 200);
        Assert.Equal(countries.Count, countries.Select(c => c.Name).Distinct().Count());
        Assert.Contains(countries, c => c.Name == "俄罗斯");
        Assert.DoesNotContain(countries, c => c.Code is "CN" or "HK" or "MO" or "TW");
    }

    [Fact]
    public void Gbt4754_has_sections_a_to_t() =>
        Assert.Equal(Enumerable.Range('A', 20).Select(c => ((char)c).ToString()), ReferenceDataFiles.IndustrySections().Select(s => s.Code));

    [Fact]
    public void The_example_city_file_is_valid_and_complete()
    {
        var city = ReferenceDataFiles.City(ReferenceDataFiles.DefaultCity);
        ReferenceDataLoader.Validate(city);
        Assert.Equal("四平市", city.Units.Single(u => u.Kind == UnitKind.City).Name);
        Assert.Equal(5, city.Units.Count(u => u.Kind == UnitKind.County));
        Assert.Equal(6, city.Units.Count(u => u.Kind == UnitKind.Zone));
        Assert.Equal(21, city.Units.Count(u => u.Kind == UnitKind.Department));
        Assert.Equal("220322", city.Units.Single(u => u.Name == "梨树经济开发区").Parent);
        Assert.Equal("220300", city.Units.Single(u => u.ShortName == "红开区").Parent);
        Assert.Equal([2023, 2024, 2025], city.IndustryCatalogs.Select(c => c.StartYear));
        Assert.Equal(8, city.IndustryCatalogs[0].Industries.Count);
        Assert.Equal(10, city.IndustryCatalogs[1].Industries.Count);
    }

    [Fact]
    public void A_city_file_with_a_dangling_parent_is_refused()
    {
        var city = ReferenceDataFiles.City(ReferenceDataFiles.DefaultCity);
        var broken = city with { Units = [.. city.Units, new CityFile.UnitPart("X1", "孤儿开发区", null, UnitKind.Zone, "999999")] };
        var error = Assert.Throws<InvalidDataException>(() => ReferenceDataLoader.Validate(broken));
        Assert.Contains("999999", error.Message);
    }

    [Theory]
    [InlineData(2022, 2023)] // before the first catalog: the oldest one
    [InlineData(2023, 2023)]
    [InlineData(2024, 2024)]
    [InlineData(2026, 2025)] // after the newest: the newest
    public void The_catalog_in_force_is_the_newest_begun_by_that_year(int year, int expectedStart)
    {
        var catalogs = ReferenceDataFiles.City(ReferenceDataFiles.DefaultCity).IndustryCatalogs;
        Assert.Equal(expectedStart, CatalogInForce.For(catalogs, year, c => c.StartYear)!.StartYear);
    }
}
