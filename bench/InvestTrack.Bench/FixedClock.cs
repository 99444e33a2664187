using System.Globalization;

namespace InvestTrack.Bench;

/// <summary>
/// The app's clock stopped at 01:00 China time of a day (`--now 2027-01-05`): `generate` enters every record "now", so
/// only a period ending after the generation sees them; a clock after that period lets the app run it.
/// </summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;

    public static FixedClock At(DateOnly day) => new(new DateTimeOffset(day.ToDateTime(new TimeOnly(1, 0)), TimeSpan.FromHours(8)));

    /// <summary>The day after `--now` in the arguments, if any.</summary>
    public static DateOnly? Option(string[] args)
    {
        var at = Array.IndexOf(args, "--now");
        return at >= 0 && at + 1 < args.Length ? DateOnly.Parse(args[at + 1], CultureInfo.InvariantCulture) : null;
    }

    /// <summary>The arguments without the named options and their values.</summary>
    public static string[] Positional(string[] args, params string[] options)
    {
        var rest = new List<string>();
        for (var i = 0; i < args.Length; i++)
        {
            if (options.Contains(args[i])) i++;
            else rest.Add(args[i]);
        }
        return [.. rest];
    }
}
