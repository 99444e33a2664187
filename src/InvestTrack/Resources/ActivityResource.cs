namespace InvestTrack.Resources;

/// <summary>Strings of the activities (走出去 / 请进来); ActivityResource.resx is Chinese, .en.resx English.</summary>
public sealed class ActivityResource;
