using System.Globalization;
using System.Reflection;
using InvestTrack.Kernel;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Audit;

/// <summary>
/// A stored value as the reader understands it: a stage by its name rather than its number, an amount in 万元 rather
/// than in stored hundredths, a moment in China time, yes/no, and "—" for nothing. The stored text stays in the
/// trail untouched; this is only how the detail panel reads it.
/// </summary>
public static class AuditValues
{
    /// <summary>The fields that hold money as whole hundredths of a 万元 (Kernel.Money).</summary>
    private static readonly HashSet<(string Type, string Field)> MoneyFields =
    [
        ("Project", "PlannedInvestment"), ("Project", "ContractedInvestment"), ("FundsRecord", "Amount"),
        ("Lead", "EstimatedInvestment"), ("EventSigning", "Amount"),
    ];

    /// <summary>Every audited entity by the name the trail stores as its kind (AuditCapture writes the CLR type's name).</summary>
    public static readonly IReadOnlyDictionary<string, Type> AuditedTypes = typeof(AuditEntry).Assembly.GetTypes()
        .Where(t => typeof(IAudited).IsAssignableFrom(t) && t is { IsClass: true, IsAbstract: false })
        .ToDictionary(t => t.Name);

    /// <summary>The enum a field of an audited kind holds, or null.</summary>
    public static Type? EnumOf(string? objectType, string field)
    {
        if (objectType is null || !AuditedTypes.TryGetValue(objectType, out var type)) return null;
        var property = type.GetProperty(field, BindingFlags.Public | BindingFlags.Instance);
        if (property is null) return null;
        var clr = Nullable.GetUnderlyingType(property.PropertyType) ?? property.PropertyType;
        return clr.IsEnum ? clr : null;
    }

    /// <summary>Every enum an audited kind holds: each member needs a name (a unit test checks).</summary>
    public static IEnumerable<Type> AuditedEnums() => AuditedTypes.Values
        .SelectMany(t => t.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        .Select(p => Nullable.GetUnderlyingType(p.PropertyType) ?? p.PropertyType)
        .Where(t => t.IsEnum).Distinct();

    public static string Describe(string? objectType, string field, string? value, IStringLocalizer fields)
    {
        if (value is null or "null") return fields["Value.Empty"];
        if (value is "true" or "false") return fields[value == "true" ? "Value.True" : "Value.False"];
        if (objectType is not null && MoneyFields.Contains((objectType, field)) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var hundredths))
            return fields["Value.Wan", Money.FormatWan(hundredths)];
        if (EnumOf(objectType, field) is { } enumType)
            return EnumName(enumType, value, fields) ?? value;
        // Moments are stored in UTC with their offset; a date alone has no offset and is left as it is.
        if (value.Length > 19 && value[10] == 'T' && DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
            return moment.ToOffset(TimeSpan.FromHours(8)).ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);
        return value;
    }

    private static string? EnumName(Type enumType, string value, IStringLocalizer fields)
    {
        string? member = long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number)
            ? Enum.GetName(enumType, Enum.ToObject(enumType, number))
            : Enum.GetNames(enumType).FirstOrDefault(n => n == value);
        if (member is null) return null;
        var text = fields[$"Enum.{enumType.Name}.{member}"];
        return text.ResourceNotFound ? member : text.Value;
    }
}
