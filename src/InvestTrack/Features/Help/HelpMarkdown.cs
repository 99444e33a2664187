using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace InvestTrack.Features.Help;

/// <summary>
/// Markdown to HTML for the help pages. Raw HTML in the text is shown as text, never run, and links between the docs
/// (statistics.md#counting, ../README.md) become links inside the app's help (/help/rules/…) or plain text when they
/// lead outside the docs.
/// </summary>
public static class HelpMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UsePipeTables().UseAutoIdentifiers().DisableHtml().Build();

    /// <param name="markdown">The text.</param>
    /// <param name="folder">Where the text lives inside docs/ ("" or "decisions/"), to resolve its relative links.</param>
    public static string ToHtml(string markdown, string folder = "")
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var link in document.Descendants<LinkInline>())
            if (link.Url is { } url && !url.Contains("://", StringComparison.Ordinal) && !url.StartsWith('#') && !url.StartsWith('/'))
                link.Url = Resolve(folder, url);
        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        // A wide table scrolls sideways inside a region the keyboard can reach (WCAG: scrollable regions are focusable).
        return writer.ToString().Replace("<table>", "<div class=\"help-table\" tabindex=\"0\" role=\"region\"><table>", StringComparison.Ordinal)
            .Replace("</table>", "</table></div>", StringComparison.Ordinal);
    }

    /// <summary>A relative link of a doc as an address of the help: only .md files inside docs/; anything else goes nowhere.</summary>
    public static string Resolve(string folder, string url)
    {
        var (path, anchor) = url.IndexOf('#') is var i and >= 0 ? (url[..i], url[i..]) : (url, "");
        var parts = new List<string>(folder.Split('/', StringSplitOptions.RemoveEmptyEntries));
        foreach (var part in path.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            if (part == "..") { if (parts.Count == 0) return "/help"; parts.RemoveAt(parts.Count - 1); }
            else if (part != ".") parts.Add(part);
        }
        var resolved = string.Join('/', parts);
        return resolved.EndsWith(".md", StringComparison.Ordinal) && HelpTopics.Rules(resolved) is not null ? $"/help/rules/{resolved}{anchor}" : "/help";
    }
}
