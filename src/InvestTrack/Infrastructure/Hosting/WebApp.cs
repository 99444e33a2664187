using System.Globalization;
using InvestTrack.Components;
using InvestTrack.Data;
using InvestTrack.Features.Account;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Funds;
using InvestTrack.Features.Home;
using InvestTrack.Features.Projects;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using MudBlazor.Services;
using Serilog;

namespace InvestTrack.Infrastructure.Hosting;

public static class WebApp
{
    public static readonly CultureInfo[] Cultures = [new("zh-CN"), new("en")];

    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Host.UseSerilog((context, logger) => logger.ReadFrom.Configuration(context.Configuration));
        // Before AddCore: hosted services start in order, and Data Protection's reads its key ring from the
        // database, which Startup migrates first (a new SQLite file has no table yet).
        builder.Services.AddHostedService<Startup>();
        var database = builder.AddCore();
        builder.Services.AddHostedService<Features.Notifications.OutboxProcessor>();
        var services = builder.Services;
        Features.Jobs.JobScheduling.AddJobScheduling(services, builder.Configuration, database);

        services.AddRazorComponents().AddInteractiveServerComponents();
        services.AddMudServices();
        services.AddTransient<MudBlazor.MudLocalizer, AppMudLocalizer>();
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthStateProvider>();
        CircuitCheckOptions.AddCircuitCheck(services);
        services.AddScoped<CircuitHandler, CurrentUserCircuitHandler>();
        services.AddScoped<CircuitActivity>();
        services.AddScoped<CircuitHandler>(sp => sp.GetRequiredService<CircuitActivity>());
        services.AddHttpContextAccessor();

        services.ConfigureApplicationCookie(SessionCookie.Configure);
        // A changed security stamp (role, unit, disabled, password) ends the session within a minute.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddAuthorization(o =>
        {
            foreach (var operation in Enum.GetValues<Operation>())
                o.AddPolicy(operation.ToString(), p => p.RequireRole(AccessPolicy.RolesAllowed(operation)));
            o.FallbackPolicy = o.DefaultPolicy;
        });
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest);

        services.AddProblemDetails(o => o.CustomizeProblemDetails = c =>
            c.ProblemDetails.Extensions["traceId"] = System.Diagnostics.Activity.Current?.TraceId.ToString() ?? c.HttpContext.TraceIdentifier);
        services.AddApiErrors();
        services.AddOpenApi(o => o.AddDocumentTransformer<Features.ApiTokens.BearerOpenApi>());
        Features.ApiTokens.ApiTokenAuthentication.AddApiTokens(services);
        services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        services.AddRateLimiter(_ => { });
        services.AddOptions<Microsoft.AspNetCore.RateLimiting.RateLimiterOptions>().Configure<IConfiguration>(LoginRateLimit.Configure);
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.DefaultRequestCulture = new RequestCulture("zh-CN");
            o.SupportedCultures = Cultures;
            o.SupportedUICultures = Cultures;
            o.RequestCultureProviders = [new CookieRequestCultureProvider()];
        });

        var app = builder.Build();
        app.UseProxyHeaders();
        app.UseSerilogRequestLogging();
        app.UseExceptionHandler("/error", createScopeForErrors: true);
        // A page that is not there or not the user's (404), or not for the user's role (403), answers with the app's own
        // page in the user's language (Components/StatusPage). Here and not in a UseWhen branch: re-executing has to match
        // the endpoint again, and only the app's top-level pipeline routes (in a branch the re-executed request found no
        // endpoint and answered an empty 404).
        app.UseStatusCodePagesWithReExecute("/status/{0}", createScopeForStatusCodePages: true);
        app.Use(StatusPages.OnlyForPageReads);
        // An API error status without a body (404, 401, 403) answers as ProblemDetails with a trace id.
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), b => b.UseStatusCodePages());
        app.UseMiddleware<SecurityHeaders>();
        app.UseRequestLocalization();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<CurrentUserMiddleware>();
        app.UseMiddleware<RecentWriteCookie>();
        // Outside authorization, so that its 403s are seen too.
        app.UseMiddleware<RefusalAudit.Middleware>();
        // Inside the refusal audit, outside the administrators' networks and authorization: a token call is audited once, with their answer.
        app.UseMiddleware<Features.ApiTokens.ApiTokenUsage.Middleware>();
        app.UseMiddleware<AdminNetworks.Middleware>();
        app.UseAuthorization();
        app.UseMiddleware<MustChangePasswordRedirect>();
        app.UseMiddleware<MustEnrolFactorRedirect>();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapHealthChecks("/healthz").AllowAnonymous();
        app.MapOpenApi();
        app.MapAccountEndpoints();
        app.MapProjectExport();
        Features.Imports.ImportTemplate.MapImportEndpoints(app);
        // Every state-changing /api call of a session carries the client header (decision 0005), whatever group maps it.
        var api = app.MapGroup("/api").RequireAuthorization().AddEndpointFilter<Auth.ApiClientHeader>();
        api.MapHomeApi();
        api.MapProjectApi();
        api.MapProjectCommands();
        api.MapCompanyApi();
        Features.Network.NetworkApi.MapNetworkApi(api);
        Features.Leads.LeadApi.MapLeadApi(api);
        Features.NodePlans.PlanApi.MapPlanApi(api);
        Features.Assessment.AssessmentApi.MapAssessmentApi(api);
        Features.WeeklyDispatch.WeeklyDispatchApi.MapWeeklyDispatchApi(api);
        Features.Warnings.WarningApi.MapWarningApi(api);
        Features.Notifications.NotificationApi.MapNotificationApi(api);
        Features.Bulletins.BulletinApi.MapBulletinApi(api);
        Features.SupervisionOrders.OrderApi.MapOrderApi(api);
        api.MapUserApi();
        api.MapSessionApi();
        api.MapAuditApi();
        Features.Targets.TargetApi.MapTargetApi(api);
        api.MapFundsApi();
        Features.Statistics.DispatchApi.MapDispatchApi(api);
        Features.Dashboard.DashboardApi.MapDashboardApi(api);
        Features.Activities.ActivityApi.MapActivityApi(api);
        Features.Jobs.JobsApi.MapJobsApi(api);
        Features.Search.SearchApi.MapSearchApi(api);
        Features.Privacy.PrivacyApi.MapPrivacyApi(api);
        Features.Preferences.ListPreferencesApi.MapListPreferencesApi(api);
        Features.ApiTokens.ApiTokenApi.MapApiTokenApi(api);
        app.MapRazorComponents<AppRoot>().AddInteractiveServerRenderMode();
        return app;
    }
}
