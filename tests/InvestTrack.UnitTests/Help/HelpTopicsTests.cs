using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using InvestTrack.Features.Help;

namespace InvestTrack.UnitTests.Help;

/// <summary>
/// The help (issue 13 item 12): every feature has its page in both languages under the title the side list shows, every
/// page of the app finds its feature's help, the rules each topic points to exist in docs/, and the Markdown is shown
/// as text with its links kept inside the help.
/// </summary>
public partial class HelpTopicsTests
{
    private static readonly string Root = RepositoryPaths.Root;
    private static readonly string Source = Path.Combine(Root, "src", "InvestTrack");
    private static readonly string TopicsFolder = Path.Combine(Source, "Features", "Help", "Topics");

    /// <summary>Full-width punctuation, which an English page has no use for.</summary>
    private const string FullWidth = "，。：；（）、“”‘’「」『』【】《》〔〕！？…—";

    private static Dictionary<string, string> Strings(string file) =>
        XDocument.Load(Path.Combine(Source, "Resources", file)).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    public static TheoryData<string> Keys()
    {
        var data = new TheoryData<string>();
        foreach (var topic in HelpTopics.All) data.Add(topic.Key);
        return data;
    }

    [Theory]
    [MemberData(nameof(Keys))]
    public void Every_topic_has_its_page_in_both_languages_under_its_title(string key)
    {
        var topic = HelpTopics.Find(key)!;
        foreach (var (language, resources) in new[] { ("zh-CN", "SharedResource.resx"), ("en", "SharedResource.en.resx") })
        {
            var path = Path.Combine(TopicsFolder, $"{key}.{language}.md");
            Assert.True(File.Exists(path), $"{path} is missing");
            var text = File.ReadAllText(path);
            var title = Strings(resources)[$"Help.Topic.{key}"];
            Assert.Equal($"# {title}", text.Split('\n')[0].TrimEnd('\r'));
            // The page the app shows is the one in the repository, compiled in.
            Assert.Equal(text, HelpTopics.Text(topic, CultureInfo.GetCultureInfo(language)));
            if (language == "en")
            {
                var found = text.Where(c => FullWidth.Contains(c)).Distinct().ToArray();
                Assert.True(found.Length == 0, $"{key}.en.md has full-width punctuation: {new string(found)}");
            }
        }
    }

    [Fact]
    public void Every_page_in_the_topics_folder_belongs_to_a_topic()
    {
        var expected = HelpTopics.All.SelectMany(t => new[] { $"{t.Key}.zh-CN.md", $"{t.Key}.en.md" }).Order(StringComparer.Ordinal);
        var present = Directory.GetFiles(TopicsFolder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal);
        Assert.Equal(expected, present);
    }

    [Fact]
    public void Every_rules_document_a_topic_names_exists_in_docs()
    {
        var rules = HelpTopics.All.SelectMany(t => t.Rules).Distinct().ToList();
        Assert.NotEmpty(rules);
        foreach (var rule in rules)
        {
            Assert.True(File.Exists(Path.Combine(Root, "docs", rule)), $"docs/{rule} does not exist");
            Assert.Equal(File.ReadAllText(Path.Combine(Root, "docs", rule)), HelpTopics.Rules(rule));
        }
    }

    [Theory]
    [InlineData("/", "workbench")]
    [InlineData("/inbox", "workbench")]
    [InlineData("inbox", "workbench")]
    [InlineData("/projects/12/funds", "funds")]
    [InlineData("/projects/12", "projects")]
    [InlineData("/projects", "projects")]
    [InlineData("/reports/dispatch?year=2026", "dispatch-report")]
    [InlineData("/leads/holidays", "leads")]
    [InlineData("/dashboard/screen", "dashboard")]
    [InlineData("/funds/audit#top", "funds")]
    [InlineData("/no-such-page", "workbench")]
    public void An_address_finds_the_help_of_its_feature(string address, string key) =>
        Assert.Equal(key, HelpTopics.For(address).Key);

    /// <summary>Pages that belong to no feature: the help itself, errors, sign-in and its second factor.</summary>
    private static bool Ignored(string route) =>
        route == "/help" || route.StartsWith("/help/", StringComparison.Ordinal) || route is "/error" or "/not-found" or "/account/login" or "/account/change-password" or "/account/two-factor" or "/account/security"
        || route.StartsWith("/status/", StringComparison.Ordinal);

    [Fact]
    public void Every_page_of_the_app_finds_the_help_of_its_own_feature()
    {
        var routes = Directory.GetFiles(Source, "*.razor", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                        && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .SelectMany(f => PageDirective().Matches(File.ReadAllText(f)).Select(m => m.Groups[1].Value))
            .Where(r => !Ignored(r)).Distinct().ToList();
        Assert.True(routes.Count > 40, $"only {routes.Count} routes found: is the @page pattern still right?");
        var home = new[] { "/", "/inbox", "/search" };
        var wrong = new List<string>();
        foreach (var route in routes)
        {
            // A parameter becomes a value of its kind: ids and years are digits, weeks are 2026-W50.
            var address = Parameter().Replace(route, m => m.Value.Contains("Week", StringComparison.Ordinal) ? "2026-W50" : "12");
            var key = HelpTopics.For(address).Key;
            if (home.Contains(route) ? key != "workbench" : key == "workbench") wrong.Add($"{route} → {key}");
        }
        Assert.True(wrong.Count == 0, "pages without their feature's help: " + string.Join(", ", wrong));
    }

    [Fact]
    public void Markdown_shows_raw_html_as_text()
    {
        var html = HelpMarkdown.ToHtml("Before <script>alert(1)</script> after\n\n<script>alert(2)</script>\n");
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", html);
        Assert.Contains("&lt;script&gt;alert(2)&lt;/script&gt;", html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("[a](statistics.md#x)", "", "/help/rules/statistics.md#x")]
    [InlineData("[a](decisions/0012-published-rankings.md)", "", "/help/rules/decisions/0012-published-rankings.md")]
    [InlineData("[a](../statistics.md#counting)", "decisions/", "/help/rules/statistics.md#counting")]
    [InlineData("[a](../README.md)", "", "/help")]
    [InlineData("[a](../../README.md)", "decisions/", "/help")]
    [InlineData("[a](no-such-rules.md)", "", "/help")]
    [InlineData("[a](../src/InvestTrack/Program.cs)", "", "/help")]
    [InlineData("[a](#counting)", "", "#counting")]
    [InlineData("[a](https://www.gov.cn/)", "", "https://www.gov.cn/")]
    public void Markdown_links_stay_inside_the_help(string markdown, string folder, string href) =>
        Assert.Contains($"href=\"{href}\"", HelpMarkdown.ToHtml(markdown, folder));

    [GeneratedRegex("^@page\\s+\"([^\"]+)\"", RegexOptions.Multiline)]
    private static partial Regex PageDirective();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Parameter();
}
