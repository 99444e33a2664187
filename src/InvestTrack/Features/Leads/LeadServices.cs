using Microsoft.Extensions.Options;

namespace InvestTrack.Features.Leads;

public static class LeadServices
{
    /// <summary>Options from "Leads", checked at start (a clock of no days or a protection of none is a mistake), and the lead services.</summary>
    public static IServiceCollection AddLeads(this IServiceCollection services)
    {
        services.AddOptions<LeadOptions>().BindConfiguration(LeadOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<LeadOptions>, LeadOptionsValidator>();
        services.AddScoped<LeadService>();
        services.AddScoped<LeadArbitration>();
        services.AddScoped<HolidayCalendar>();
        services.AddScoped<LeadReads>();
        services.AddScoped<LeadLinkReads>();
        services.AddScoped<SourceYield>();
        services.AddScoped<LeadExport>();
        return services;
    }

    private sealed class LeadOptionsValidator : IValidateOptions<LeadOptions>
    {
        public ValidateOptionsResult Validate(string? name, LeadOptions o)
        {
            var problems = new List<string>();
            if (o.ProtectionDays < 1) problems.Add("Leads:ProtectionDays must be at least 1");
            if (o.BigLeadWan <= 0) problems.Add("Leads:BigLeadWan must be above 0");
            int?[] days = [o.AssessDays, o.AnswerReferrerDays, o.ProgressDays, .. o.ClockRules.SelectMany(r => new[] { r.AssessDays, r.AnswerReferrerDays, r.ProgressDays })];
            if (days.Any(d => d is < 1 or > 250)) problems.Add("Leads: every clock is 1–250 working days");
            return problems.Count > 0 ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
        }
    }
}
