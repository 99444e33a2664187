using InvestTrack.Resources;
using Microsoft.Extensions.Localization;
using MudBlazor;

namespace InvestTrack.Infrastructure.Hosting;

/// <summary>
/// MudBlazor's own words in the user's language: its pager buttons, an input's clear and step buttons and the close
/// buttons are read by screen readers, and MudBlazor ships them in English only. A key missing here falls back to
/// MudBlazor's English (ResourceNotFound).
/// </summary>
internal sealed class AppMudLocalizer(IStringLocalizer<MudResource> words) : MudLocalizer
{
    public override LocalizedString this[string key] => words[key];

    public override LocalizedString this[string key, params object[] arguments] => words[key, arguments];
}
