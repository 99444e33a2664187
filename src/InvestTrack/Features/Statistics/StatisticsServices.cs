using Microsoft.Extensions.Options;

namespace InvestTrack.Features.Statistics;

public static class StatisticsServices
{
    /// <summary>Options from "Statistics", validated (a template with an unknown placeholder is refused), and the report service.</summary>
    public static IServiceCollection AddStatistics(this IServiceCollection services)
    {
        services.AddOptions<StatisticsOptions>().BindConfiguration(StatisticsOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<StatisticsOptions>, StatisticsOptionsValidator>();
        services.AddScoped<DispatchReport>();
        services.AddScoped<DispatchTemplates>();
        // One per instance: computed figures shared by every user of the same scope until the data version moves.
        services.AddOptions<FiguresCacheOptions>().BindConfiguration(FiguresCacheOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<FiguresCacheOptions>, FiguresCacheOptionsValidator>();
        services.AddSingleton<FiguresCache>();
        return services;
    }

    private sealed class StatisticsOptionsValidator : IValidateOptions<StatisticsOptions>
    {
        public ValidateOptionsResult Validate(string? name, StatisticsOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }

    private sealed class FiguresCacheOptionsValidator : IValidateOptions<FiguresCacheOptions>
    {
        public ValidateOptionsResult Validate(string? name, FiguresCacheOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
