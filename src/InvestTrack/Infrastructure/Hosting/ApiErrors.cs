using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using InvestTrack.Kernel;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Infrastructure.Hosting;

/// <summary>
/// Every error of /api answers as ProblemDetails (application/problem+json) with a trace id, exceptions included
/// (<see cref="AppExceptionHandler"/>). A request the endpoint cannot bind names the field in the user's language —
/// "缺少参数 version", "amountWan 必须是数字" — instead of a bare 400: minimal APIs throw a
/// <see cref="BadHttpRequestException"/> for it only with <see cref="RouteHandlerOptions.ThrowOnBadRequest"/>.
/// The framework's own message is read for the parameter's name and never sent (it quotes the input).
/// Route ids carry no :int constraint for the same reason: /api/projects/abc answers "id 必须是整数", not a bare 404.
/// </summary>
public static partial class ApiErrors
{
    public static IServiceCollection AddApiErrors(this IServiceCollection services)
    {
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.AddExceptionHandler<AppExceptionHandler>();
        return services;
    }

    public static bool IsApi(PathString path) => path.StartsWithSegments("/api");

    /// <summary>A field that could not be bound (null when the request as a whole is wrong) and the message for it.</summary>
    public sealed record Binding(string? Field, string Message);

    /// <summary>What is wrong with a request that <paramref name="handler"/> (the endpoint's method, when known) could not bind.</summary>
    public static Binding Describe(BadHttpRequestException bad, MethodInfo? handler, IStringLocalizer l)
    {
        var match = ParameterOf().Match(bad.Message);
        var name = match.Success ? match.Groups["name"].Value : null;
        var type = name is null ? null : handler?.GetParameters().FirstOrDefault(p => p.Name == name)?.ParameterType;

        if (bad.InnerException is JsonException json) return Json(json, type, l);
        if (!match.Success) return new(null, l["Api.BadRequest"]);
        if (bad.Message.StartsWith("Implicit body", StringComparison.Ordinal) || bad.Message.EndsWith("from body.", StringComparison.Ordinal))
            return new(null, l["Api.Body"]);
        if (bad.Message.StartsWith("Required parameter", StringComparison.Ordinal)) return new(name, l["Api.Required", name!]);
        return new(name, l[KindOf(type), name!]);
    }

    /// <summary>Malformed JSON, or a value of the wrong type at a path such as $.amountWan or $.contacts[0].name.</summary>
    private static Binding Json(JsonException json, Type? body, IStringLocalizer l)
    {
        var field = json.Path is { Length: > 1 } path ? path.TrimStart('$').TrimStart('.') : null;
        // The reader's own exception type is internal: syntax errors are told apart by it. Their path is only where reading stopped.
        var malformed = json.InnerException?.GetType().Name == "JsonReaderException" || field is null;
        if (malformed) return new(null, l["Api.Json", (json.LineNumber ?? 0) + 1]);
        return new(field, l[KindOf(MemberType(body, json.Path!)), field!]);
    }

    /// <summary>The type a JSON path leads to in the body's type (camelCase names, case-insensitive), or null.</summary>
    internal static Type? MemberType(Type? type, string path)
    {
        foreach (Match step in PathStep().Matches(path))
        {
            if (type is null) return null;
            if (step.Groups["index"].Success)
            {
                type = type.IsArray ? type.GetElementType()
                    : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];
                continue;
            }
            var name = step.Groups["name"].Success ? step.Groups["name"].Value : step.Groups["quoted"].Value;
            type = type.GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase)?.PropertyType;
        }
        return type;
    }

    /// <summary>The message key for a value that does not fit a type (formatted with the field's name).</summary>
    internal static string KindOf(Type? type)
    {
        type = type is null ? null : Nullable.GetUnderlyingType(type) ?? type;
        if (type is null) return "Api.Value";
        if (type.IsEnum) return "Api.Choice";
        if (type == typeof(int) || type == typeof(long) || type == typeof(short) || type == typeof(byte)) return "Api.Integer";
        if (type == typeof(decimal) || type == typeof(double) || type == typeof(float)) return "Api.Number";
        if (type == typeof(DateOnly) || type == typeof(DateTime) || type == typeof(DateTimeOffset)) return "Api.Date";
        if (type == typeof(bool)) return "Api.Boolean";
        if (type == typeof(string)) return "Api.Text";
        return "Api.Value";
    }

    /// <summary>The problem of a text refused by AppDbContext, keyed by the JSON name of the field.</summary>
    public static Binding Text(InvalidTextException e, IStringLocalizer l) => new(JsonNamingPolicy.CamelCase.ConvertName(e.Field), l[e.Problem]);

    // "Required parameter "int version" was not provided from query string.", "Failed to bind parameter "int id" from "abc".",
    // "Failed to read parameter "FundsForm form" from the request body as JSON.", "Implicit body inferred for parameter "form" …".
    [GeneratedRegex("parameter \"(?:[^\"]*? )?(?<name>[A-Za-z_][A-Za-z0-9_]*)\"")]
    private static partial Regex ParameterOf();

    [GeneratedRegex("""\.(?<name>[^.\[]+)|\[(?<index>\d+)\]|\['(?<quoted>[^']*)'\]""")]
    private static partial Regex PathStep();
}
