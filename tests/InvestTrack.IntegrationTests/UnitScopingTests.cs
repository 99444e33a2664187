using System.Net;
using System.Net.Http.Json;
using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests;

public abstract class UnitScopingTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private Task<Dictionary<string, int>> UnitIdsAsync() =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Units.ToDictionaryAsync(u => u.Code, u => u.Id));

    private Task<Project> FirstProjectOfAsync(int unitId) =>
        App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.AsNoTracking().FirstAsync(p => p.UnitId == unitId));

    [Fact]
    public async Task County_user_lists_only_own_county_and_its_zones()
    {
        var units = await UnitIdsAsync();
        var client = await App.SignInAsync("lishu");
        var page = await client.GetFromJsonAsync<ProjectPage>("/api/projects?pageSize=500");
        Assert.NotNull(page);
        Assert.NotEmpty(page.Rows);
        var allowed = new[] { units["220322"], units["220322K01"] };
        Assert.All(page.Rows, r => Assert.Contains(r.UnitId, allowed));
        Assert.Contains(page.Rows, r => r.UnitId == units["220322K01"]);
        var expected = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.CountAsync(p => allowed.Contains(p.UnitId)));
        Assert.Equal(expected, page.Total);
    }

    [Fact]
    public async Task Another_countys_project_answers_404_like_a_missing_one()
    {
        var units = await UnitIdsAsync();
        var foreign = await FirstProjectOfAsync(units["220302"]);
        var client = await App.SignInAsync("lishu");
        var byId = await client.GetAsync($"/api/projects/{foreign.Id}");
        var missing = await client.GetAsync("/api/projects/99999999");
        Assert.Equal(HttpStatusCode.NotFound, byId.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        var search = await client.GetFromJsonAsync<ProjectPage>($"/api/projects?q={Uri.EscapeDataString(foreign.Code)}");
        Assert.Equal(0, search!.Total);
        var page = await client.GetAsync($"/projects/{foreign.Id}");
        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        var own = await FirstProjectOfAsync(units["220322"]);
        var ownPage = await client.GetStringAsync($"/projects/{own.Id}");
        Assert.Contains(own.Name, ownPage);
    }

    [Fact]
    public async Task City_staff_see_every_unit()
    {
        var client = await App.SignInAsync("city");
        var page = await client.GetFromJsonAsync<ProjectPage>("/api/projects?pageSize=500");
        var total = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.CountAsync());
        Assert.Equal(total, page!.Total);
    }
}

[Collection("postgres")]
public sealed class PostgresUnitScopingTests(PostgresFixture fixture) : UnitScopingTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteUnitScopingTests(SqliteFixture fixture) : UnitScopingTests(fixture), IClassFixture<SqliteFixture>;
