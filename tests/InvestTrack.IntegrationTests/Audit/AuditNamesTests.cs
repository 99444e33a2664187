using System.Net.Http.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Projects;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Audit;

/// <summary>The trail names its records and people: the name the trail last recorded, the actor's display name, and a link only for whoever may open the record.</summary>
public abstract class AuditNamesTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    [Fact]
    public async Task Entries_carry_the_records_latest_name_and_the_actors_display_name()
    {
        var project = await App.CreateProjectAsync("tiexi");
        var renamed = project.Name + "（更名）";
        var form = ProjectTestSupport.FormOf(project);
        form.Name = renamed;
        var update = await App.AsUserAsync("tiexi", sp => ProjectTestSupport.Service(sp).UpdateAsync(project.Id, form));
        Assert.True(update.Ok, update.FirstError);
        var displayName = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Users.Where(u => u.UserName == "tiexi").Select(u => u.DisplayName).SingleAsync());

        var auditor = await App.SignInAsync("auditor");
        var page = await auditor.GetFromJsonAsync<AuditResultPage>($"/api/audit?objectType=Project&objectId={project.Id}");
        Assert.Equal(["Update", "Create"], page!.Rows.Select(r => r.Action));
        Assert.All(page.Rows, r => Assert.Equal(renamed, r.ObjectName));
        Assert.All(page.Rows, r => Assert.Equal(displayName, r.UserDisplayName));
        // The auditor reads the trail, not the records: no way into the project.
        Assert.All(page.Rows, r => Assert.Null(r.ObjectLink));
    }

    [Fact]
    public async Task A_link_is_offered_only_to_a_reader_who_may_open_the_record()
    {
        var project = await App.CreateProjectAsync("tiexi");
        var rows = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(a => a.ObjectType == "Project" && a.ObjectId == project.Id.ToString())
            .Select(a => new AuditRow(a.Id, a.OccurredAt, a.UserName, a.Role, a.UnitId, null, a.Address, a.Action, a.ObjectType, a.ObjectId, a.Result, a.OldValues, a.NewValues, a.TraceId, null))
            .ToListAsync());
        var gone = rows[0] with { Id = -1, ObjectId = "999999999" };
        IReadOnlyList<AuditRow> input = [.. rows, gone];

        var forCity = await App.AsUserAsync("city", sp => sp.GetRequiredService<AuditObjects>().NameAsync(input));
        Assert.Equal($"/projects/{project.Id}", forCity[0].ObjectLink);
        Assert.Equal(project.Name, forCity[0].ObjectName);
        Assert.Null(forCity[^1].ObjectLink);

        var forOtherCounty = await App.AsUserAsync("lishu", sp => sp.GetRequiredService<AuditObjects>().NameAsync(input));
        Assert.Null(forOtherCounty[0].ObjectLink);
    }
}

public sealed class SqliteAuditNamesTests(SqliteFixture fixture) : AuditNamesTests(fixture), IClassFixture<SqliteFixture>;

[Collection("postgres")]
public sealed class PostgresAuditNamesTests(PostgresFixture fixture) : AuditNamesTests(fixture), IClassFixture<PostgresFixture>;
