namespace InvestTrack.Resources;

/// <summary>Strings of weekly dispatch (周调度) and the problem list (问题清单); WeeklyDispatchResource.resx is Chinese, .en.resx English.</summary>
public sealed class WeeklyDispatchResource;
