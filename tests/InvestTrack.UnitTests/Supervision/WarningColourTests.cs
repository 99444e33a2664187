using InvestTrack.Features.Supervision;
using static InvestTrack.Features.Supervision.WarningColour;

namespace InvestTrack.UnitTests.Supervision;

/// <summary>The shown colour over a sequence of 旬 (docs/supervision.md, Colours).</summary>
public class WarningColourTests
{
    /// <summary>Feeds each 旬's raw colours with the previous shown colour, as a run after run does.</summary>
    private static List<WarningColour> Sequence(WarningColour? before, params WarningColour[][] raws)
    {
        var shown = new List<WarningColour>();
        var previous = before;
        foreach (var raw in raws)
        {
            previous = WarningColours.Shown(raw, previous);
            shown.Add(previous.Value);
        }
        return shown;
    }

    [Fact]
    public void Red_recovers_through_a_whole_yellow_xun_before_green()
    {
        // New and red; every rule green again: yellow for one 旬; still green: green.
        Assert.Equal([Red, Yellow, Green, Green], Sequence(null, [Red, Green], [Green, Green], [Green, Green], [Green]));
    }

    [Fact]
    public void A_raw_yellow_after_red_stays_yellow_and_then_goes_green()
    {
        // Red, then raw yellow (yellow on its own account), then clean: the previous shown was yellow, not red, so green.
        Assert.Equal([Red, Yellow, Green], Sequence(null, [Red], [Yellow], [Green]));
    }

    [Fact]
    public void Red_again_during_recovery_is_red()
    {
        Assert.Equal([Red, Yellow, Red, Yellow, Green], Sequence(null, [Red], [Green], [Red], [Green], [Green]));
    }

    [Fact]
    public void Red_beats_yellow_and_yellow_beats_green_within_a_xun()
    {
        Assert.Equal(Red, WarningColours.Shown([Green, Yellow, Red], Green));
        Assert.Equal(Yellow, WarningColours.Shown([Green, Yellow], Green));
        Assert.Equal(Yellow, WarningColours.Shown([Yellow], Red));
        Assert.Equal(Red, WarningColours.Shown([Red], Red));
    }

    [Theory]
    [InlineData(Green)]
    [InlineData(Yellow)]
    [InlineData(Red)]
    public void A_new_subject_starts_from_its_raw_colour(WarningColour raw)
    {
        Assert.Equal(raw, WarningColours.Shown([raw], null));
        Assert.Equal(raw, WarningColours.Raw([Green, raw]));
    }

    [Fact]
    public void Without_any_applicable_rule_a_subject_is_green_or_recovering()
    {
        Assert.Equal(Green, WarningColours.Shown([], null));
        Assert.Equal(Green, WarningColours.Shown([], Yellow));
        Assert.Equal(Yellow, WarningColours.Shown([], Red));
    }

    [Fact]
    public void A_previous_yellow_does_not_carry_over()
    {
        Assert.Equal([Yellow, Green], Sequence(null, [Yellow], [Green]));
    }
}
