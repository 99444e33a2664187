using System.Text.Encodings.Web;
using System.Text.Unicode;
using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.WebEncoders;

namespace InvestTrack.Infrastructure.Hosting;

/// <summary>What the web app and the command-line verbs share: configuration, database, identity, localisation.</summary>
public static class CoreServices
{
    public static DatabaseSettings AddCore(this WebApplicationBuilder builder)
    {
        var settings = DatabaseSettings.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath, builder.Environment.IsDevelopment());
        var services = builder.Services;
        services.AddSingleton(settings);
        // Keys in files outside the database (Kernel/Crypto); read when first needed, so that a verb without them runs.
        var contentRoot = builder.Environment.ContentRootPath;
        var development = builder.Environment.IsDevelopment();
        var keys = new Lazy<Kernel.Crypto.IKeyProvider>(() => Kernel.Crypto.FileKeyProvider.FromConfiguration(builder.Configuration, contentRoot, settings, development));
        settings.Keys = keys;
        services.AddSingleton(_ => keys.Value);
        services.AddSingleton(sp => settings.BuildOptions(sp.GetRequiredService<ILoggerFactory>()));
        services.AddScoped<CurrentUser>();
        services.AddScoped<IDbContextFactory<AppDbContext>, AppDbContextFactory>();
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        services.AddReadContexts();
        services.AddSingleton(TimeProvider.System);
        services.AddScoped<Features.Audit.AuditLog>();
        Features.Audit.AuditServices.AddAuditChain(services, builder.Configuration, contentRoot, settings);
        Features.Backup.BackupServices.AddBackups(services);
        services.AddScoped<Features.Account.PasswordSignIn>();
        services.AddSingleton<Features.Account.DecoyPassword>();
        // Built now: a role name that does not exist stops start-up with the key's name.
        services.AddSingleton(new Features.Account.TwoFactor.TwoFactorPolicy(builder.Configuration));
        services.AddSingleton<Features.Account.TwoFactor.TotpFactor>();
        services.AddSingleton<Features.Account.TwoFactor.ISecondFactor>(sp => sp.GetRequiredService<Features.Account.TwoFactor.TotpFactor>());
        services.AddSingleton<Features.Account.TwoFactor.RecoveryCodes>();
        services.AddScoped<Features.Account.TwoFactor.TwoFactorSignIn>();
        services.AddScoped<Features.Account.TwoFactor.TwoFactorAccount>();
        services.AddSingleton<Features.Account.RefusalPace>();
        services.AddSingleton<RefusalAudit>();
        services.AddSingleton(new SessionClock());
        // Read now: a value out of range stops start-up with its name.
        var passwordMaxAgeDays = Features.Account.PasswordExpiry.MaxAgeDaysFrom(builder.Configuration);
        services.AddSingleton(sp => new Features.Account.PasswordExpiry(passwordMaxAgeDays, sp.GetRequiredService<SessionClock>()));
        // Built now: a wrong network list stops start-up with its name.
        services.AddSingleton(new AdminNetworks(builder.Configuration));
        services.AddScoped<Features.Home.WorkbenchService>();
        services.AddScoped<Features.Users.UserAdmin>();
        services.AddScoped<Features.Units.UnitAdmin>();
        services.AddScoped<Features.ReferenceData.CatalogAdmin>();
        services.AddScoped<Features.Audit.AuditQueries>();
        services.AddScoped<Features.Audit.AuditObjects>();
        services.AddScoped<Features.Imports.ProjectImport>();
        services.AddScoped<Features.Projects.ProjectService>();
        services.AddScoped<Features.Projects.ProjectReads>();
        services.AddScoped<Features.Projects.ProjectDocuments>();
        services.AddScoped<Features.Companies.CompanyService>();
        services.AddScoped<Features.Companies.CompanyLinks>();
        services.AddScoped<Features.Companies.CompanyDuplicates>();
        services.AddScoped<Features.Companies.CompanyMerge>();
        services.AddScoped<Features.Companies.CompanyExport>();
        services.AddScoped<Features.Network.EventService>();
        services.AddScoped<Features.Network.TalentService>();
        services.AddScoped<Features.Network.WorkstationService>();
        services.AddScoped<Features.Network.AgencyService>();
        services.AddScoped<Features.Network.RetentionService>();
        services.AddScoped<Features.Targets.TargetService>();
        services.AddScoped<Features.Targets.TargetImport>();
        services.AddScoped<Features.Funds.FundsService>();
        services.AddScoped<Features.Funds.FundsEvidenceService>();
        services.AddScoped<Features.Funds.FundsQueries>();
        services.AddScoped<Features.Funds.FundsExport>();
        services.AddScoped<Features.Dashboard.DashboardService>();
        services.AddScoped<Features.Activities.ActivityReport>();
        services.AddScoped<Features.Activities.ActivityTemplates>();
        services.AddScoped<Features.Activities.ActivityService>();
        services.AddScoped<Features.Search.GlobalSearch>();
        services.AddScoped<Features.Privacy.UnmaskService>();
        services.AddSingleton<Kernel.Crypto.PersonalDataCipher>();
        services.AddScoped<Features.Preferences.ListPreferences>();
        Features.Statistics.StatisticsServices.AddStatistics(services);
        Features.Leads.LeadServices.AddLeads(services);
        Features.NodePlans.PlanServices.AddNodePlans(services);
        Features.Assessment.AssessmentServices.AddAssessment(services);
        Features.WeeklyDispatch.WeeklyDispatchServices.AddWeeklyDispatch(services);
        Features.Warnings.WarningServices.AddWarnings(services);
        Features.Notifications.NotificationServices.AddNotifications(services, builder.Configuration);
        Features.Bulletins.BulletinServices.AddBulletins(services);
        Features.SupervisionOrders.OrderServices.AddSupervisionOrders(services);

        // Without this, server-rendered Chinese comes out as &#x…; entities.
        services.Configure<WebEncoderOptions>(o => o.TextEncoderSettings = new TextEncoderSettings(UnicodeRanges.All));
        services.AddSingleton(HtmlEncoder.Create(UnicodeRanges.All));
        services.AddLocalization();

        // Read now, not when Identity first asks: a value of the wrong type stops start-up with its name (Program.cs).
        var passwordMinLength = builder.Configuration.GetValue("Security:PasswordMinLength", 8);
        services.AddIdentityCore<AppUser>(o =>
            {
                o.Password.RequiredLength = passwordMinLength;
                o.Password.RequireDigit = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<AppDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<PasswordRules>()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>();
        // The command line needs these too: Identity's sign-in manager and token providers depend on them.
        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        // Keys live in the database so that every instance shares them; encrypted there with the operator's certificate.
        var keyProtection = KeyProtection.FromConfiguration(builder.Configuration, builder.Environment.ContentRootPath);
        services.AddSingleton(keyProtection);
        keyProtection.Apply(services.AddDataProtection().SetApplicationName("InvestTrack").PersistKeysToDbContext<AppDbContext>());
        // PBKDF2-HMAC-SHA512; Identity rehashes on the next sign-in when this count rises.
        services.Configure<PasswordHasherOptions>(o => o.IterationCount = 220_000);
        return settings;
    }
}
