using System.Globalization;
using System.Reflection;
using System.Resources;
using InvestTrack.Components;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace InvestTrack.UnitTests;

/// <summary>The lists of the breadcrumbs and of the way back from a missing record: real pages, open to every reader, named in both languages.</summary>
public class RecordListsTests
{
    private static readonly Dictionary<string, Type> Pages = typeof(RecordLists).Assembly.GetTypes()
        .SelectMany(t => t.GetCustomAttributes<RouteAttribute>().Select(r => (r.Template, Type: t)))
        .ToDictionary(p => p.Template, p => p.Type);

    [Fact]
    public void Each_list_is_a_page_every_user_who_reads_records_may_open()
    {
        Assert.All(RecordLists.All, list =>
        {
            Assert.True(Pages.TryGetValue(list.Path, out var page), $"no page at {list.Path}");
            Assert.Equal(nameof(Operation.ViewRecords), page!.GetCustomAttribute<AuthorizeAttribute>()?.Policy);
        });
    }

    [Theory]
    [InlineData("zh-CN")]
    [InlineData("en")]
    public void Each_list_is_named_in_both_languages(string culture)
    {
        Assert.All(RecordLists.All, list =>
        {
            var text = new ResourceManager(list.Resource.FullName!, list.Resource.Assembly).GetString(list.Key, new CultureInfo(culture));
            Assert.False(string.IsNullOrWhiteSpace(text), $"{list.Path}: {list.Key}");
        });
    }

    [Theory]
    [InlineData("projects/12", "/projects")]
    [InlineData("projects/12/funds?year=2025", "/projects")]
    [InlineData("weekly-dispatch/3/2026-W10", "/weekly-dispatch")]
    [InlineData("no-such-page", null)]
    [InlineData("", null)]
    [InlineData("projectsx/1", null)]
    public void The_list_is_the_first_segment_of_the_address(string address, string? expected)
    {
        var factory = new Microsoft.Extensions.Localization.ResourceManagerStringLocalizerFactory(
            Microsoft.Extensions.Options.Options.Create(new Microsoft.Extensions.Localization.LocalizationOptions()), Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance);
        Assert.Equal(expected, RecordLists.Of(address, factory)?.Path);
    }
}
