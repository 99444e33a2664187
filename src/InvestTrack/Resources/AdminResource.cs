namespace InvestTrack.Resources;

/// <summary>Strings of the system admin's pages (users, units, catalogs); AdminResource.resx is Chinese, .en.resx English.</summary>
public sealed class AdminResource;
