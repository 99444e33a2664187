using InvestTrack.Features.ReferenceData;

namespace InvestTrack.Features.Projects;

/// <summary>Everything the project page shows of one project (amounts in 万元).</summary>
public sealed record ProjectDetail(
    int Id, string Code, string Name, int CompanyId, string InvestorName, OriginClass InvestorOrigin, string InvestorPlace,
    int UnitId, string UnitName, int? IndustryId, string? IndustryName, string? IndustrySectionCode, string? IndustrySectionName,
    ProjectStage Stage, ProjectStatus Status, string? StatusReason, decimal PlannedInvestmentWan, decimal? ContractedInvestmentWan,
    SigningKind? SigningKind, DateOnly? SignedOn, DateOnly? StartedOn, DateOnly? InProductionOn,
    string? LeadSource, string? ResponsibleLeader, string? ContactPerson, string? NationalProjectCode,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Version)
{
    public InvestmentTier Tier => InvestmentTiers.Of((long)(PlannedInvestmentWan * Kernel.Money.HundredthsPerWan));

    /// <summary>The editable fields as a form, carrying the version read.</summary>
    public ProjectForm ToForm() => new()
    {
        Code = Code, Name = Name, CompanyId = CompanyId, UnitId = UnitId, IndustryId = IndustryId, IndustrySectionCode = IndustrySectionCode,
        PlannedInvestmentWan = PlannedInvestmentWan, ContractedInvestmentWan = ContractedInvestmentWan, SigningKind = SigningKind,
        SignedOn = SignedOn, StartedOn = StartedOn, InProductionOn = InProductionOn, LeadSource = LeadSource,
        ResponsibleLeader = ResponsibleLeader, ContactPerson = ContactPerson, NationalProjectCode = NationalProjectCode, Version = Version,
    };
}

public sealed record StageChangeRow(long Id, ProjectStage? FromStage, ProjectStage ToStage, ProjectStatus FromStatus, ProjectStatus ToStatus,
    DateTimeOffset ChangedAt, string? UserName, string? Note);

public sealed record MilestoneRow(string Kind, DateOnly? PlannedOn, DateOnly? ActualOn, int Version);

public sealed record ProgressRow(long Id, DateOnly OccurredOn, string WhatHappened, string? Problems, string? NextStep, string? AuthorName, DateTimeOffset CreatedAt);

public sealed record StageTime(ProjectStage Stage, int Days, bool Current);

/// <summary>A project's history: stage changes and progress newest first, every milestone kind in order (empty dates when not set).</summary>
public sealed record ProjectHistory(IReadOnlyList<StageChangeRow> StageChanges, IReadOnlyList<ProgressRow> Progress,
    IReadOnlyList<MilestoneRow> Milestones, IReadOnlyList<StageTime> TimeInStage);

public enum TimelineKind { Stage, Progress, MilestonePlanned, MilestoneDone }

/// <summary>One line of the timeline; <see cref="Source"/> is the row it comes from.</summary>
public sealed record TimelineItem(DateOnly Date, TimelineKind Kind, object Source);

public static class Timeline
{
    private static readonly TimeSpan China = TimeSpan.FromHours(8);

    /// <summary>
    /// Stage changes (on their day in China time), progress entries and milestone dates merged, newest
    /// first; within one day the latest recorded comes first, milestones last.
    /// </summary>
    public static IReadOnlyList<TimelineItem> Merge(ProjectHistory history)
    {
        var items = new List<(TimelineItem Item, DateTimeOffset Tie)>();
        foreach (var s in history.StageChanges)
            items.Add((new TimelineItem(DateOnly.FromDateTime(s.ChangedAt.ToOffset(China).DateTime), TimelineKind.Stage, s), s.ChangedAt));
        foreach (var p in history.Progress)
            items.Add((new TimelineItem(p.OccurredOn, TimelineKind.Progress, p), p.CreatedAt));
        foreach (var m in history.Milestones)
        {
            if (m.ActualOn is { } done) items.Add((new TimelineItem(done, TimelineKind.MilestoneDone, m), DateTimeOffset.MinValue));
            else if (m.PlannedOn is { } planned) items.Add((new TimelineItem(planned, TimelineKind.MilestonePlanned, m), DateTimeOffset.MinValue));
        }
        return [.. items.OrderByDescending(i => i.Item.Date).ThenByDescending(i => i.Tie).Select(i => i.Item)];
    }
}
