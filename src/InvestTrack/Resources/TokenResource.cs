namespace InvestTrack.Resources;

/// <summary>Strings of personal access tokens for the API; TokenResource.resx is Chinese, .en.resx English.</summary>
public sealed class TokenResource;
