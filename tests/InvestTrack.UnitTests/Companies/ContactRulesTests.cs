using InvestTrack.Features.Companies;

namespace InvestTrack.UnitTests.Companies;

public class ContactRulesTests
{
    [Theory]
    [InlineData("13812345678", "138****5678")]
    [InlineData("0434-3221234", "043****1234")]
    [InlineData("1234567", "****")]
    [InlineData(null, null)]
    [InlineData("", "")]
    public void Phones_are_masked(string? phone, string? masked) => Assert.Equal(masked, ContactRules.MaskPhone(phone));

    [Theory]
    [InlineData("13812345678", true)]
    [InlineData("+86 13812345678", true)]
    [InlineData("0434-3221234", true)]
    [InlineData("04343221234-801", true)]
    [InlineData("+7 4232123456", true)]
    [InlineData("12812345678", false)]
    [InlineData("138****5678", false)]
    [InlineData("<script>", false)]
    public void Phones_are_validated(string phone, bool valid) => Assert.Equal(valid, ContactRules.IsPhone(phone));

    [Theory]
    [InlineData("wang@example.cn", true)]
    [InlineData("wang@", false)]
    [InlineData("a b@c.d", false)]
    public void Emails_are_validated(string email, bool valid) => Assert.Equal(valid, ContactRules.IsEmail(email));
}
