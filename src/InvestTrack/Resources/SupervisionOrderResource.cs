namespace InvestTrack.Resources;

/// <summary>Strings of the supervision orders (督办单); SupervisionOrderResource.resx is Chinese, .en.resx English.</summary>
public sealed class SupervisionOrderResource;
