using System.Net;
using System.Net.Sockets;
using System.Text.Json;

namespace InvestTrack.IntegrationTests.Hosting;

/// <summary>
/// The address is set the ASP.NET Core ways (ASPNETCORE_URLS, ASPNETCORE_HTTP_PORTS, --urls), with the shipped
/// appsettings.json in place; the banner names what was really bound; a port in use is one clear line.
/// </summary>
public sealed class ListenAddressTests
{
    public static TheoryData<string> Ways => ["ASPNETCORE_URLS", "Urls", "--urls"];

    [Theory]
    [MemberData(nameof(Ways))]
    public async Task The_address_set_the_standard_way_is_bound_and_the_banner_names_the_real_port(string way)
    {
        const string address = "http://127.0.0.1:0";
        await using var program = way == "--urls"
            ? RealProgram.Start([], "--urls", address)
            : RealProgram.Start(new() { [way] = address });
        var bound = Assert.Single(await program.BannerAddressesAsync());
        var uri = new Uri(bound);
        Assert.Equal("127.0.0.1", uri.Host);
        Assert.NotEqual(0, uri.Port);
        using var client = new HttpClient { BaseAddress = uri };
        Assert.Equal("Healthy", await client.GetStringAsync("/healthz"));
        // The embedded demo states that its Data Protection keys are not encrypted.
        Assert.Contains("数据保护密钥：未加密 / Data Protection keys: NOT ENCRYPTED", program.Output);
    }

    [Fact]
    public async Task A_port_in_use_stops_start_up_with_one_clear_line_and_exit_code_4()
    {
        using var taken = RealProgram.Occupy();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var program = RealProgram.Start(new() { ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}" });
        Assert.Equal(4, await program.ExitCodeAsync());
        var output = program.Output;
        var line = Assert.Single(output.Split('\n'), l => l.Contains("address already in use", StringComparison.Ordinal));
        Assert.StartsWith($"地址已被占用 / address already in use: http://127.0.0.1:{port} — ", line);
        Assert.DoesNotContain("   at ", output);
        Assert.DoesNotContain("招商项目管理平台:", output);
    }

    [Fact]
    public async Task ASPNETCORE_HTTP_PORTS_decides_the_port()
    {
        // HTTP_PORTS listens on every interface: the test holds the port on loopback, so the program may try it
        // (and fail, naming it) without ever listening beyond this machine.
        using var taken = RealProgram.Occupy();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        await using var program = RealProgram.Start(new() { ["ASPNETCORE_HTTP_PORTS"] = port.ToString() });
        Assert.Equal(4, await program.ExitCodeAsync());
        Assert.Contains($":{port} — ", program.Output);
    }

    [Fact]
    public async Task With_no_address_configured_the_default_is_localhost_5000()
    {
        // Port 5000 is held here, or already by something else: either way the program must try it and say so.
        TcpListener? taken = null;
        try { taken = RealProgram.Occupy(5000); } catch (SocketException) { }
        try
        {
            await using var program = RealProgram.Start([]);
            Assert.Equal(4, await program.ExitCodeAsync());
            Assert.Contains(":5000 — ", program.Output);
        }
        finally { taken?.Dispose(); }
    }

    [Fact]
    public void The_launch_profile_sets_no_address_that_would_override_the_environment()
    {
        // `dotnet run` turns a profile's applicationUrl into ASPNETCORE_URLS, over the caller's own.
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(dir.FullName, "InvestTrack.slnx"))) dir = dir.Parent!;
        using var settings = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir.FullName, "src", "InvestTrack", "Properties", "launchSettings.json")));
        foreach (var profile in settings.RootElement.GetProperty("profiles").EnumerateObject())
        {
            Assert.False(profile.Value.TryGetProperty("applicationUrl", out _), profile.Name);
            if (profile.Value.TryGetProperty("environmentVariables", out var variables))
                Assert.DoesNotContain(variables.EnumerateObject(), v => v.Name.Contains("URLS", StringComparison.OrdinalIgnoreCase) || v.Name.Contains("PORTS", StringComparison.OrdinalIgnoreCase));
        }
    }
}
