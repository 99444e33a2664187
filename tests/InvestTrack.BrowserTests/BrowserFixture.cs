using InvestTrack.Data;
using InvestTrack.Tests;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace InvestTrack.BrowserTests;

/// <summary>
/// The app on a real loopback port (SQLite: the integration tests cover PostgreSQL) and one headless
/// Debian Chromium, shared by the tests of a class. Each test opens its own browser context. A fixture of its own
/// (a subclass) may configure the app, e.g. switch the job scheduler on.
/// </summary>
public class BrowserFixture : IAsyncLifetime
{
    public BrowserFixture() : this(null, null)
    {
    }

    /// <param name="settings">Configuration values of the app (key → value).</param>
    protected BrowserFixture(IReadOnlyDictionary<string, string> settings) : this(settings, null)
    {
    }

    /// <param name="clock">The app's clock (journeys that span months move it).</param>
    protected BrowserFixture(TimeProvider clock) : this(null, clock)
    {
    }

    private BrowserFixture(IReadOnlyDictionary<string, string>? settings, TimeProvider? clock) =>
        App = new(DatabaseProviderKind.Sqlite, kestrel: true, clock: clock, settings: settings);

    private const string ChromiumPath = "/usr/bin/chromium";

    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--no-first-run", "--disable-gpu", "--disable-quic",
    ];

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public TestApp App { get; }

    /// <summary>The app's loopback address, e.g. http://127.0.0.1:41234/.</summary>
    public Uri BaseAddress { get; private set; } = default!;

    public async Task InitializeAsync()
    {
        await App.StartAsync();
        var addresses = App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses;
        var address = addresses?.Select(a => new Uri(a)).FirstOrDefault(a => a.IsLoopback)
            ?? throw new InvalidOperationException("the test server listens on no loopback address: is Kestrel in use?");
        BaseAddress = new UriBuilder(address) { Host = "127.0.0.1", Path = "/" }.Uri;

        if (!File.Exists(ChromiumPath))
            throw new InvalidOperationException($"{ChromiumPath} is missing: install Debian's chromium package (test.sh does).");
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ChromiumArgs,
        });
    }

    /// <summary>The window of the pages' screenshots: a common office monitor.</summary>
    public static readonly ViewportSize Desktop = new() { Width = 1440, Height = 900 };

    /// <summary>A fresh browser context (own cookies), in Chinese like the users' browsers, that may only reach the app.</summary>
    /// <param name="viewport">The window size; 1366×800 unless given.</param>
    /// <param name="locale">The browser's own language, which the app must not follow (the user's setting decides).</param>
    public async Task<IBrowserContext> NewContextAsync(ViewportSize? viewport = null, string locale = "zh-CN")
    {
        var context = await _browser!.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseAddress.ToString(),
            Locale = locale,
            TimezoneId = "Asia/Shanghai",
            ViewportSize = viewport ?? new ViewportSize { Width = 1366, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        // CI runs the test projects side by side on two cores: a save can take more than Playwright's default 5 s.
        Assertions.SetDefaultExpectTimeout(15_000);
        context.SetDefaultNavigationTimeout(20_000);
        // Only loopback traffic: anything else is refused rather than fetched.
        await context.RouteAsync(url => !IsLoopback(url), route => route.AbortAsync("blockedbyclient"));
        return context;
    }

    private static bool IsLoopback(string url) =>
        !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is "data" or "blob" or "about" || uri.IsLoopback;

    public async Task DisposeAsync()
    {
        if (_browser is not null) await _browser.DisposeAsync();
        _playwright?.Dispose();
        await App.DisposeAsync();
    }
}
