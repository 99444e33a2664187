using System.Security.Cryptography;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace InvestTrack.UnitTests;

/// <summary>
/// The chart library is committed, pinned and checked (issue 9, item 13): the build needs only the .NET SDK.
/// scripts/check-build-without-node.sh (run by test.sh) builds a copy with no node/npm on PATH and no network.
/// </summary>
public class WebLibraryTests
{
    private static readonly string Repo = RepositoryPaths.Root;
    private static readonly string App = Path.Combine(Repo, "src", "InvestTrack");
    private static readonly string Lib = Path.Combine(App, "wwwroot", "lib", "echarts");

    [Fact]
    public void The_committed_echarts_matches_its_recorded_sha256()
    {
        var line = File.ReadAllText(Path.Combine(Lib, "echarts.min.js.sha256")).TrimEnd('\n');
        var match = Regex.Match(line, "^([0-9a-f]{64})  echarts\\.min\\.js$");
        Assert.True(match.Success, $"echarts.min.js.sha256 is not in sha256sum's format: '{line}'");
        using var file = File.OpenRead(Path.Combine(Lib, "echarts.min.js"));
        Assert.Equal(match.Groups[1].Value, Convert.ToHexStringLower(SHA256.HashData(file)));
    }

    [Fact]
    public void Echarts_is_version_6_1_0_with_its_licences_beside_it()
    {
        var source = File.ReadAllLines(Path.Combine(Lib, "SOURCE"));
        Assert.Contains("version: 6.1.0", source);
        Assert.Contains(source, l => l.StartsWith("integrity: sha512-", StringComparison.Ordinal));
        Assert.Contains(".version=\"6.1.0\"", File.ReadAllText(Path.Combine(Lib, "echarts.min.js")), StringComparison.Ordinal);
        Assert.Contains("Apache License", File.ReadAllText(Path.Combine(Lib, "LICENSE")), StringComparison.Ordinal);
        Assert.Contains("Apache ECharts", File.ReadAllText(Path.Combine(Lib, "NOTICE")), StringComparison.Ordinal);
        Assert.Contains("BSD 3-Clause", File.ReadAllText(Path.Combine(Lib, "LICENSE-zrender")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_build_runs_no_npm_and_checks_the_library_offline()
    {
        var project = XDocument.Load(Path.Combine(App, "InvestTrack.csproj"));
        var commands = project.Descendants("Exec").Select(e => (string?)e.Attribute("Command") ?? "").ToList();
        Assert.DoesNotContain(commands, c => Regex.IsMatch(c, @"\b(npm|npx|node|yarn|pnpm)\b"));
        Assert.DoesNotContain("node_modules", project.ToString(), StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(App, "package.json")), "package.json in src/InvestTrack would invite an npm step back");
        // The check reads the recorded checksum and fails the build: GetFileHash, no download.
        var verify = project.Descendants("Target").Single(t => (string?)t.Attribute("Name") == "VerifyWebLibraries");
        Assert.Single(verify.Descendants("GetFileHash"));
        Assert.Contains("BeforeBuild", (string?)verify.Attribute("BeforeTargets"), StringComparison.Ordinal);
        var testScript = File.ReadAllText(Path.Combine(Repo, "test.sh"));
        Assert.DoesNotMatch(@"npm (ci|install)|\bnodejs\b", testScript);
        Assert.Contains("scripts/check-build-without-node.sh", testScript, StringComparison.Ordinal);
    }

    [Fact]
    public void Charts_js_loads_the_committed_file()
    {
        var charts = File.ReadAllText(Path.Combine(App, "wwwroot", "js", "charts.js"));
        Assert.Contains("\"lib/echarts/echarts.min.js\"", charts, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(Lib, "echarts.min.js")));
    }
}
