using System.Net;
using InvestTrack.Data;
using Microsoft.AspNetCore.HttpOverrides;

namespace InvestTrack.Infrastructure.Hosting;

/// <summary>
/// Behind a reverse proxy the connection comes from the proxy; the user's address and scheme arrive in
/// X-Forwarded-For and X-Forwarded-Proto. They are believed only from the proxies the operator lists
/// (ForwardedHeaders:KnownProxies, ForwardedHeaders:KnownNetworks) — not even loopback by default, since a local
/// tunnel or sidecar would otherwise let any client choose the address that the audit trail and the sign-in
/// rate limit record. With none listed the headers are ignored altogether.
/// </summary>
public static class ProxyHeaders
{
    public const string Section = "ForwardedHeaders";

    /// <summary>First in the pipeline, so that everything after it sees the user's address and scheme.</summary>
    public static void UseProxyHeaders(this WebApplication app)
    {
        var options = FromConfiguration(app.Configuration);
        // ASP.NET Core trusts every sender when both lists are empty: never add it without a configured proxy.
        if (options is not null) app.UseForwardedHeaders(options);
    }

    public static ForwardedHeadersOptions? FromConfiguration(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var options = new ForwardedHeadersOptions
        {
            ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto,
            // One proxy (nginx) by default; a chain (load balancer, then nginx) lists both and raises this.
            ForwardLimit = configuration.GetValue<int?>("ForwardedHeaders:ForwardLimit") ?? 1,
        };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var text in Values(section, "KnownProxies"))
            options.KnownProxies.Add(IPAddress.TryParse(text, out var address)
                ? address
                : throw new ConfigurationException($"{Section}:KnownProxies", $"'{text}', not an IP address"));
        // KnownIPNetworks is ASP.NET Core's own name for the list; either is read.
        foreach (var text in Values(section, "KnownNetworks").Concat(Values(section, "KnownIPNetworks")))
            options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(text, out var network)
                ? network
                : throw new ConfigurationException($"{Section}:KnownNetworks", $"'{text}', not a network in CIDR notation such as 10.0.0.0/8"));
        if (options.ForwardLimit < 1)
            throw new ConfigurationException($"{Section}:ForwardLimit", $"{options.ForwardLimit}; it counts the proxies in front of the app, at least 1");
        return options.KnownProxies.Count + options.KnownIPNetworks.Count > 0 ? options : null;
    }

    /// <summary>A list as configuration gives it: array items (KEY__0, KEY__1) or one value separated by commas.</summary>
    private static IEnumerable<string> Values(IConfigurationSection section, string key)
    {
        var list = section.GetSection(key);
        var items = list.Value is { } single ? [single] : list.GetChildren().Select(c => c.Value ?? "");
        return items.SelectMany(v => v.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
