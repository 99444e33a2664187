using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace InvestTrack.Features.Leads;

/// <summary>法定节假日 (a day off, also on a weekday) or 调休 (a weekend day worked).</summary>
public enum HolidayKind { DayOff = 1, Workday = 2 }

/// <summary>One date of the city's holiday calendar, maintained by city staff; weekends need no row.</summary>
public sealed class HolidayDate : IAudited
{
    public DateOnly Date { get; set; }
    public HolidayKind Kind { get; set; }
    /// <summary>春节, 国庆节 …</summary>
    public string? Name { get; set; }
}

internal sealed class HolidayDateConfiguration : IEntityTypeConfiguration<HolidayDate>
{
    public void Configure(EntityTypeBuilder<HolidayDate> b)
    {
        b.HasKey(h => h.Date);
        b.Property(h => h.Name).HasMaxLength(50);
    }
}
