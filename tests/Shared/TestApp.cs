using System.Net;
using System.Text.RegularExpressions;
using InvestTrack.Data;
using InvestTrack.Features.Users;
using InvestTrack.Infrastructure.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Serilog;
using Serilog.Events;

namespace InvestTrack.Tests;

/// <summary>
/// The whole app on a fresh database of its own (a PostgreSQL database in the throwaway cluster that
/// test.sh starts, or an SQLite file), migrated and filled with the demo data.
/// </summary>
public sealed partial class TestApp : WebApplicationFactory<Program>
{
    public const string PostgresVariable = "INVESTTRACK_TEST_POSTGRES";
    /// <summary>A directory for a trace of the test apps (circuits, events, renders, SQL, the scheduler), to find why a test failed once.</summary>
    public const string TraceVariable = "INVESTTRACK_TEST_TRACE";
    public const string Password = DemoData.DemoPassword;

    private readonly string _connectionString;
    private readonly string? _postgresAdmin;
    private readonly string? _postgresDatabase;
    private readonly string _scratch = Directory.CreateTempSubdirectory("investtrack-test-").FullName;

    public DatabaseProviderKind Provider { get; }

    /// <summary>The audit keys of every test app (outside the repository, kept between runs with the template databases).</summary>
    public static readonly string TestKeyDirectory = Path.Combine(Path.GetTempPath(), "investtrack-test-keys");

    /// <summary>Where this app writes its signed audit checkpoints.</summary>
    public string CheckpointDirectory => Path.Combine(_scratch, "checkpoints");

    /// <summary>The app's clock when a test fixes it (null: the system's).</summary>
    public TimeProvider? Clock { get; }

    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Configuration values of this test (key → value), set after the tests' own.</param>
    /// <param name="sharing">Another app whose database this one uses as a second instance would: nothing is created,
    /// migrated or dropped here (the other app does that).</param>
    /// <param name="postgresAdmin">The server to create the database on, when not the one of <see cref="PostgresVariable"/> (a test's own cluster).</param>
    /// <param name="services">Services this test adds to the app's (a job of its own).</param>
    public TestApp(DatabaseProviderKind provider, bool kestrel = false, TimeProvider? clock = null,
        IReadOnlyDictionary<string, string>? settings = null, TestApp? sharing = null, string? postgresAdmin = null,
        Action<IServiceCollection>? services = null)
        : this(provider, kestrel, clock, settings, sharing, postgresAdmin, buildingTemplate: null)
    {
        _services = services;
    }

    private readonly Action<IServiceCollection>? _services;

    /// <param name="buildingTemplate">The database (PostgreSQL) or file (SQLite) to build as the template, migrated and
    /// seeded from nothing; null for every app of a test, which starts from a copy of the template.</param>
    private TestApp(DatabaseProviderKind provider, bool kestrel, TimeProvider? clock, IReadOnlyDictionary<string, string>? settings,
        TestApp? sharing, string? postgresAdmin, string? buildingTemplate)
    {
        _template = buildingTemplate;
        Provider = provider;
        Clock = clock;
        _settings = settings ?? new Dictionary<string, string>();
        if (sharing is not null)
        {
            if (sharing.Provider != provider) throw new ArgumentException("a second instance uses the same provider", nameof(sharing));
            _connectionString = sharing._connectionString;
        }
        else if (provider == DatabaseProviderKind.Postgres)
        {
            var admin = _postgresAdmin = postgresAdmin ?? Environment.GetEnvironmentVariable(PostgresVariable)
                ?? throw new InvalidOperationException($"{PostgresVariable} is not set: run the tests through ./test.sh, which starts a throwaway PostgreSQL.");
            _postgresDatabase = buildingTemplate ?? $"it_{Guid.NewGuid():N}";
            var template = buildingTemplate is null ? PostgresTemplate(admin) : null;
            using (var connection = new NpgsqlConnection(admin))
            {
                connection.Open();
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{_postgresDatabase}\"{(template is null ? "" : $" TEMPLATE \"{template}\"")}", connection);
                create.ExecuteNonQuery();
            }
            _fromTemplate = template is not null;
            // Pooled as in production (a new connection costs a SCRAM exchange and a backend); small and quickly pruned,
            // since many test databases live side by side, and cleared before the database is dropped.
            _connectionString = new NpgsqlConnectionStringBuilder(admin)
            { Database = _postgresDatabase, MaxPoolSize = 20, ConnectionIdleLifetime = 10, ConnectionPruningInterval = 5 }.ToString();
        }
        else
        {
            var file = buildingTemplate ?? Path.Combine(_scratch, "test.db");
            if (buildingTemplate is null)
            {
                CopySqliteTemplate(file);
                _fromTemplate = true;
            }
            _connectionString = $"Data Source={file}";
        }
        if (kestrel) UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Outside Development, static web assets (blazor.web.js, MudBlazor's CSS/JS) are only served
        // when asked for; the browser tests need them.
        builder.UseStaticWebAssets();
        builder.UseSetting("Database:Provider", Provider.ToString());
        builder.UseSetting("Database:PrepareOnStart", "false");
        // Test classes sign in many times from one (absent) address; the limit itself has its own test.
        builder.UseSetting("Security:SignInAttemptsPerAddress", "100000");
        // Test classes sign in as every role; the second factor each role may need has its own tests (TwoFactorTests).
        builder.UseSetting("Security:TwoFactorRequiredRoles", "");
        builder.UseSetting("ConnectionStrings:InvestTrack", _connectionString);
        builder.UseSetting("Serilog:WriteTo:1:Args:path", Path.Combine(_scratch, "logs", "test-.log"));
        builder.UseSetting("Serilog:MinimumLevel:Default", "Warning");
        if (Environment.GetEnvironmentVariable(TraceVariable) is { Length: > 0 } trace) builder.ConfigureTestServices(s => s.AddSerilog(Trace(trace), dispose: true));
        // Each of the many test apps would otherwise run a scheduler; the tests of jobs switch it on.
        builder.UseSetting("Jobs:Enabled", "false");
        // One set of keys for every test app and its template database, whose audit chain they sealed (as instances
        // of one installation share theirs); each app keeps its checkpoints apart.
        builder.UseSetting("Security:KeyDirectory", TestKeyDirectory);
        builder.UseSetting("Security:CreateMissingKeys", "true");
        builder.UseSetting("Audit:CheckpointDirectory", CheckpointDirectory);
        if (Clock is { } clock) builder.ConfigureTestServices(s => s.AddSingleton(clock));
        if (_services is { } services) builder.ConfigureTestServices(services);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
    }

    private static Serilog.ILogger Trace(string directory) => new LoggerConfiguration()
        .MinimumLevel.Warning()
        .MinimumLevel.Override("Microsoft.AspNetCore.Components", LogEventLevel.Debug)
        .MinimumLevel.Override("Microsoft.EntityFrameworkCore.Database.Command", LogEventLevel.Information)
        .MinimumLevel.Override("Quartz", LogEventLevel.Debug)
        .MinimumLevel.Override("InvestTrack", LogEventLevel.Information)
        .WriteTo.File(Path.Combine(directory, "trace-.log"), rollingInterval: RollingInterval.Day,
            outputTemplate: "{Timestamp:HH:mm:ss.fff} [{Level:u3}] {SourceContext} {Message:lj}{NewLine}{Exception}")
        .CreateLogger();

    /// <summary>Migrates and loads reference and demo data, as `migrate` and the SQLite start-up do.</summary>
    public async Task<TestApp> StartAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        if (_fromTemplate) return this; // a copy of a database that was migrated and seeded so
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem("test");
        await DatabaseSetup.MigrateAsync(scope.ServiceProvider);
        await DemoData.SeedAsync(scope.ServiceProvider, oneTimePasswords: false);
        return this;
    }

    /// <summary>Runs work with a service scope acting as the system operator (all units).</summary>
    public async Task<T> AsSystemAsync<T>(Func<IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentUser>().SetSystem("test");
        return await work(scope.ServiceProvider);
    }

    /// <summary>An HTTP client with its own cookies, signed in through the real login form.</summary>
    public async Task<HttpClient> SignInAsync(string userName, string password = Password)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await PostLoginAsync(client, userName, password);
        if (response.StatusCode != HttpStatusCode.Redirect)
            throw new InvalidOperationException($"sign-in as {userName} failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return client;
    }

    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string userName, string password) =>
        await client.PostAsync("/account/login", LoginForm(TokenOf(await client.GetStringAsync("/account/login")), userName, password));

    /// <summary>The sign-in form's fields, with the antiforgery token of a login page fetched before.</summary>
    public static FormUrlEncodedContent LoginForm(string token, string userName, string password) => new(new Dictionary<string, string>
    {
        ["_handler"] = "login",
        ["__RequestVerificationToken"] = token,
        ["Input.UserName"] = userName,
        ["Input.Password"] = password,
    });

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public static string TokenOf(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    /// <summary>
    /// Signs <paramref name="userName"/> in through the login form with a client that keeps no cookies and follows no
    /// redirects (another instance, a raw address) and returns the sign-in cookie as "name=value".
    /// </summary>
    public static async Task<string> AuthCookieAsync(HttpClient client, string userName)
    {
        var form = await client.GetAsync("/account/login");
        var post = new HttpRequestMessage(HttpMethod.Post, "/account/login")
        {
            Content = LoginForm(TokenOf(await form.Content.ReadAsStringAsync()), userName, Password),
        };
        post.Headers.Add("Cookie", string.Join("; ", form.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])));
        var response = await client.SendAsync(post);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.GetValues("Set-Cookie").Single(c => c.StartsWith("InvestTrack.Auth=", StringComparison.Ordinal)).Split(';')[0];
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        if (_postgresDatabase is not null && _template is null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_postgresAdmin);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_scratch, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
