using System.Linq.Expressions;

namespace InvestTrack.Features.Leads;

/// <summary>
/// 线索报备's protection (docs/leads.md). A registration protects its investor — the same 统一社会信用代码, or the same
/// normalised name (CompanyNames.Key) — for a similar industry, which is the same GB/T 4754 section (门类), while it is
/// active: not converted, abandoned or released, and with progress within <see cref="LeadOptions.ProtectionDays"/>.
/// A second registration of another unit is refused naming the holder's unit; the city may share a conflict (the
/// requesting unit may then register too). The same unit registering again is a duplicate, refused as well.
/// The expressions run in SQL (across units, the filter deliberately bypassed) and compiled in the unit tests.
/// </summary>
public static class LeadProtection
{
    /// <summary>The same investor for a similar industry.</summary>
    public static Expression<Func<Lead, bool>> SameInvestor(string key, string? creditCode, string section) => creditCode == null
        ? l => l.IndustrySectionCode == section && l.InvestorKey == key
        : l => l.IndustrySectionCode == section && (l.InvestorKey == key || l.InvestorCreditCode == creditCode);

    /// <summary>Active on <paramref name="today"/>: open, not released, and not lapsed.</summary>
    public static Expression<Func<Lead, bool>> ActiveOn(DateOnly today, int protectionDays)
    {
        var since = today.AddDays(-protectionDays);
        return l => (l.Status == LeadStatus.Registered || l.Status == LeadStatus.Assessing || l.Status == LeadStatus.Pursuing)
            && !l.ProtectionReleased && l.LastProgressOn >= since;
    }

    /// <summary>
    /// The lead that refuses a registration by <paramref name="unitId"/>, or null: an active lead of the same investor
    /// and section of this unit (a duplicate) or of another unit, unless the city shared that lead with this unit.
    /// </summary>
    public static Lead? Holder(IEnumerable<Lead> leads, IEnumerable<LeadConflict> conflicts, int unitId, string key, string? creditCode,
        string section, DateOnly today, int protectionDays)
    {
        var same = SameInvestor(key, creditCode, section).Compile();
        var active = ActiveOn(today, protectionDays).Compile();
        var shared = SharedWith(conflicts, unitId);
        return leads.Where(l => same(l) && active(l)).OrderBy(l => l.UnitId == unitId ? 0 : 1).ThenBy(l => l.Id)
            .FirstOrDefault(l => l.UnitId == unitId || !shared.Contains(l.Id));
    }

    /// <summary>The leads the city shared with the unit: they no longer refuse its registration.</summary>
    public static HashSet<int> SharedWith(IEnumerable<LeadConflict> conflicts, int unitId) =>
        [.. conflicts.Where(c => c.Resolution == ConflictResolution.Shared && c.RequestingUnitId == unitId).Select(c => c.HolderLeadId)];
}
