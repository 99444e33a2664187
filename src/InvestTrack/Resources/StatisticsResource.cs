namespace InvestTrack.Resources;

/// <summary>Strings of the statistics and reports; StatisticsResource.resx is Chinese, .en.resx English.</summary>
public sealed class StatisticsResource;
