namespace InvestTrack.Resources;

/// <summary>Strings of the scheduled jobs page; JobsResource.resx is Chinese, .en.resx English.</summary>
public sealed class JobsResource;
