using InvestTrack.Features.Projects;
using Microsoft.Extensions.Configuration;

namespace InvestTrack.UnitTests.Projects;

/// <summary>The city's project codes (SP2026001): the form of a code, the sequence read back, the prefix from the city file.</summary>
public sealed class ProjectCodesTests
{
    [Theory]
    [InlineData(1, "SP2026001")]
    [InlineData(42, "SP2026042")]
    [InlineData(1234, "SP20261234")]
    public void A_code_is_prefix_year_and_at_least_three_digits(int sequence, string code)
    {
        Assert.Equal(code, ProjectCodes.Format("SP", 2026, sequence));
        Assert.Equal(sequence, ProjectCodes.SequenceOf(code, "SP", 2026));
    }

    [Theory]
    [InlineData("SP2025001")]   // another year
    [InlineData("SP202601")]    // two digits
    [InlineData("SP2026001A")]  // not a number
    [InlineData("XM-2026-001")] // another form
    [InlineData("SP2026-001")]
    [InlineData("SP20260012345678901")]
    public void Codes_of_another_form_carry_no_sequence(string code) => Assert.Null(ProjectCodes.SequenceOf(code, "SP", 2026));

    [Fact]
    public void Lower_case_codes_are_read_as_the_city_writes_them() => Assert.Equal(7, ProjectCodes.SequenceOf("sp2026007", "SP", 2026));

    [Fact]
    public void The_prefix_comes_from_configuration_then_the_city_file_then_XM()
    {
        static IConfiguration Config(params (string Key, string? Value)[] values) =>
            new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

        Assert.Equal("SP", ProjectCodes.Prefix(Config()));
        Assert.Equal("TX", ProjectCodes.Prefix(Config(("Projects:CodePrefix", " tx "))));
        // A prefix that cannot be typed into a ledger cell as it is (spaces, punctuation, too long) is not used.
        Assert.Equal("SP", ProjectCodes.Prefix(Config(("Projects:CodePrefix", "四平-"))));
        Assert.Equal("SP", ProjectCodes.Prefix(Config(("Projects:CodePrefix", "ABCDEFGHIJK"))));
        var city = Path.Combine(Path.GetTempPath(), $"city-{Guid.NewGuid():N}.json");
        File.WriteAllText(city, """{ "city": { "unitCode": "220100", "shortName": "长春", "provinceCode": "220000" }, "units": [], "industryCatalogs": [] }""");
        try
        {
            Assert.Equal(ProjectCodes.FallbackPrefix, ProjectCodes.Prefix(Config(("ReferenceData:City", city))));
        }
        finally
        {
            File.Delete(city);
        }
    }
}
