using InvestTrack.Infrastructure.Auth;

namespace InvestTrack.UnitTests;

public class UnitScopeTests
{
    [Fact]
    public void Claim_value_round_trips()
    {
        var scope = new UnitScope(false, [3, 14, 15]);
        var back = UnitScope.FromClaimValue(scope.ToClaimValue());
        Assert.False(back.All);
        Assert.Equal([3, 14, 15], back.UnitIds);
        Assert.True(UnitScope.FromClaimValue("*").All);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("x,y")]
    public void Missing_or_garbled_claims_see_nothing(string? value)
    {
        var scope = UnitScope.FromClaimValue(value);
        Assert.False(scope.All);
        Assert.Empty(scope.UnitIds);
        Assert.False(scope.Contains(1));
    }

    [Fact]
    public void An_anonymous_user_has_an_empty_scope() => Assert.False(new CurrentUser().UnitScope.Contains(1));

    [Fact]
    public void The_command_line_operator_sees_every_unit()
    {
        var user = new CurrentUser();
        user.SetSystem("ops");
        Assert.True(user.UnitScope.All);
        Assert.True(user.Can(Operation.ManageUsers));
    }
}
