namespace InvestTrack.Resources;

/// <summary>
/// MudBlazor's own words (pager buttons, clear and step buttons of inputs, close buttons) under MudBlazor's keys, so that
/// screen readers hear them in the user's language (Infrastructure/Hosting/AppMudLocalizer); .resx Chinese, .en.resx English.
/// </summary>
public sealed class MudResource;
