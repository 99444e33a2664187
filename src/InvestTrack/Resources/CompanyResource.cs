namespace InvestTrack.Resources;

/// <summary>Strings of the company directory; CompanyResource.resx is Chinese, .en.resx English.</summary>
public sealed class CompanyResource;
