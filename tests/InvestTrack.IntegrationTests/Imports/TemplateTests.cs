using System.Net;
using InvestTrack.Tests;

namespace InvestTrack.IntegrationTests.Imports;

public abstract class TemplateTests(AppFixture fixture)
{
    [Fact]
    public async Task The_template_downloads_and_its_example_row_previews_without_problems()
    {
        var client = await fixture.App.SignInAsync("city");
        var response = await client.GetAsync("/import/template.xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        // The city user may import into any unit, so the example row's unit is in scope.
        var preview = await fixture.App.PreviewAsync("city", bytes, "导入模板.xlsx");
        Assert.Empty(preview.Problems);
        Assert.Equal(1, preview.Counts!.Rows);
    }

    [Fact]
    public async Task The_template_needs_the_right_to_edit()
    {
        var leader = await fixture.App.SignInAsync("leader");
        Assert.NotEqual(HttpStatusCode.OK, (await leader.GetAsync("/import/template.xlsx")).StatusCode);
    }
}

public sealed class PostgresTemplateTests(PostgresFixture fixture) : TemplateTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteTemplateTests(SqliteFixture fixture) : TemplateTests(fixture), IClassFixture<SqliteFixture>;
