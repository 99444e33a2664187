using System.Text.Json;
using System.Text.Json.Nodes;

namespace InvestTrack.Features.Audit;

/// <summary>One field of an audit entry, before and after: text as it reads, anything else as indented JSON (null when absent).</summary>
public sealed record AuditFieldChange(string Field, string? Old, string? New)
{
    public bool Changed => Old != New;
}

/// <summary>Lines up an entry's old and new values field by field for the detail panel.</summary>
public static class AuditDiff
{
    private static readonly JsonSerializerOptions Pretty = new()
    {
        WriteIndented = true,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static IReadOnlyList<AuditFieldChange> Fields(string? oldValues, string? newValues)
    {
        var before = Parse(oldValues);
        var after = Parse(newValues);
        return before.Keys.Union(after.Keys).Order(StringComparer.Ordinal)
            .Select(k => new AuditFieldChange(k, before.GetValueOrDefault(k), after.GetValueOrDefault(k)))
            .ToList();
    }

    /// <summary>Text without its JSON quotes and escapes; numbers, lists and objects as JSON.</summary>
    private static string Text(JsonNode? value) => value switch
    {
        null => "null",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => v.GetValue<string>(),
        _ => value.ToJsonString(Pretty),
    };

    /// <summary>A JSON object becomes its fields; anything else (or text that is not JSON) one field named "".</summary>
    private static Dictionary<string, string?> Parse(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        try
        {
            var node = JsonNode.Parse(json);
            if (node is JsonObject obj)
                return obj.ToDictionary(p => p.Key, p => (string?)Text(p.Value));
            return new() { [""] = node is null ? "null" : node.ToJsonString(Pretty) };
        }
        catch (JsonException)
        {
            return new() { [""] = json };
        }
    }
}
