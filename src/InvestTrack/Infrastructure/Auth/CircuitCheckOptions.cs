using Microsoft.Extensions.Options;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>
/// Configuration "Security:CircuitCheckSeconds": how often an open page's circuit checks that its user may still work
/// (RevalidatingAuthStateProvider). At most a minute, the promise of docs/security.md 7: a change to a user reaches open pages
/// within a minute. Tests of the sign-out of an open page set it low instead of waiting.
/// </summary>
public sealed class CircuitCheckOptions
{
    public const string Section = "Security";
    public const string Key = Section + ":" + nameof(CircuitCheckSeconds);

    public int CircuitCheckSeconds { get; set; } = 60;

    public TimeSpan Interval => TimeSpan.FromSeconds(CircuitCheckSeconds);

    public IEnumerable<string> Problems()
    {
        if (CircuitCheckSeconds is < 1 or > 60)
            yield return $"{Key} = {CircuitCheckSeconds}: not a number of seconds from 1 to 60 (a change to a user must reach open pages within a minute)";
    }

    /// <summary>Bound from configuration and validated when the app starts: a wrong value stops it with the key named.</summary>
    public static IServiceCollection AddCircuitCheck(IServiceCollection services)
    {
        services.AddOptions<CircuitCheckOptions>().BindConfiguration(Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<CircuitCheckOptions>, Validator>();
        return services;
    }

    private sealed class Validator : IValidateOptions<CircuitCheckOptions>
    {
        public ValidateOptionsResult Validate(string? name, CircuitCheckOptions options) =>
            options.Problems().ToList() is { Count: > 0 } problems ? ValidateOptionsResult.Fail(problems) : ValidateOptionsResult.Success;
    }
}
