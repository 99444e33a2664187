using InvestTrack.Features.Audit;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Infrastructure.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;

namespace InvestTrack.Features.Account;

public static class AccountEndpoints
{
    public static void MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var account = app.MapGroup("/account");

        // Sign-out ends the cookie and, through the changed security stamp, every open circuit of this user.
        account.MapPost("/logout", async ([FromForm] string? returnUrl, SignInManager<AppUser> signIn, UserManager<AppUser> users, AuditLog audit, HttpContext http) =>
        {
            var user = await users.GetUserAsync(http.User);
            if (user is not null)
            {
                await audit.WriteAsync("SignOut", "AppUser", user.Id);
                await users.UpdateSecurityStampAsync(user);
            }
            await signIn.SignOutAsync();
            return TypedResults.LocalRedirect("/account/login");
        }).RequireAuthorization();

        // Switching language is remembered on the user and in the culture cookie.
        account.MapPost("/culture", async ([FromForm] string culture, [FromForm] string? returnUrl, UserManager<AppUser> users, HttpContext http) =>
        {
            if (!WebApp.Cultures.Any(c => c.Name == culture)) return Results.BadRequest();
            var user = await users.GetUserAsync(http.User);
            if (user is not null && user.PreferredCulture != culture)
            {
                user.PreferredCulture = culture;
                await users.UpdateAsync(user);
            }
            http.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(culture)),
                new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, Expires = DateTimeOffset.UtcNow.AddYears(1), IsEssential = true });
            return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
        }).RequireAuthorization();
    }

    private static bool IsLocal(string? url) => !string.IsNullOrEmpty(url) && url.StartsWith('/') && !url.StartsWith("//") && !url.StartsWith("/\\");
}
