using System.Reflection;
using InvestTrack.Features.Imports;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Components;

namespace InvestTrack.UnitTests;

/// <summary>
/// docs/security.md 7 and 12: the router (AuthorizeRouteView) checks only a page's own [Authorize]; the app's fallback policy
/// reaches HTTP requests, not an open circuit. A page without [Authorize] would stay on screen when its circuit signs
/// its user out (a change to the user, a logout elsewhere, idle, 12 hours) instead of going to the login page. So every
/// page says which it is: [Authorize] (with or without a policy) or [AllowAnonymous].
/// </summary>
public sealed class PageAuthorizationTests
{
    [Fact]
    public void Every_page_requires_a_signed_in_user_or_says_it_is_open_to_anyone()
    {
        var pages = typeof(LedgerColumns).Assembly.GetTypes()
            .Where(t => typeof(IComponent).IsAssignableFrom(t) && t.GetCustomAttributes<RouteAttribute>().Any()).ToList();
        Assert.Contains(pages, p => p.Name == "HomePage");
        var undecided = pages.Where(p => !p.GetCustomAttributes(inherit: true).Any(a => a is IAuthorizeData or IAllowAnonymous))
            .Select(p => p.FullName).ToList();
        Assert.True(undecided.Count == 0, "pages with neither [Authorize] nor [AllowAnonymous]: " + string.Join(", ", undecided));
    }
}
