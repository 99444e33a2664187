using System.Text;

namespace InvestTrack.Kernel;

/// <summary>
/// The one set of rules for text that people type or import (docs/decisions/0008-text-input.md):
/// <list type="bullet">
/// <item>stored in Unicode NFC, so that the same name typed two ways is one name to search, sort and compare;</item>
/// <item>no control characters (NUL, C0, DEL, C1, line and paragraph separators, unpaired surrogates): PostgreSQL
/// refuses NUL, and the others are invisible in the UI but not in exports. Multi-line text — a field of 500
/// characters or more — keeps tab and line breaks (CR LF and CR become LF);</item>
/// <item>no bidirectional controls (U+202A–U+202E, U+2066–U+2069, U+200E, U+200F, U+061C), which make
/// text read differently than it is stored (the "Trojan Source" trick);</item>
/// <item>no text that is only blanks or invisible characters (zero-width spaces and joiners, word joiner, BOM…);</item>
/// <item>codes compared and stored without those invisible characters.</item>
/// </list>
/// <see cref="Problem"/> answers a message key of SharedResource (Text.*); AppDbContext applies the rules to every
/// string it saves, services and the import check them first so that people get a message at the field.
/// </summary>
public static class TextInput
{
    /// <summary>Fields whose declared maximum is at least this long are multi-line (notes, reasons, progress text, templates).</summary>
    public const int MultiLineFrom = 500;

    public const string Control = "Text.Control";
    public const string Bidi = "Text.Bidi";
    public const string Blank = "Text.Blank";

    public static bool IsMultiLine(int? maxLength) => maxLength is null or >= MultiLineFrom;

    /// <summary>NFC; in multi-line text CR LF and CR become LF. Text with an unpaired surrogate is returned as it is (and refused by <see cref="Problem"/>).</summary>
    public static string Normalise(string text, bool multiLine = false)
    {
        if (multiLine && text.Contains('\r')) text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        if (HasUnpairedSurrogate(text)) return text;
        return text.IsNormalized(NormalizationForm.FormC) ? text : text.Normalize(NormalizationForm.FormC);
    }

    /// <summary>The message key of what is wrong with normalised text, or null when it may be stored. Empty text is fine here (required is the form's rule).</summary>
    public static string? Problem(string text, bool multiLine = false)
    {
        if (text.Length == 0) return null;
        if (HasUnpairedSurrogate(text)) return Control;
        var visible = false;
        foreach (var c in text)
        {
            if (IsBidiControl(c)) return Bidi;
            if (IsControl(c, multiLine)) return Control;
            if (!visible && !IsInvisible(c)) visible = true;
        }
        return visible ? null : Blank;
    }

    /// <summary>What is wrong with a form value whose field holds at most <paramref name="maxLength"/> characters, as it will be stored; null when nothing.</summary>
    public static string? ProblemOf(string? value, int? maxLength)
    {
        if (value is null) return null;
        var multiLine = IsMultiLine(maxLength);
        return Problem(Normalise(value, multiLine), multiLine);
    }

    /// <summary>A code as typed, for comparing and storing: invisible characters removed, trimmed.</summary>
    public static string Code(string? code) => code is null ? "" : StripInvisible(code).Trim();

    /// <summary>
    /// A search or filter value as the query should see it: NFC, without control, bidirectional and invisible
    /// characters (stored text has none, and PostgreSQL refuses NUL), trimmed; null when nothing is left.
    /// </summary>
    public static string? Search(string? text)
    {
        if (string.IsNullOrEmpty(text)) return null;
        var sb = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                sb.Append(c).Append(text[++i]);
                continue;
            }
            if (char.IsSurrogate(c) || IsControl(c, multiLine: false) || IsBidiControl(c) || IsZeroWidth(c)) continue;
            sb.Append(c);
        }
        var clean = sb.ToString().Normalize(NormalizationForm.FormC).Trim();
        return clean.Length == 0 ? null : clean;
    }

    public static bool IsBidiControl(char c) => c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069' or '\u200E' or '\u200F' or '\u061C';

    /// <summary>C0 (but tab and LF in multi-line text), DEL, C1, and the Unicode line and paragraph separators.</summary>
    public static bool IsControl(char c, bool multiLine) => c switch
    {
        '\t' or '\n' => !multiLine,
        < '\u0020' => true,
        >= '\u007F' and <= '\u009F' => true,
        '\u2028' or '\u2029' => true,
        _ => false,
    };

    /// <summary>Characters that take no visible space of their own: format characters of zero width and fillers.</summary>
    public static bool IsZeroWidth(char c) =>
        c is >= '\u200B' and <= '\u200D' or >= '\u2060' and <= '\u2064' or '\uFEFF' or '\u00AD' or '\u034F' or '\u180E'
            or '\u115F' or '\u1160' or '\u3164' or '\uFFA0';

    /// <summary>Blank or zero-width: a text made only of these shows nothing.</summary>
    public static bool IsInvisible(char c) => char.IsWhiteSpace(c) || IsZeroWidth(c) || IsBidiControl(c) || char.IsControl(c);

    private static string StripInvisible(string text)
    {
        if (!text.Any(IsZeroWidth)) return text;
        return string.Concat(text.Where(c => !IsZeroWidth(c)));
    }

    private static bool HasUnpairedSurrogate(string text)
    {
        for (var i = 0; i < text.Length; i++)
        {
            if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) i++;
            else if (char.IsSurrogate(text[i])) return true;
        }
        return false;
    }
}

/// <summary>
/// Thrown by AppDbContext when a text it is asked to save breaks a rule of <see cref="TextInput"/>. Services turn it
/// into a message at <see cref="Field"/>; the API answers 400 with it. The message is in the current UI language.
/// </summary>
public sealed class InvalidTextException(string entity, string field, string problem)
    : Exception(Resources.SharedResource.Text(problem))
{
    /// <summary>The entity type's name, for logs.</summary>
    public string Entity { get; } = entity;

    /// <summary>The property, which is the form field of the same name.</summary>
    public string Field { get; } = field;

    /// <summary>A message key of <see cref="TextInput"/> (Text.*).</summary>
    public string Problem { get; } = problem;
}
