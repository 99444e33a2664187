using System.Globalization;
using InvestTrack.Features.Network;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InvestTrack.UnitTests.Network;

public sealed class NetworkRulesTests
{
    private static readonly IStringLocalizer<NetworkResource> T = new StringLocalizer<NetworkResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    private static long Wan(decimal wan) => Money.TryFromWan(wan, out var hundredths) ? hundredths : throw new ArgumentException("bad amount");

    [Theory]
    // The seeds' event: 18 signings that add up to 152.76亿元.
    [InlineData(150, 18, "1527600", "共有150人参会，现场签约项目18个，签约金额152.76亿元")]
    // Half up at the second decimal of 亿元, from the exact sum.
    [InlineData(2, 1, "10050", "共有2人参会，现场签约项目1个，签约金额1.01亿元")]
    [InlineData(2, 1, "10049.99", "共有2人参会，现场签约项目1个，签约金额1.00亿元")]
    // Nobody counted: the clause is left out; nothing signed: said so.
    [InlineData(0, 3, "0.01", "现场签约项目3个，签约金额0.00亿元")]
    [InlineData(40, 0, "0", "共有40人参会，无现场签约项目")]
    public void The_event_line_reads_like_the_seeds(int participants, int signings, string wan, string expected)
    {
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
        Assert.Equal(expected, EventLine.Format(T, participants, signings, Wan(decimal.Parse(wan, CultureInfo.InvariantCulture))));
    }

    [Fact]
    public void The_event_line_has_its_english_form()
    {
        CultureInfo.CurrentUICulture = new CultureInfo("en");
        Assert.Equal("150 people took part, 18 projects were signed on site, worth 152.76 (100M yuan)", EventLine.Format(T, 150, 18, Wan(1527600m)));
        CultureInfo.CurrentUICulture = new CultureInfo("zh-CN");
    }

    [Theory]
    [InlineData("wang.ming@example.cn", "w***@example.cn")]
    [InlineData("a@b.cn", "a***@b.cn")]
    [InlineData("no-at-sign", "****")]
    [InlineData("@example.cn", "****")]
    [InlineData("", "")]
    [InlineData(null, null)]
    public void Emails_are_masked_to_the_first_character_and_the_domain(string? email, string? masked) =>
        Assert.Equal(masked, PersonalData.MaskEmail(email));

    [Fact]
    public void Phones_are_masked_as_company_contacts_are() => Assert.Equal("138****5678", PersonalData.MaskPhone("13812345678"));
}
