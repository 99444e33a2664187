using System.Text.RegularExpressions;
using System.Xml.Linq;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Units;
using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.UnitTests;

/// <summary>Chinese first, English complete: every string exists in both languages, and every key used exists.</summary>
public partial class LocalizationTests
{
    private static readonly string Source = Path.Combine(RepositoryPaths.Root, "src", "InvestTrack");

    private static Dictionary<string, string> Read(string path) =>
        XDocument.Load(path).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    public static TheoryData<string> ResourcePairs()
    {
        var data = new TheoryData<string>();
        foreach (var zh in Directory.GetFiles(Source, "*.resx", SearchOption.AllDirectories).Where(f => !f.EndsWith(".en.resx", StringComparison.Ordinal)))
            data.Add(Path.GetRelativePath(Source, zh));
        return data;
    }

    [Theory]
    [MemberData(nameof(ResourcePairs))]
    public void Every_string_has_chinese_and_english(string relative)
    {
        var zh = Read(Path.Combine(Source, relative));
        var enPath = Path.Combine(Source, relative[..^".resx".Length] + ".en.resx");
        Assert.True(File.Exists(enPath), $"{enPath} is missing");
        var en = Read(enPath);
        Assert.Empty(zh.Keys.Except(en.Keys));
        Assert.Empty(en.Keys.Except(zh.Keys));
        Assert.All(zh, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
        Assert.All(en, kv => Assert.False(string.IsNullOrWhiteSpace(kv.Value), kv.Key));
    }

    [Fact]
    public void Every_shared_key_used_in_the_ui_exists()
    {
        var keys = Read(Path.Combine(Source, "Resources", "SharedResource.resx")).Keys.ToHashSet();
        var used = Directory.GetFiles(Source, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".razor", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => SharedKey().Matches(File.ReadAllText(f)).Select(m => (File: Path.GetFileName(f), Key: m.Groups[1].Value)))
            .ToList();
        Assert.NotEmpty(used);
        var missing = used.Where(u => !keys.Contains(u.Key)).Select(u => $"{u.File}: {u.Key}").ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Fact]
    public void Every_enum_shown_in_the_ui_has_names()
    {
        var keys = Read(Path.Combine(Source, "Resources", "SharedResource.resx")).Keys.ToHashSet();
        var expected = Enum.GetNames<ProjectStage>().Select(n => $"Stage.{n}")
            .Concat(Enum.GetNames<UnitKind>().Select(n => $"UnitKind.{n}"))
            .Concat(Roles.All.Select(r => $"Role.{r}"));
        Assert.DoesNotContain(expected, k => !keys.Contains(k));
    }

    [GeneratedRegex("""\bL\["([A-Za-z0-9_.]+)"[\],]""")]
    private static partial Regex SharedKey();
}
