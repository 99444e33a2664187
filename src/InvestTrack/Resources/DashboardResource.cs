namespace InvestTrack.Resources;

/// <summary>Strings of the dashboard and the leaders' screen; DashboardResource.resx is Chinese, .en.resx English.</summary>
public sealed class DashboardResource;
