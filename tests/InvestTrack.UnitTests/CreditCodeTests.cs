using InvestTrack.Features.Companies;

namespace InvestTrack.UnitTests;

public class CreditCodeTests
{
    [Theory]
    [InlineData("91350100M000100Y43")]
    [InlineData("91110000600037341L")]
    public void Published_codes_are_valid(string code) => Assert.True(CreditCode.IsValid(code), code);

    [Theory]
    [InlineData("91350100M000100Y44", "CheckCharacter")]
    [InlineData("91350100M000100Y4", "Length")]
    [InlineData("91350100M000100Y433", "Length")]
    [InlineData("91350100I000100Y43", "Character")] // I is not in the alphabet
    [InlineData("", "Length")]
    [InlineData(null, "Length")]
    public void Wrong_codes_say_what_is_wrong(string? code, string problem) => Assert.Equal(problem, CreditCode.Check(code));

    [Fact]
    public void Full_width_and_lower_case_input_is_normalised() =>
        Assert.Equal("91350100M000100Y43", CreditCode.Normalize(" ９１３５０１００m０００１００y４３ "));

    [Fact]
    public void Every_17_character_prefix_gets_a_check_character_that_validates()
    {
        var random = new Random(7);
        const string alphabet = "0123456789ABCDEFGHJKLMNPQRTUWXY";
        for (var i = 0; i < 1000; i++)
        {
            var body = new string(Enumerable.Range(0, 17).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray());
            Assert.True(CreditCode.IsValid(body + CreditCode.CheckCharacterFor(body)));
        }
    }
}
