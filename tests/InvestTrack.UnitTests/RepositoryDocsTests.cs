using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using InvestTrack.Features.Imports;

namespace InvestTrack.UnitTests;

/// <summary>
/// The repository is self-contained: no file points at documents outside it, every relative link of the
/// documentation resolves, the README names every configuration key the code reads, and the import format
/// in docs/ names every column the importer knows.
/// </summary>
public partial class RepositoryDocsTests
{
    private static readonly string Root = RepositoryPaths.Root;

    /// <summary>What a path to the briefing material outside the repository looks like. Built from parts so that this file does not match itself.</summary>
    private static readonly string[] OutsidePaths =
    [
        ".." + "/shared", ".." + "\\shared", "shared" + "/contracts", "/work" + "/", "SECURITY" + ".md", "DOMAIN" + ".md", "STYLE" + ".md",
    ];

    private static readonly string[] SkippedFolders = ["bin", "obj", "node_modules", ".git", "artifacts", "TestResults", "data", "logs"];

    private static readonly string[] TextExtensions =
        [".md", ".cs", ".razor", ".py", ".sh", ".json", ".resx", ".props", ".csproj", ".slnx", ".css", ".js", ".yml", ".yaml", ".txt", ".sql", ".html", ""];

    /// <summary>The repository's own text files: README, docs, sources, tests, benchmarks, scripts; never build output or fetched libraries.</summary>
    private static IEnumerable<string> TextFiles()
    {
        IEnumerable<string> Walk(string dir)
        {
            foreach (var file in Directory.EnumerateFiles(dir))
                if (TextExtensions.Contains(Path.GetExtension(file), StringComparer.OrdinalIgnoreCase)) yield return file;
            foreach (var sub in Directory.EnumerateDirectories(dir))
            {
                var name = Path.GetFileName(sub);
                if (SkippedFolders.Contains(name, StringComparer.Ordinal)) continue; // "data" is the SQLite folder; "Data" holds sources
                if (name == "lib" && Path.GetFileName(dir) == "wwwroot") continue;
                foreach (var file in Walk(sub)) yield return file;
            }
        }
        foreach (var file in new[] { "README.md", "test.sh" }.Select(f => Path.Combine(Root, f)).Where(File.Exists)) yield return file;
        foreach (var folder in new[] { "docs", "src", "tests", "bench", "scripts", ".ci" }.Select(f => Path.Combine(Root, f)).Where(Directory.Exists))
            foreach (var file in Walk(folder)) yield return file;
    }

    private static IEnumerable<string> MarkdownFiles()
    {
        yield return Path.Combine(Root, "README.md");
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Root, "docs"), "*.md", SearchOption.AllDirectories)) yield return file;
        if (File.Exists(Path.Combine(Root, "bench", "README.md"))) yield return Path.Combine(Root, "bench", "README.md");
    }

    private static string Relative(string path) => Path.GetRelativePath(Root, path).Replace('\\', '/');

    [Fact]
    public void No_file_points_outside_the_repository()
    {
        var files = TextFiles().ToList();
        Assert.Contains(files, f => Relative(f) == "README.md");
        Assert.Contains(files, f => Relative(f).StartsWith("src/InvestTrack/Features/", StringComparison.Ordinal));
        var hits = new List<string>();
        foreach (var file in files)
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
                foreach (var outside in OutsidePaths.Where(o => lines[i].Contains(o, StringComparison.Ordinal)))
                    hits.Add($"{Relative(file)}:{i + 1}: \"{outside}\" — point to the copy in docs/ instead");
        }
        Assert.True(hits.Count == 0, string.Join(Environment.NewLine, hits));
    }

    [Fact]
    public void The_contracts_live_in_docs_and_the_readme_links_them()
    {
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));
        foreach (var doc in new[] { "docs/import-format.md", "docs/statistics.md", "docs/supervision.md", "docs/decisions/" })
        {
            Assert.True(File.Exists(Path.Combine(Root, doc)) || Directory.Exists(Path.Combine(Root, doc)), doc);
            Assert.Contains($"]({doc})", readme, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Every_relative_link_of_the_documentation_resolves()
    {
        var broken = new List<string>();
        var checkedLinks = 0;
        foreach (var file in MarkdownFiles())
        {
            foreach (var (line, target) in Links(File.ReadAllLines(file)))
            {
                if (Regex.IsMatch(target, "^[a-z][a-z0-9+.-]*:", RegexOptions.IgnoreCase)) continue; // http:, https:, mailto:
                checkedLinks++;
                var hash = target.IndexOf('#');
                var path = Uri.UnescapeDataString(hash < 0 ? target : target[..hash]);
                var anchor = hash < 0 ? null : target[(hash + 1)..];
                var resolved = path.Length == 0 ? file : Path.GetFullPath(Path.Combine(Path.GetDirectoryName(file)!, path));
                if (!resolved.StartsWith(Root, StringComparison.Ordinal))
                    broken.Add($"{Relative(file)}:{line}: {target} leaves the repository");
                else if (!File.Exists(resolved) && !Directory.Exists(resolved))
                    broken.Add($"{Relative(file)}:{line}: {target} does not exist");
                else if (anchor is { Length: > 0 } && resolved.EndsWith(".md", StringComparison.OrdinalIgnoreCase)
                         && !Anchors(File.ReadAllLines(resolved)).Contains(anchor))
                    broken.Add($"{Relative(file)}:{line}: {target} names no heading of {Relative(resolved)}");
            }
        }
        Assert.True(checkedLinks > 10, $"only {checkedLinks} relative links found: is the link pattern still right?");
        Assert.True(broken.Count == 0, string.Join(Environment.NewLine, broken));
    }

    [Fact]
    public void The_readme_names_every_configuration_key_the_code_reads()
    {
        // The first cell of each table row: | `Key` | …
        var documented = File.ReadAllLines(Path.Combine(Root, "README.md")).Select(l => TableKey().Match(l)).Where(m => m.Success)
            .Select(m => m.Groups["key"].Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var keys = ConfigurationKeysReadByCode();
        Assert.Contains("Database:Provider", keys);
        Assert.Contains("ReferenceData:City", keys);
        Assert.Contains("Statistics:DispatchThresholdWan", keys);
        var missing = keys.Where(k => !documented.Contains(k)).ToList();
        Assert.True(missing.Count == 0, "not in README.md's configuration tables: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_import_format_names_every_column_the_importer_knows()
    {
        var doc = File.ReadAllText(Path.Combine(Root, "docs", "import-format.md"));
        var columns = LedgerColumns.Projects.All.Concat(LedgerColumns.Funds.All).Concat(LedgerColumns.Activities.All).ToList();
        Assert.Equal(31, columns.Count);
        foreach (var sheet in new[] { "项目", "到位资金", "活动" }) Assert.Contains($"## Sheet {sheet} ", doc, StringComparison.Ordinal);
        var missing = columns.Where(c => !doc.Contains(c.Chinese, StringComparison.Ordinal) || !doc.Contains(c.Alias, StringComparison.Ordinal))
            .Select(c => $"{c.Chinese} ({c.Alias})").ToList();
        Assert.True(missing.Count == 0, "not in docs/import-format.md: " + string.Join(", ", missing));
    }

    /// <summary>
    /// Keys read by literal in the program (GetValue, GetSection, an indexer, GetConnectionString) and the
    /// settable properties of every options class that names its section in a constant "Section".
    /// </summary>
    private static SortedSet<string> ConfigurationKeysReadByCode()
    {
        var keys = new SortedSet<string>(StringComparer.OrdinalIgnoreCase);
        var source = Path.Combine(Root, "src", "InvestTrack");
        foreach (var file in TextFiles().Where(f => f.StartsWith(source, StringComparison.Ordinal) && (f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".razor", StringComparison.Ordinal))))
        {
            var text = File.ReadAllText(file);
            foreach (Match m in LiteralKey().Matches(text)) keys.Add(m.Groups["key"].Value);
            foreach (Match m in ConnectionString().Matches(text)) keys.Add("ConnectionStrings:" + m.Groups["name"].Value);
        }
        foreach (var type in typeof(LedgerColumns).Assembly.GetTypes())
        {
            if (type.GetField("Section", BindingFlags.Public | BindingFlags.Static) is not { IsLiteral: true } field || field.GetRawConstantValue() is not string section) continue;
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.SetMethod is { IsPublic: true }))
                keys.Add($"{section}:{property.Name}");
        }
        return keys;
    }

    /// <summary>Links [text](target) outside fenced code blocks and code spans, with their line numbers.</summary>
    private static IEnumerable<(int Line, string Target)> Links(string[] lines)
    {
        var fenced = false;
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimStart().StartsWith("```", StringComparison.Ordinal)) { fenced = !fenced; continue; }
            if (fenced) continue;
            var text = CodeSpan().Replace(lines[i], "");
            foreach (Match m in MarkdownLink().Matches(text)) yield return (i + 1, m.Groups["target"].Value);
        }
    }

    /// <summary>The anchors GitHub gives a file's headings: lower case, punctuation dropped, blanks as hyphens.</summary>
    private static HashSet<string> Anchors(string[] lines)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var fenced = false;
        foreach (var line in lines)
        {
            if (line.TrimStart().StartsWith("```", StringComparison.Ordinal)) { fenced = !fenced; continue; }
            if (fenced || Heading().Match(line) is not { Success: true } heading) continue;
            var slug = new StringBuilder();
            foreach (var c in heading.Groups["title"].Value.Trim().ToLowerInvariant())
                if (char.IsLetterOrDigit(c) || c is '-' or '_') slug.Append(c);
                else if (c == ' ') slug.Append('-');
            var anchor = slug.ToString();
            for (var n = 1; !anchors.Add(anchor); n++) anchor = $"{slug}-{n}";
        }
        return anchors;
    }

    [GeneratedRegex("""(?:(?<![A-Za-z])GetValue\s*(?:<[^>()]*>)?\s*\(|GetSection\s*\(|onfiguration>?(?:\(\))?\[)\s*"(?<key>[A-Za-z][A-Za-z0-9_:.]*)"\s*""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex("""^\|\s*`(?<key>[^`]+)`""")]
    private static partial Regex TableKey();

    [GeneratedRegex("""GetConnectionString\s*\(\s*"(?<name>[^"]+)"\s*\)""")]
    private static partial Regex ConnectionString();

    [GeneratedRegex("""(?<!!)\[[^\]]*\]\((?<target>[^)\s]+)(?:\s+"[^"]*")?\)""")]
    private static partial Regex MarkdownLink();

    [GeneratedRegex("`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex("^#{1,6}\\s+(?<title>.+?)\\s*#*\\s*$")]
    private static partial Regex Heading();
}
