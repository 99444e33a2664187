namespace InvestTrack.Resources;

/// <summary>Strings of supervision (督、赛): warnings and assessment; SupervisionResource.resx is Chinese, .en.resx English.</summary>
public sealed class SupervisionResource;
