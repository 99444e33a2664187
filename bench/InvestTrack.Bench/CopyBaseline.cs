using System.Diagnostics;
using System.Text.Encodings.Web;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Npgsql;
using NpgsqlTypes;

namespace InvestTrack.Bench;

/// <summary>
/// `copy-baseline CONNECTION LEDGER.csv`: the yardstick of the ledger import (bench/README.md). The rows that `import` of
/// a ledger of new projects writes — its companies, projects, their first stage change, a Create audit entry with the
/// values of each company and project, and the Import entry — prepared in memory first, then written by bare binary
/// COPY (typed values, no checks) into the same tables in one transaction; prints the seconds of that transaction.
/// Reads ledgers as bench/import/make-ledger.py writes them (no quoted fields). Run it on a freshly migrated database:
/// it commits, so the same file cannot then be imported there.
/// </summary>
public static class CopyBaseline
{
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length < 2 || !args[0].Contains("Host=", StringComparison.OrdinalIgnoreCase))
        {
            Console.Error.WriteLine("usage: InvestTrack.Bench copy-baseline POSTGRES_CONNECTION_STRING LEDGER.csv");
            return 64;
        }
        var settings = new DatabaseSettings { Provider = DatabaseProviderKind.Postgres, ConnectionString = DatabaseSettings.WithPostgresDefaults(args[0]) };
        var user = new CurrentUser();
        user.SetSystem("bench");
        await using var db = settings.CreateContext(settings.BuildOptions(), user);
        var prepare = Stopwatch.StartNew();
        var rows = await PrepareAsync(db, args[1]);
        Console.WriteLine($"prepared {rows.Companies.Count} companies, {rows.Projects.Count} projects, {rows.Stages.Count} stage changes, " +
            $"{rows.Audit.Count} audit entries in {prepare.Elapsed.TotalSeconds:0.0} s");

        // Values converted and typed before the clock starts: the COPY itself is what is timed.
        Table[] tables = [TableOf(db.Model, rows.Companies), TableOf(db.Model, rows.Projects), TableOf(db.Model, rows.Stages), TableOf(db.Model, rows.Audit)];
        await using var connection = new NpgsqlConnection(settings.ConnectionString);
        await connection.OpenAsync();
        var clock = Stopwatch.StartNew();
        await using (var tx = await connection.BeginTransactionAsync())
        {
            foreach (var table in tables)
            {
                var lap = clock.Elapsed;
                await CopyAsync(connection, table);
                Console.WriteLine($"  {table.Values.Count,7} rows {table.Copy[5..table.Copy.IndexOf(' ', 5)],-16} {(clock.Elapsed - lap).TotalSeconds,6:0.00} s");
            }
            await tx.CommitAsync();
        }
        Console.WriteLine($"binary COPY of {rows.Companies.Count + rows.Projects.Count + rows.Stages.Count + rows.Audit.Count} rows, committed: {clock.Elapsed.TotalSeconds:0.00} s");
        return 0;
    }

    private sealed record Rows(List<Company> Companies, List<Project> Projects, List<StageChange> Stages, List<AuditEntry> Audit);

    /// <summary>The entities as the import would create them, keys drawn from the tables' identities (as the import does).</summary>
    private static async Task<Rows> PrepareAsync(AppDbContext db, string path)
    {
        var units = await db.Units.AsNoTracking().ToListAsync();
        var unitIds = units.ToDictionary(u => u.Name, u => u.Id);
        foreach (var u in units) unitIds[u.Code] = u.Id;
        var catalog = await db.IndustryCatalogs.AsNoTracking().OrderByDescending(c => c.StartYear).Select(c => c.Id).FirstAsync();
        var industries = await db.Industries.AsNoTracking().Where(i => i.CatalogId == catalog).ToDictionaryAsync(i => i.Name, i => i.Id);
        var now = DateTimeOffset.UtcNow;
        var file = Path.GetFileName(path);

        var companies = new Dictionary<string, Company>(StringComparer.Ordinal);
        var projects = new List<(Project Project, Company Company)>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var f = line.Split(',');
            var key = f[3].Length > 0 ? f[3] : f[2];
            if (!companies.TryGetValue(key, out var company))
            {
                var abroad = f[4] is "俄罗斯" or "香港";
                companies[key] = company = new Company
                {
                    Name = f[2], CreditCode = f[3].Length > 0 ? f[3] : null, Origin = f[4], CreatedAt = now,
                    OriginClass = abroad ? OriginClass.Abroad : f[4].StartsWith("吉林省", StringComparison.Ordinal) ? OriginClass.InProvince : OriginClass.OtherProvince,
                    OriginProvinceCode = abroad ? null : "370000", OriginCityCode = abroad ? null : "370100", OriginCountryCode = abroad ? "RUS" : null,
                };
            }
            DateOnly? Date(string s) => s.Length > 0 ? DateOnly.Parse(s, System.Globalization.CultureInfo.InvariantCulture) : null;
            long? Money(string s) => s.Length > 0 ? (long)(decimal.Parse(s, System.Globalization.CultureInfo.InvariantCulture) * 100) : null;
            var (signed, started) = (Date(f[10]), Date(f[11]));
            projects.Add((new Project
            {
                Code = f[0], Name = f[1], UnitId = unitIds[f[5]], IndustryId = industries.TryGetValue(f[6], out var industry) ? industry : null,
                PlannedInvestment = Money(f[7])!.Value, ContractedInvestment = Money(f[8]), SigningKind = f[9].Length > 0 ? SigningKind.Contract : null,
                SignedOn = signed, StartedOn = started, Status = ProjectStatus.Active, LeadSource = f[14], CreatedAt = now, UpdatedAt = now,
                Stage = started is not null ? ProjectStage.Started : signed is not null ? ProjectStage.Signed : ProjectStage.Talks,
            }, company));
        }

        var companyIds = await NextIdsAsync(db, "Companies", companies.Count);
        foreach (var (company, id) in companies.Values.Zip(companyIds)) company.Id = id;
        var projectIds = await NextIdsAsync(db, "Projects", projects.Count);
        foreach (var ((project, company), id) in projects.Zip(projectIds)) (project.Id, project.CompanyId) = (id, company.Id);

        var stages = projects.Select(p => new StageChange
        {
            ProjectId = p.Project.Id, UnitId = p.Project.UnitId, ToStage = p.Project.Stage, FromStatus = ProjectStatus.Active, ToStatus = ProjectStatus.Active,
            ChangedAt = now, UserName = "bench", Note = $"台账导入 {file}",
        }).ToList();
        var audit = companies.Values.Select(c => Created(db.Model, c, c.Id)).Concat(projects.Select(p => Created(db.Model, p.Project, p.Project.Id))).ToList();
        audit.Add(new AuditEntry
        {
            Action = "Import", ObjectType = nameof(Project), ObjectId = file, OccurredAt = now, UserName = "bench", Role = "Operator",
            NewValues = JsonSerializer.Serialize(new { file, rows = projects.Count, created = projects.Count, updated = 0, unchanged = 0, companiesCreated = companies.Count }, Json),
        });
        return new Rows([.. companies.Values], [.. projects.Select(p => p.Project)], stages, audit);
    }

    /// <summary>A Create entry with every value of the entity, as the app records it (AuditCapture).</summary>
    private static AuditEntry Created(IModel model, object entity, int id)
    {
        var values = new SortedDictionary<string, object?>(StringComparer.Ordinal);
        foreach (var p in model.FindEntityType(entity.GetType())!.GetProperties().Where(p => p.Name != "Version"))
            values[p.Name] = p.GetGetter().GetClrValue(entity);
        return new AuditEntry
        {
            Action = "Create", ObjectType = entity.GetType().Name, ObjectId = id.ToString(System.Globalization.CultureInfo.InvariantCulture),
            OccurredAt = DateTimeOffset.UtcNow, UserName = "bench", Role = "Operator", NewValues = JsonSerializer.Serialize(values, Json),
        };
    }

    private static async Task<List<int>> NextIdsAsync(AppDbContext db, string table, int count)
    {
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var next = new NpgsqlCommand($"SELECT nextval(pg_get_serial_sequence('\"{table}\"', 'Id'))::int FROM generate_series(1, {count})", connection);
        await using var reader = await next.ExecuteReaderAsync();
        var ids = new List<int>(count);
        while (await reader.ReadAsync()) ids.Add(reader.GetInt32(0));
        return ids;
    }

    private sealed record Table(string Copy, NpgsqlDbType[] Types, List<object?[]> Values);

    /// <summary>One table's COPY: the columns of the model, values as stored.</summary>
    private static Table TableOf<T>(IModel model, List<T> rows) where T : class
    {
        var entity = model.FindEntityType(typeof(T))!;
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!);
        // Companies and projects carry the keys drawn for them; stage changes and audit entries take the table's own.
        var properties = entity.GetProperties().Where(p => (typeof(T) == typeof(Company) || typeof(T) == typeof(Project) || !p.IsPrimaryKey())
            && p.GetComputedColumnSql(table) is null).ToList();
        var types = properties.Select(p =>
        {
            var type = p.GetTypeMapping().Converter?.ProviderClrType ?? p.ClrType;
            type = Nullable.GetUnderlyingType(type) ?? type;
            return type == typeof(string) ? NpgsqlDbType.Text : type == typeof(int) ? NpgsqlDbType.Integer : type == typeof(long) ? NpgsqlDbType.Bigint
                : type == typeof(DateTimeOffset) ? NpgsqlDbType.TimestampTz : type == typeof(DateOnly) ? NpgsqlDbType.Date : type == typeof(bool) ? NpgsqlDbType.Boolean
                : throw new NotSupportedException($"{p.Name}: {type}");
        }).ToArray();
        var values = rows.Select(r => properties.Select(p => p.GetGetter().GetClrValue(r) is { } v && p.GetTypeMapping().Converter is { } c ? c.ConvertToProvider(v) : p.GetGetter().GetClrValue(r)).ToArray()).ToList();
        return new Table($"COPY \"{table.Name}\" ({string.Join(", ", properties.Select(p => $"\"{p.GetColumnName(table)}\""))}) FROM STDIN (FORMAT BINARY)", types, values);
    }

    private static async Task CopyAsync(NpgsqlConnection connection, Table table)
    {
        await using var writer = await connection.BeginBinaryImportAsync(table.Copy);
        foreach (var row in table.Values)
        {
            await writer.StartRowAsync();
            for (var i = 0; i < row.Length; i++)
            {
                if (row[i] is null) await writer.WriteNullAsync();
                else await writer.WriteAsync(row[i], table.Types[i]);
            }
        }
        await writer.CompleteAsync();
    }
}
