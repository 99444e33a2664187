using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Resources;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InvestTrack.UnitTests;

public class PasswordRulesTests
{
    private static readonly PasswordRules Rules = new(new StringLocalizer<SharedResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance)));

    private static bool Accepts(string password, string userName = "zhangsan") =>
        Rules.ValidateAsync(null!, new AppUser { DisplayName = "张三", UserName = userName }, password).Result.Succeeded;

    [Theory]
    [InlineData("Kx7#mPq2")]
    [InlineData("river-Stone-42")]
    [InlineData("MOUNTAIN7road!")]
    public void Three_of_four_classes_pass(string password) => Assert.True(Accepts(password));

    [Theory]
    [InlineData("alllowercase")]     // one class
    [InlineData("lowercase123")]     // two classes
    [InlineData("Password123!")]     // common word
    [InlineData("Siping#2024x")]     // the city's name
    [InlineData("Zhangsan#2024")]    // the user name
    public void Weak_or_local_passwords_fail(string password) => Assert.False(Accepts(password));

    [Fact]
    public void One_time_passwords_meet_the_rules() =>
        Assert.All(Enumerable.Range(0, 50).Select(_ => DemoData.OneTimePassword()), p => Assert.True(Accepts(p), p));

    [Fact]
    public void The_demo_password_meets_the_rules() => Assert.True(Accepts(DemoData.DemoPassword, "lishu"));
}
