namespace InvestTrack.Resources;

/// <summary>Strings of leads, their clocks, protection and yield; LeadResource.resx is Chinese, .en.resx English.</summary>
public sealed class LeadResource;
