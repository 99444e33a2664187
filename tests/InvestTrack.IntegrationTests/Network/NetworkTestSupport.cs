using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Network;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Network;

internal static class NetworkTestSupport
{
    /// <summary>A project of the unit (a demo one), as the system operator sees it.</summary>
    public static Task<int> ProjectOfAsync(this TestApp app, string unitCode, int skip = 0) => app.AsSystemAsync(sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        return db.Projects.Where(p => db.Units.Any(u => u.Id == p.UnitId && u.Code == unitCode)).OrderBy(p => p.Id).Select(p => p.Id).Skip(skip).FirstAsync();
    });

    public static Task<int> CountAsync<T>(this TestApp app, System.Linq.Expressions.Expression<Func<T, bool>> where) where T : class =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Set<T>().IgnoreQueryFilters().CountAsync(where));

    /// <summary>The field errors of a 400 ValidationProblem, first message of each.</summary>
    public static async Task<Dictionary<string, string>> ErrorsAsync(HttpResponseMessage response)
    {
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return doc.RootElement.GetProperty("errors").EnumerateObject().ToDictionary(p => p.Name, p => p.Value[0].GetString()!);
    }

    public static async Task<T> CreatedAsync<T>(HttpResponseMessage response)
    {
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    public static string Unique() => AdminTestSupport.Unique();
}
