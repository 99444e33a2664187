using System.Net;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Security;

/// <summary>A page past the last is empty with the right total, never the first page again nor an error (page × size overflowed 32 bits).</summary>
public abstract class PagingTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    public static TheoryData<string, string> Lists() => new()
    {
        { "city", "/api/projects?pageSize=7" },
        { "tiexi", "/api/projects?pageSize=7&q=项目" },
        { "city", "/api/companies?pageSize=7" },
        { "city", "/api/funds?pageSize=7" },
        { "city", "/api/funds/queue?pageSize=7" },
        { "city", "/api/dashboard/records?kind=Funds&pageSize=7" },
    };

    [Theory]
    [MemberData(nameof(Lists))]
    public async Task A_page_past_the_last_is_empty_and_keeps_the_total(string user, string list)
    {
        if (list.Contains("dashboard", StringComparison.Ordinal))
        {
            var period = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().FundsRecords.MaxAsync(r => r.Period));
            list += $"&year={period / 100}&month={period % 100}";
        }
        var client = await App.SignInAsync(user);
        async Task<(int Rows, long Total, int Page)> PageAsync(string page)
        {
            var response = await client.GetAsync($"{list}&page={page}");
            var body = await response.Content.ReadAsStringAsync();
            Assert.True(response.StatusCode == HttpStatusCode.OK, $"{list}&page={page}: {(int)response.StatusCode} {body}");
            using var json = JsonDocument.Parse(body);
            var root = json.RootElement;
            // The dashboard's list counts its rows in "count" ("total" is the figure they add up to).
            var total = root.TryGetProperty("count", out var count) ? count.GetInt64() : root.GetProperty("total").GetInt64();
            return (root.GetProperty("rows").GetArrayLength(), total, root.GetProperty("page").GetInt32());
        }

        var first = await PageAsync("1");
        Assert.True(first.Rows > 0 && first.Total > first.Rows, $"{list}: the list needs more than one page ({first.Total})");
        var lastPage = (int)((first.Total + 6) / 7);
        var last = await PageAsync(lastPage.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(first.Total - (lastPage - 1) * 7, last.Rows);
        foreach (var beyond in new[] { lastPage + 1, 1_000_000, int.MaxValue })
        {
            var page = await PageAsync(beyond.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal((0, first.Total, beyond), page);
        }
    }

    [Fact]
    public async Task A_user_list_page_past_the_last_is_empty()
    {
        var all = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().ListAsync(new UserQuery(PageSize: 3)));
        Assert.True(all.Total > 3);
        foreach (var page in new[] { (all.Total + 2) / 3, int.MaxValue - 1 })
        {
            var beyond = await App.AsUserAsync("admin", sp => sp.GetRequiredService<UserAdmin>().ListAsync(new UserQuery(PageSize: 3, Page: page)));
            Assert.Empty(beyond.Rows);
            Assert.Equal(all.Total, beyond.Total);
        }
    }
}

[Collection("postgres")]
public sealed class PostgresPagingTests(PostgresFixture fixture) : PagingTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqlitePagingTests(SqliteFixture fixture) : PagingTests(fixture), IClassFixture<SqliteFixture>;
