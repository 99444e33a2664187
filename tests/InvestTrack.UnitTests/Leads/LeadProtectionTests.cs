using InvestTrack.Features.Leads;

namespace InvestTrack.UnitTests.Leads;

/// <summary>The protection rule: same credit code or normalised name, same section, active; arbitration's share and release.</summary>
public class LeadProtectionTests
{
    private static readonly DateOnly Today = new(2026, 6, 30);
    private const string Code = "91220300MA0000000X";

    private static Lead Held(int id = 1, int unit = 10, string key = "长春一汽", string? code = Code, string section = "C", DateOnly? last = null,
        LeadStatus status = LeadStatus.Pursuing, bool released = false) => new()
        {
            Id = id, UnitId = unit, Name = "x", InvestorKey = key, InvestorCreditCode = code, IndustrySectionCode = section, Status = status,
            ProtectionReleased = released, LastProgressOn = last ?? Today.AddDays(-10),
        };

    private static Lead? Holder(IEnumerable<Lead> leads, int unit, string key, string? code, string section, params LeadConflict[] conflicts) =>
        LeadProtection.Holder(leads, conflicts, unit, key, code, section, Today, 90);

    [Fact]
    public void Same_credit_code_or_same_normalised_name_in_the_same_section_is_refused()
    {
        Lead[] leads = [Held()];
        Assert.Equal(1, Holder(leads, 20, "另一个名字", Code, "C")?.Id);
        Assert.Equal(1, Holder(leads, 20, "长春一汽", null, "C")?.Id);
        Assert.Equal(1, Holder(leads, 20, "长春一汽", "91110000MA0000000Y", "C")?.Id);
        // The same unit: a duplicate, refused as well.
        Assert.Equal(1, Holder(leads, 10, "长春一汽", null, "C")?.Id);
    }

    [Fact]
    public void A_different_industry_or_investor_is_allowed()
    {
        Lead[] leads = [Held()];
        Assert.Null(Holder(leads, 20, "长春一汽", Code, "I"));
        Assert.Null(Holder(leads, 20, "吉林化纤", "91110000MA0000000Y", "C"));
    }

    [Fact]
    public void A_lapsed_ended_or_released_protection_is_allowed()
    {
        Assert.Null(Holder([Held(last: Today.AddDays(-91))], 20, "长春一汽", Code, "C"));
        Assert.NotNull(Holder([Held(last: Today.AddDays(-90))], 20, "长春一汽", Code, "C"));
        Assert.Null(Holder([Held(status: LeadStatus.Abandoned)], 20, "长春一汽", Code, "C"));
        Assert.Null(Holder([Held(status: LeadStatus.Converted)], 20, "长春一汽", Code, "C"));
        Assert.Null(Holder([Held(released: true)], 20, "长春一汽", Code, "C"));
    }

    [Fact]
    public void A_shared_conflict_lets_the_requesting_unit_register_and_nobody_else()
    {
        Lead[] leads = [Held()];
        var shared = new LeadConflict
        {
            HolderLeadId = 1, HolderUnitId = 10, RequestingUnitId = 20, InvestorName = "x", InvestorKey = "长春一汽", IndustrySectionCode = "C",
            Resolution = ConflictResolution.Shared,
        };
        Assert.Null(Holder(leads, 20, "长春一汽", Code, "C", shared));
        Assert.Equal(1, Holder(leads, 30, "长春一汽", Code, "C", shared)?.Id);
        Assert.Equal(1, Holder(leads, 20, "长春一汽", Code, "C", new LeadConflict
        {
            HolderLeadId = 1, HolderUnitId = 10, RequestingUnitId = 20, InvestorName = "x", InvestorKey = "长春一汽", IndustrySectionCode = "C",
        })?.Id);
        // Once the unit registered under the share, its own lead refuses its second registration as a duplicate.
        Assert.Equal(2, Holder([.. leads, Held(id: 2, unit: 20)], 20, "长春一汽", Code, "C", shared)?.Id);
    }

    [Fact]
    public void Status_moves_follow_the_chain()
    {
        Assert.True(LeadRules.CanMove(LeadStatus.Registered, LeadStatus.Assessing));
        Assert.True(LeadRules.CanMove(LeadStatus.Assessing, LeadStatus.Pursuing));
        Assert.True(LeadRules.CanMove(LeadStatus.Pursuing, LeadStatus.Abandoned));
        Assert.False(LeadRules.CanMove(LeadStatus.Registered, LeadStatus.Pursuing));
        Assert.False(LeadRules.CanMove(LeadStatus.Abandoned, LeadStatus.Assessing));
        Assert.False(LeadRules.CanMove(LeadStatus.Converted, LeadStatus.Abandoned));
        Assert.Equal([2.0, 2.5, null], new double?[] { SourceYield.Median([3, 1, 2]), SourceYield.Median([4, 1, 2, 3]), SourceYield.Median([]) });
    }
}
