namespace InvestTrack.Resources;

/// <summary>Strings of the ten-day warnings (旬预警) and the notifications; WarningResource.resx is Chinese, .en.resx English.</summary>
public sealed class WarningResource;
