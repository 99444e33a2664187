using InvestTrack.Features.Companies;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Hosting;

namespace InvestTrack.UnitTests;

/// <summary>How a binding failure is told to the user: the type a JSON path leads to, and its message key.</summary>
public class ApiErrorsTests
{
    [Theory]
    [InlineData(typeof(FundsForm), "$.amountWan", "Api.Number")]
    [InlineData(typeof(FundsForm), "$.projectId", "Api.Integer")]
    [InlineData(typeof(FundsForm), "$.source", "Api.Choice")]
    [InlineData(typeof(FundsForm), "$.month", "Api.Text")]
    [InlineData(typeof(ProjectForm), "$.signedOn", "Api.Date")]
    [InlineData(typeof(CompanyForm), "$.contacts[3].name", "Api.Text")]
    [InlineData(typeof(CompanyForm), "$['name']", "Api.Text")]
    [InlineData(typeof(CompanyForm), "$.nothing.there", "Api.Value")]
    public void A_JSON_path_leads_to_the_member_type(Type body, string path, string key) =>
        Assert.Equal(key, ApiErrors.KindOf(ApiErrors.MemberType(body, path)));
}
