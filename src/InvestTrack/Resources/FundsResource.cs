namespace InvestTrack.Resources;

/// <summary>Strings of the funds ledger (到位资金); FundsResource.resx is Chinese, .en.resx English.</summary>
public sealed class FundsResource;
