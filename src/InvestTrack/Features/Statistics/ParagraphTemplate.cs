using System.Text;

namespace InvestTrack.Features.Statistics;

/// <summary>
/// The administrator-editable wording of a bulletin sentence. Deliberately not Razor, Liquid or string.Format:
/// the only construct is {名称}, replaced by a value computed by the program, so a template can neither run
/// code nor reach data beyond the named figures. "{{" and "}}" write literal braces.
/// </summary>
public static class ParagraphTemplate
{
    /// <summary>Every problem of a template against the known placeholder names; empty when it can be saved.</summary>
    public static List<string> Check(string template, IReadOnlyCollection<string> known)
    {
        var problems = new List<string>();
        Walk(template, _ => { }, name =>
        {
            if (!known.Contains(name)) problems.Add($"未知的占位符 unknown placeholder {{{name}}}");
        }, problems.Add);
        return problems;
    }

    /// <summary>Substitutes the values; a template that fails <see cref="Check"/> is refused, never half rendered.</summary>
    public static string Render(string template, IReadOnlyDictionary<string, string> values)
    {
        var problems = Check(template, [.. values.Keys]);
        if (problems.Count > 0) throw new ArgumentException(string.Join("; ", problems), nameof(template));
        var text = new StringBuilder(template.Length + 64);
        Walk(template, c => text.Append(c), name => text.Append(values[name]), _ => { });
        return text.ToString();
    }

    private static void Walk(string template, Action<char> literal, Action<string> placeholder, Action<string> problem)
    {
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if ((c == '{' || c == '}') && i + 1 < template.Length && template[i + 1] == c)
            {
                literal(c);
                i++;
            }
            else if (c == '{')
            {
                var close = template.IndexOf('}', i + 1);
                var open = template.IndexOf('{', i + 1);
                if (close < 0 || (open >= 0 && open < close))
                {
                    problem($"第{i + 1}个字符处的 {{ 没有配对的 }} (unclosed brace at {i + 1})");
                    return;
                }
                var name = template[(i + 1)..close].Trim();
                if (name.Length == 0) problem($"第{i + 1}个字符处的占位符为空 (empty placeholder at {i + 1})");
                else placeholder(name);
                i = close;
            }
            else if (c == '}')
            {
                problem($"第{i + 1}个字符处的 }} 没有配对的 {{ (stray brace at {i + 1})");
                return;
            }
            else
            {
                literal(c);
            }
        }
    }
}
