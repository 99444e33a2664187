using MudBlazor;

namespace InvestTrack.Components.Layout;

public static class AppTheme
{
    /// <summary>Government blue; CJK fonts first so that Chinese never falls back to a box.</summary>
    public static readonly MudTheme Theme = new()
    {
        // The state colours are MudBlazor's, darkened until white text on them and they as text on white reach WCAG AA (4.5:1).
        PaletteLight = new PaletteLight
        {
            Primary = "#1f4e8c", Secondary = "#c0392b", AppbarBackground = "#1f4e8c",
            Error = "#c62828", Warning = "#a34f00", Success = "#2e7d32", Info = "#1565c0",
            TextSecondary = "rgba(0,0,0,0.68)",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography
            {
                FontFamily = ["Noto Sans CJK SC", "Source Han Sans SC", "PingFang SC", "Microsoft YaHei", "sans-serif"],
            },
            // Buttons as written, in sentence case ("Add project"): MudBlazor's default shouts them in capitals in English.
            Button = new ButtonTypography { TextTransform = "none" },
        },
    };
}
