namespace InvestTrack.Features.Leads;

public enum ClockState { Running, Met, MetLate, Overdue, Stopped }

/// <summary>
/// The response clocks of a lead, in working days (WorkingCalendar): registered → 研判中 (Assess), the referrer answered
/// (AnswerReferrer, only when there is a referrer), and a progress entry at least every so many days (Progress, restarted
/// by each entry). A lead that ends stops its open clocks. Due dates are fixed when a clock starts.
/// </summary>
public static class LeadClocks
{
    public static List<LeadClock> OnRegistered(Lead lead, ClockDays days, WorkingCalendar calendar)
    {
        var start = lead.RegisteredOn;
        var clocks = new List<LeadClock> { New(lead, LeadClockKind.Assess, start, days, calendar), New(lead, LeadClockKind.Progress, start, days, calendar) };
        if (lead.Referrer is not null) clocks.Add(New(lead, LeadClockKind.AnswerReferrer, start, days, calendar));
        return clocks;
    }

    /// <summary>A status change: leaving 新登记 meets the assessment clock; an end stops every open clock.</summary>
    public static void OnStatus(IEnumerable<LeadClock> clocks, LeadStatus status, DateOnly today)
    {
        foreach (var clock in clocks.Where(c => c.MetOn is null && c.StoppedOn is null))
        {
            if (status is LeadStatus.Converted or LeadStatus.Abandoned)
            {
                if (clock.Kind == LeadClockKind.Assess) clock.MetOn = today;
                else clock.StoppedOn = today;
            }
            else if (status != LeadStatus.Registered && clock.Kind == LeadClockKind.Assess) clock.MetOn = today;
        }
    }

    /// <summary>A progress entry meets the open progress clock (and the referrer's, when answered) and starts the next.</summary>
    public static LeadClock? OnProgress(Lead lead, IEnumerable<LeadClock> clocks, DateOnly occurredOn, bool referrerAnswered, ClockDays days, WorkingCalendar calendar)
    {
        foreach (var clock in clocks.Where(c => c.MetOn is null && c.StoppedOn is null))
        {
            if (clock.Kind == LeadClockKind.Progress || (referrerAnswered && clock.Kind == LeadClockKind.AnswerReferrer))
                clock.MetOn = occurredOn;
        }
        return lead.IsOpen ? New(lead, LeadClockKind.Progress, occurredOn, days, calendar) : null;
    }

    public static ClockState State(LeadClock clock, DateOnly today) => clock switch
    {
        { MetOn: { } met } => met <= clock.DueOn ? ClockState.Met : ClockState.MetLate,
        { StoppedOn: not null } => ClockState.Stopped,
        _ => clock.DueOn < today ? ClockState.Overdue : ClockState.Running,
    };

    private static LeadClock New(Lead lead, LeadClockKind kind, DateOnly start, ClockDays days, WorkingCalendar calendar) => new()
    {
        LeadId = lead.Id, UnitId = lead.UnitId, Kind = kind, StartedOn = start, DueOn = calendar.AddWorkingDays(start, days.For(kind)),
    };
}
