namespace InvestTrack.Resources;

/// <summary>Strings of events and the talent network; NetworkResource.resx is Chinese, .en.resx English.</summary>
public sealed class NetworkResource;
