namespace InvestTrack.Resources;

/// <summary>Strings of the global search; SearchResource.resx is Chinese, .en.resx English.</summary>
public sealed class SearchResource;
