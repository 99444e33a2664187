using System.Net;
using InvestTrack.Data;
using Microsoft.AspNetCore.Diagnostics;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>
/// The administrators (system admin, auditor) work only from the configured networks (issue 14 item 3):
/// Security:AdminNetworks, a comma-separated list of CIDR ranges, by default this machine and the private ranges.
/// From anywhere else every request of theirs answers 403 (audited by RefusalAudit), except signing out and what
/// is open to anyone (sign-in page, static files, health). The address is the user's: behind a configured proxy, ProxyHeaders has already put the forwarded one.
/// An in-process test host has no address, counted as this machine.
/// </summary>
public sealed class AdminNetworks
{
    public const string Key = "Security:AdminNetworks";
    public const string Default = "127.0.0.0/8,::1/128,10.0.0.0/8,172.16.0.0/12,192.168.0.0/16,fc00::/7";

    public IReadOnlyList<IPNetwork> Networks { get; }

    public AdminNetworks(IConfiguration configuration)
    {
        var text = configuration[Key];
        Networks = Parse(string.IsNullOrWhiteSpace(text) ? Default : text);
    }

    public static IReadOnlyList<IPNetwork> Parse(string text) => [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(range => IPNetwork.TryParse(range, out var network) ? network
            : throw new ConfigurationException(Key, $"'{range}' in '{text}', not a network in CIDR form such as 10.0.0.0/8 or fc00::/7"))];

    public bool Allows(IPAddress? address)
    {
        address ??= IPAddress.Loopback;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        return Networks.Any(n => n.Contains(address));
    }

    public sealed class Middleware(RequestDelegate next, AdminNetworks networks)
    {
        public Task InvokeAsync(HttpContext context)
        {
            if (!SessionCookie.IsAdministrator(context.User) || networks.Allows(context.Connection.RemoteIpAddress)
                || context.Features.Get<IStatusCodeReExecuteFeature>() is not null
                || context.Request.Path.StartsWithSegments("/account/logout")
                || context.GetEndpoint()?.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null)
                return next(context);
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        }
    }
}
