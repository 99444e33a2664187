using System.Globalization;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using InvestTrack.Features.Imports;
using InvestTrack.Features.Projects;
using InvestTrack.Kernel;

namespace InvestTrack.UnitTests;

/// <summary>
/// English complete down to the details (issue 13, item 10): no full-width punctuation (：，（）；、。) in English text,
/// buttons and labels in sentence case ("Add project", not "Add Project"), the built-in milestones named in English, and
/// the separators the pages put between words following the language.
/// </summary>
public partial class EnglishTextTests
{
    private static readonly string Source = Path.Combine(RepositoryPaths.Root, "src", "InvestTrack");

    private static IEnumerable<(string File, string Key, string Value)> English() =>
        Directory.GetFiles(Source, "*.en.resx", SearchOption.AllDirectories).SelectMany(f => XDocument.Load(f).Root!.Elements("data")
            .Select(d => (Path.GetFileName(f), (string)d.Attribute("name")!, (string?)d.Element("value") ?? "")));

    /// <summary>Words a label may capitalise after its first: names, months and days, and the products the app talks to.</summary>
    private static readonly HashSet<string> ProperNouns =
    [
        "Excel", "Word", "WeCom", "DingTalk", "China", "Chinese", "English", "SQLite", "PostgreSQL", "Siping",
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
        "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
    ];

    [Fact]
    public void English_resources_hold_no_full_width_punctuation()
    {
        var found = English().Where(e => FullWidth().IsMatch(e.Value)).Select(e => $"{e.File} {e.Key}: {e.Value}").ToList();
        Assert.True(found.Count == 0, "full-width punctuation in English:\n" + string.Join("\n", found));
    }

    /// <summary>Money is written in English units (10k yuan, 100M yuan); 万元 may follow only as the explanation of the sheets' unit.</summary>
    [Fact]
    public void English_resources_name_money_in_english_units()
    {
        var found = English().Where(e => (e.Value.Contains("万元", StringComparison.Ordinal) && !e.Value.Contains("10k yuan", StringComparison.Ordinal))
                || (e.Value.Contains("亿元", StringComparison.Ordinal) && !e.Value.Contains("100M yuan", StringComparison.Ordinal)))
            .Select(e => $"{e.File} {e.Key}: {e.Value}").ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    [Fact]
    public void Import_messages_in_english_hold_no_full_width_punctuation()
    {
        var english = CultureInfo.GetCultureInfo("en");
        var found = ImportMessages.Codes.Select(c => ImportMessages.Format(c, english, "A", "B", "C", "D"))
            .Where(m => FullWidth().IsMatch(m)).ToList();
        Assert.True(found.Count == 0, string.Join("\n", found));
    }

    /// <summary>
    /// A short label (2 to 6 words, no sentence punctuation: a button, a header, a menu entry) capitalises its first word only,
    /// besides acronyms (CSV, GB/T) and proper nouns.
    /// </summary>
    [Fact]
    public void English_labels_and_buttons_are_in_sentence_case()
    {
        var found = new List<string>();
        foreach (var (file, key, value) in English())
        {
            if (SentencePunctuation().IsMatch(value)) continue;
            var words = value.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(w => w.Trim('(', ')', '"', '\'', '…')).Where(w => w.Length > 0).ToList();
            if (words.Count is < 2 or > 6) continue;
            var capitalised = words.Skip(1).Where(w => char.IsAsciiLetterUpper(w[0]) && w.All(c => char.IsAsciiLetter(c) || c is '-' or '\''))
                .Where(w => !(w.Length >= 2 && w.All(char.IsAsciiLetterUpper)) && !ProperNouns.Contains(w)).ToList();
            if (capitalised.Count > 0) found.Add($"{file} {key}: “{value}” ({string.Join(", ", capitalised)})");
        }
        Assert.True(found.Count == 0, "Title Case in English labels (write “Add project”, not “Add Project”):\n" + string.Join("\n", found));
    }

    [Fact]
    public void The_checks_catch_what_they_are_for()
    {
        Assert.Matches(FullWidth(), "Unit：铁西区");
        Assert.Matches(FullWidth(), "Projects（active）");
        Assert.DoesNotMatch(FullWidth(), "Unit: 铁西区 (active) — “quoted”");
        Assert.DoesNotMatch(SentencePunctuation(), "Add Project");
    }

    [Fact]
    public void Built_in_milestones_have_english_names()
    {
        var zh = Read("ProjectResource.resx");
        var en = Read("ProjectResource.en.resx");
        foreach (var key in MilestoneNames.ResourceKeys)
        {
            Assert.True(zh.ContainsKey(key) && en.ContainsKey(key), key);
            Assert.Matches("^[A-Z][a-z ]+$", en[key]);
            Assert.DoesNotMatch(@"\p{IsCJKUnifiedIdeographs}", en[key]);
        }
    }

    [Fact]
    public void Separators_follow_the_language()
    {
        var before = CultureInfo.CurrentUICulture;
        try
        {
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("en");
            Assert.Equal(("a: b", "a, b", "a; b", "a (b)"), ("a" + DisplayFormat.Colon + "b", "a" + DisplayFormat.ListSeparator + "b", "a" + DisplayFormat.Semicolon + "b", "a" + DisplayFormat.Bracketed("b")));
            CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
            Assert.Equal(("a：b", "a、b", "a；b", "a（b）"), ("a" + DisplayFormat.Colon + "b", "a" + DisplayFormat.ListSeparator + "b", "a" + DisplayFormat.Semicolon + "b", "a" + DisplayFormat.Bracketed("b")));
        }
        finally
        {
            CultureInfo.CurrentUICulture = before;
        }
    }

    private static Dictionary<string, string> Read(string name) =>
        XDocument.Load(Path.Combine(Source, "Resources", name)).Root!.Elements("data").ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? "");

    /// <summary>CJK punctuation (、。〈〉《》「」【】〔〕) and full-width forms (！（），：；？).</summary>
    [GeneratedRegex(@"[\u3000-\u303F\uFF00-\uFFEF]")]
    private static partial Regex FullWidth();

    [GeneratedRegex(@"[.:;?!,{]")]
    private static partial Regex SentencePunctuation();
}
