using System.Net;
using InvestTrack.Data;
using InvestTrack.Infrastructure.Auth;
using Microsoft.Extensions.Configuration;

namespace InvestTrack.UnitTests;

/// <summary>Issue 14 item 3: the networks administrators may work from, by default this machine and the private ranges.</summary>
public sealed class AdminNetworksTests
{
    private static AdminNetworks With(string? networks) =>
        new(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { [AdminNetworks.Key] = networks }).Build());

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("::1", true)]
    [InlineData("10.20.30.40", true)]
    [InlineData("172.31.255.1", true)]
    [InlineData("192.168.1.9", true)]
    [InlineData("fd12:3456::1", true)]
    [InlineData("::ffff:192.168.1.9", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("8.8.8.8", false)]
    [InlineData("2001:db8::1", false)]
    public void The_default_is_this_machine_and_the_private_ranges(string address, bool allowed) =>
        Assert.Equal(allowed, With(null).Allows(IPAddress.Parse(address)));

    [Fact]
    public void A_configured_list_replaces_the_default()
    {
        var networks = With("10.9.0.0/16, 203.0.113.0/24");
        Assert.True(networks.Allows(IPAddress.Parse("10.9.1.2")));
        Assert.True(networks.Allows(IPAddress.Parse("203.0.113.77")));
        Assert.False(networks.Allows(IPAddress.Parse("10.8.1.2")));
        Assert.False(networks.Allows(IPAddress.Parse("127.0.0.1")));
    }

    [Fact]
    public void A_wrong_range_stops_start_up_naming_the_key_and_the_range()
    {
        var refused = Assert.Throws<ConfigurationException>(() => With("10.0.0.0/8, 10.0.0/33"));
        Assert.Equal(AdminNetworks.Key, refused.Key);
        Assert.Contains("'10.0.0/33'", refused.Message, StringComparison.Ordinal);
    }
}
