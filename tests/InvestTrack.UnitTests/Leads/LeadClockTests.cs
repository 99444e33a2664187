using InvestTrack.Features.Leads;

namespace InvestTrack.UnitTests.Leads;

public class LeadClockTests
{
    private static readonly WorkingCalendar Calendar = new(HolidayCalendar.China2026());
    private static readonly ClockDays Defaults = new LeadOptions().DaysFor(LeadSourceKind.Squad, 0);

    private static Lead NewLead(string? referrer) => new()
    {
        Id = 7, UnitId = 3, Name = "x", InvestorKey = "x", IndustrySectionCode = "C", Referrer = referrer,
        RegisteredOn = new DateOnly(2026, 9, 29), LastProgressOn = new DateOnly(2026, 9, 29),
    };

    [Fact]
    public void Registration_starts_the_clocks_in_working_days()
    {
        var clocks = LeadClocks.OnRegistered(NewLead("张三"), Defaults, Calendar);
        // Tuesday 9-29 + 3: Wed 9-30, then 国庆 10-1..7 off, Thu 10-8, Fri 10-9; + 5 goes on to Sat 10-10 (调休) and Mon 10-12.
        Assert.Equal(new DateOnly(2026, 10, 9), clocks.Single(c => c.Kind == LeadClockKind.Assess).DueOn);
        Assert.Equal(new DateOnly(2026, 10, 12), clocks.Single(c => c.Kind == LeadClockKind.AnswerReferrer).DueOn);
        Assert.All(clocks, c => Assert.Equal((7, 3), (c.LeadId, c.UnitId)));
        Assert.DoesNotContain(LeadClocks.OnRegistered(NewLead(null), Defaults, Calendar), c => c.Kind == LeadClockKind.AnswerReferrer);
    }

    [Fact]
    public void Clocks_are_met_stopped_and_overdue()
    {
        var lead = NewLead("张三");
        var clocks = LeadClocks.OnRegistered(lead, Defaults, Calendar);
        var assess = clocks.Single(c => c.Kind == LeadClockKind.Assess);
        Assert.Equal(ClockState.Running, LeadClocks.State(assess, assess.DueOn));
        Assert.Equal(ClockState.Overdue, LeadClocks.State(assess, assess.DueOn.AddDays(1)));
        LeadClocks.OnStatus(clocks, LeadStatus.Assessing, assess.DueOn.AddDays(1));
        Assert.Equal(ClockState.MetLate, LeadClocks.State(assess, assess.DueOn.AddDays(5)));

        var next = LeadClocks.OnProgress(lead, clocks, new DateOnly(2026, 10, 12), referrerAnswered: true, Defaults, Calendar);
        Assert.NotNull(next);
        Assert.Equal(ClockState.Met, LeadClocks.State(clocks.Single(c => c.Kind == LeadClockKind.AnswerReferrer), new DateOnly(2026, 12, 1)));
        Assert.Equal(new DateOnly(2026, 10, 26), next.DueOn);

        lead.Status = LeadStatus.Abandoned;
        LeadClocks.OnStatus([next], LeadStatus.Abandoned, new DateOnly(2026, 10, 13));
        Assert.Equal(ClockState.Stopped, LeadClocks.State(next, new DateOnly(2026, 12, 1)));
    }

    [Fact]
    public void Rules_override_the_defaults_by_source_and_size()
    {
        var options = new LeadOptions
        {
            ClockRules = [new LeadClockRule { MinWan = 50_000, AssessDays = 1 }, new LeadClockRule { Source = LeadSourceKind.Agency, AnswerReferrerDays = 2 }],
        };
        Assert.Equal(new ClockDays(1, 5, 10), options.DaysFor(LeadSourceKind.Agency, 50_000 * 100));
        Assert.Equal(new ClockDays(3, 2, 10), options.DaysFor(LeadSourceKind.Agency, 100));
        Assert.Equal(new ClockDays(3, 5, 10), options.DaysFor(LeadSourceKind.Fair, 100));
    }
}
