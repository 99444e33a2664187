namespace InvestTrack.Resources;

/// <summary>Strings of the monthly bulletin (月通报) pages and API; BulletinResource.resx is Chinese, .en.resx English.</summary>
public sealed class BulletinResource;
