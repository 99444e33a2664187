using System.Diagnostics;
using InvestTrack.Data;
using Npgsql;

namespace InvestTrack.Features.Backup;

/// <summary>
/// pg_dump and pg_restore as the backup verbs run them: found in Backup:PgBinDirectory when set, else the newest
/// /usr/lib/postgresql/N/bin (Debian's layout, where /usr/bin/pg_dump is a wrapper that picks a version by local
/// cluster), else on PATH. They are given the connection through libpq's environment variables — the password in
/// PGPASSWORD, never on the command line, where any user of the machine could read it in the process list.
/// </summary>
public sealed class PostgresTools(IConfiguration configuration)
{
    public const string BinDirectoryKey = "Backup:PgBinDirectory";
    private const string DebianRoot = "/usr/lib/postgresql";

    /// <summary>The full path of a PostgreSQL client program.</summary>
    /// <exception cref="ConfigurationException">Not where configured, or nowhere.</exception>
    public string Find(string program)
    {
        var executable = OperatingSystem.IsWindows() ? program + ".exe" : program;
        if (configuration[BinDirectoryKey] is { Length: > 0 } configured)
        {
            var path = Path.Combine(configured, executable);
            return File.Exists(path) ? path : throw new ConfigurationException(BinDirectoryKey, $"'{configured}', which has no {executable}");
        }
        if (Directory.Exists(DebianRoot))
        {
            var newest = Directory.GetDirectories(DebianRoot)
                .Select(d => (Path: Path.Combine(d, "bin", executable), Version: int.TryParse(Path.GetFileName(d), out var v) ? v : 0))
                .Where(d => File.Exists(d.Path)).OrderByDescending(d => d.Version).Select(d => d.Path).FirstOrDefault();
            if (newest is not null) return newest;
        }
        var onPath = (System.Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(d => Path.Combine(d, executable)).FirstOrDefault(File.Exists);
        return onPath ?? throw new ConfigurationException(BinDirectoryKey,
            $"not set, and {executable} is neither under {DebianRoot}/*/bin nor on PATH: install the PostgreSQL client (apt-get install postgresql-client) or set it");
    }

    /// <summary>libpq's environment for a connection string (host, port, user, password, database, TLS).</summary>
    public static Dictionary<string, string> Environment(string connectionString, string? database = null)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        var env = new Dictionary<string, string>
        {
            ["PGHOST"] = b.Host ?? "localhost",
            ["PGPORT"] = b.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["PGDATABASE"] = database ?? b.Database ?? "postgres",
            ["PGSSLMODE"] = b.SslMode switch
            {
                SslMode.Disable => "disable",
                SslMode.Allow => "allow",
                SslMode.Prefer => "prefer",
                SslMode.Require => "require",
                SslMode.VerifyCA => "verify-ca",
                _ => "verify-full",
            },
            ["PGCONNECT_TIMEOUT"] = "30",
            ["PGAPPNAME"] = "InvestTrack backup",
        };
        if (b.Username is { Length: > 0 } user) env["PGUSER"] = user;
        if (b.Password is { Length: > 0 } password) env["PGPASSWORD"] = password;
        if (b.RootCertificate is { Length: > 0 } root) env["PGSSLROOTCERT"] = root;
        if (b.SslCertificate is { Length: > 0 } cert) env["PGSSLCERT"] = cert;
        if (b.SslKey is { Length: > 0 } key) env["PGSSLKEY"] = key;
        return env;
    }

    /// <summary>Starts a program with the connection in its environment; the caller reads or writes its standard streams.</summary>
    public static Process Start(string program, IEnumerable<string> arguments, IReadOnlyDictionary<string, string> environment,
        bool redirectInput = false)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = redirectInput, UseShellExecute = false,
        };
        foreach (var argument in arguments) start.ArgumentList.Add(argument);
        // Nothing of the operator's own PG* variables (a PGPASSFILE, a PGSERVICE) may redirect the tool elsewhere.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("PG", StringComparison.Ordinal)).ToList()) start.Environment.Remove(name);
        foreach (var (name, value) in environment) start.Environment[name] = value;
        return Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start");
    }
}
