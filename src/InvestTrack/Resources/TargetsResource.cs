namespace InvestTrack.Resources;

/// <summary>Strings of annual targets and their progress; TargetsResource.resx is Chinese, .en.resx English.</summary>
public sealed class TargetsResource;
