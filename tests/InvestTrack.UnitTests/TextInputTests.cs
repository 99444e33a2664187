using System.Text;
using InvestTrack.Kernel;

namespace InvestTrack.UnitTests;

/// <summary>The text rules of Kernel/TextInput: what is refused, what is normalised, how codes and searches are cleaned.</summary>
public class TextInputTests
{
    [Theory]
    [InlineData("四平市铁西区", false, null)]
    [InlineData("Ünïcödé 名称 😀", false, null)]
    [InlineData("a\u0000b", false, TextInput.Control)]
    [InlineData("a\u0000b", true, TextInput.Control)]
    [InlineData("a\u001Bb", true, TextInput.Control)]
    [InlineData("a\u007Fb", false, TextInput.Control)]
    [InlineData("a\u0085b", false, TextInput.Control)]
    [InlineData("a\u2028b", true, TextInput.Control)]
    [InlineData("a\nb", false, TextInput.Control)]
    [InlineData("a\tb", false, TextInput.Control)]
    [InlineData("a\nb\tc", true, null)]
    [InlineData("a\u202Eb", false, TextInput.Bidi)]
    [InlineData("a\u202Ab", true, TextInput.Bidi)]
    [InlineData("a\u2066b\u2069", false, TextInput.Bidi)]
    [InlineData("a\u200Eb", false, TextInput.Bidi)]
    [InlineData("a\u200Fb", false, TextInput.Bidi)]
    [InlineData("\u200B", false, TextInput.Blank)]
    [InlineData("\u200B\u200C\u200D\u2060\uFEFF \u3000", false, TextInput.Blank)]
    [InlineData("\n\t", true, TextInput.Blank)]
    [InlineData("a\u200Db", false, null)]
    [InlineData("", false, null)]
    public void Problem_names_what_may_not_be_stored(string text, bool multiLine, string? expected) =>
        Assert.Equal(expected, TextInput.Problem(text, multiLine));

    [Fact]
    public void An_unpaired_surrogate_is_refused_and_survives_normalising()
    {
        var text = "a\uD800b";
        Assert.Equal(text, TextInput.Normalise(text));
        Assert.Equal(TextInput.Control, TextInput.Problem(text));
        Assert.Null(TextInput.Problem("😀"));
        Assert.Equal("ab", TextInput.Search("a\uDC00b"));
    }

    [Fact]
    public void Text_is_normalised_to_NFC_and_multi_line_text_to_LF()
    {
        var decomposed = "Cafe\u0301";
        Assert.Equal("Café", TextInput.Normalise(decomposed));
        Assert.True(TextInput.Normalise(decomposed).IsNormalized(NormalizationForm.FormC));
        Assert.Equal("a\nb\nc", TextInput.Normalise("a\r\nb\rc", multiLine: true));
        Assert.Equal("a\r\nb", TextInput.Normalise("a\r\nb"));
    }

    [Theory]
    [InlineData(null, true)]
    [InlineData(499, false)]
    [InlineData(500, true)]
    [InlineData(2000, true)]
    [InlineData(200, false)]
    public void Fields_of_500_characters_or_more_are_multi_line(int? maxLength, bool expected) =>
        Assert.Equal(expected, TextInput.IsMultiLine(maxLength));

    [Fact]
    public void ProblemOf_checks_a_form_value_as_it_will_be_stored()
    {
        Assert.Null(TextInput.ProblemOf(null, 100));
        Assert.Equal(TextInput.Control, TextInput.ProblemOf("a\r\nb", 100));
        Assert.Null(TextInput.ProblemOf("a\r\nb", 2000));
        Assert.Equal(TextInput.Blank, TextInput.ProblemOf("\u2060", 2000));
    }

    [Fact]
    public void Codes_lose_their_invisible_characters()
    {
        Assert.Equal("SP2024001", TextInput.Code(" SP\u200B2024\uFEFF001\u2060 "));
        Assert.Equal("", TextInput.Code("\u200B"));
        Assert.Equal("", TextInput.Code(null));
    }

    [Theory]
    [InlineData("\u0000", null)]
    [InlineData("  ", null)]
    [InlineData("\u200B", null)]
    [InlineData("tie\u0000xi", "tiexi")]
    [InlineData("SP\u200B2024\u202E001", "SP2024001")]
    [InlineData(" Cafe\u0301 ", "Café")]
    [InlineData("😀", "😀")]
    public void A_search_is_what_stored_text_can_hold(string typed, string? expected) =>
        Assert.Equal(expected, TextInput.Search(typed));
}
