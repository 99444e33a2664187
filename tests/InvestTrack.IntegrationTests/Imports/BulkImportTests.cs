using System.Globalization;
using System.Text.Json.Nodes;
using InvestTrack.Data;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Imports;
using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Imports.ImportTestSupport;

namespace InvestTrack.IntegrationTests.Imports;

/// <summary>
/// New rows of an import go by binary COPY on PostgreSQL and through the context on SQLite: the same ledger on both,
/// with the same clock, must leave the same projects, companies, stage history and audit entries, down to the values.
/// </summary>
public sealed class BulkImportTests(BulkImportTests.Apps apps) : IClassFixture<BulkImportTests.Apps>
{
    private const int Rows = 3000;

    /// <summary>Both databases with one clock, stopped on a whole second: PostgreSQL keeps microseconds, SQLite ticks.</summary>
    public sealed class Apps : IAsyncLifetime
    {
        private static readonly StoppedClock Clock = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.ToUnixTimeSeconds()));

        public TestApp Postgres { get; } = new(DatabaseProviderKind.Postgres, clock: Clock);
        public TestApp Sqlite { get; } = new(DatabaseProviderKind.Sqlite, clock: Clock);

        public async Task InitializeAsync()
        {
            await Postgres.StartAsync();
            await Sqlite.StartAsync();
        }

        public async Task DisposeAsync()
        {
            await Postgres.DisposeAsync();
            await Sqlite.DisposeAsync();
        }
    }

    [Fact]
    public async Task Copying_new_rows_writes_the_same_audit_entries_as_saving_them()
    {
        var ledger = await LedgerAsync(apps.Sqlite);

        var copied = await ImportAsync(apps.Postgres, ledger);
        var saved = await ImportAsync(apps.Sqlite, ledger);

        Assert.Equal(Rows, copied.Audit.Count(e => e.StartsWith("Create|Project|", StringComparison.Ordinal)));
        Assert.Contains(copied.Audit, e => e.StartsWith("Create|Company|", StringComparison.Ordinal));
        Assert.Contains(copied.Audit, e => e.StartsWith("Import|Project|", StringComparison.Ordinal));
        Assert.Equal(saved.Audit, copied.Audit);
        Assert.Equal(saved.Stages, copied.Stages);
        Assert.Equal(Rows, copied.Stages.Count);
    }

    [Fact]
    public async Task A_bulk_insert_normalises_text_guards_the_unit_and_audits_as_a_save_does()
    {
        var app = apps.Postgres;
        var name = $"Cafe\u0301 {AdminTestSupport.Unique()}";
        Company New() => new() { Name = name, Origin = "北京市", OriginProvinceCode = "110000", OriginClass = OriginClass.OtherProvince, CreatedAt = DateTimeOffset.UnixEpoch };
        var (saved, copied) = await app.AsUserAsync("tiexi", async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var a = New();
            db.Companies.Add(a);
            await db.SaveChangesAsync();
            var b = New();
            await using var tx = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAuditedAsync(db, [b]);
            await tx.CommitAsync();
            return (a.Id, b.Id);
        });
        var entries = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.ObjectType == nameof(Company) && (e.ObjectId == saved.ToString(CultureInfo.InvariantCulture) || e.ObjectId == copied.ToString(CultureInfo.InvariantCulture)))
            .OrderBy(e => e.Id).ToListAsync());
        Assert.Equal(2, entries.Count);
        Assert.Equal(entries[0].NewValues!.Replace($"\"Id\":{saved}", "", StringComparison.Ordinal), entries[1].NewValues!.Replace($"\"Id\":{copied}", "", StringComparison.Ordinal));
        Assert.Equal((entries[0].Action, entries[0].UserName, entries[0].Role, entries[0].UnitId), (entries[1].Action, entries[1].UserName, entries[1].Role, entries[1].UnitId));
        Assert.Contains("Café", entries[1].NewValues);
        var stored = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Companies.AsNoTracking().Where(c => c.Id == copied).Select(c => c.Name).SingleAsync());
        Assert.Equal(name.Normalize(), stored);

        // A row of another unit than the user's is refused before anything is written, as a save refuses it.
        var lishu = await app.UnitIdAsync("220322");
        var foreign = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Projects.AsNoTracking().FirstAsync(p => p.UnitId == lishu));
        var before = await app.CountsAsync();
        await Assert.ThrowsAsync<OutOfScopeException>(() => app.AsUserAsync("tiexi", async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            await using var tx = await db.Database.BeginTransactionAsync();
            await BulkInsert.InsertAuditedAsync(db, [new StageChange { ProjectId = foreign.Id, UnitId = foreign.UnitId, ToStage = foreign.Stage, ChangedAt = DateTimeOffset.UtcNow }]);
            await tx.CommitAsync();
        }));
        Assert.Equal(before, await app.CountsAsync());
    }

    /// <summary>
    /// Rows of every shape: shared investors, investors without a credit code, an investor that is a stored company,
    /// unsigned, started and stalled projects, three units, and text that the save normalises (NFD to NFC).
    /// </summary>
    private static async Task<byte[]> LedgerAsync(TestApp app)
    {
        var stored = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Companies.OrderBy(c => c.Id).Select(c => c.Name).FirstAsync());
        var units = new[] { "铁西区", "梨树县", "220303" };
        var rows = Enumerable.Range(1, Rows).Select(i =>
        {
            var code = $"BK-{i:00000}";
            var row = Row(code, i % 97 == 0 ? $"Cafe\u0301 项目{i}" : $"年产{i}吨项目{i}", planned: $"{i}.{i % 100:00}");
            row[2] = i % 50 == 0 ? stored : $"批量投资方{i / 4}";
            row[3] = i % 50 == 0 || i / 4 % 10 == 0 ? "" : CreditCodeOf(i / 4);
            row[5] = units[i % 3];
            if (i % 5 == 0) (row[8], row[9], row[10], row[6]) = ("", "", "", "");
            if (i % 7 == 0 && i % 5 != 0) row[11] = "2025-06-01";
            if (i % 11 == 0) row[13] = "停滞";
            return row;
        });
        return Ledger([.. rows]);
    }

    /// <summary>One credit code per investor, the same in every row of that investor.</summary>
    private static string CreditCodeOf(int investor)
    {
        var body = "91220300" + investor.ToString("D9", CultureInfo.InvariantCulture);
        return body + CreditCode.CheckCharacterFor(body);
    }

    /// <summary>The import as city staff; then its audit entries and stage changes with database ids replaced by codes and names.</summary>
    private static async Task<(List<string> Audit, List<string> Stages)> ImportAsync(TestApp app, byte[] ledger)
    {
        var before = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.MaxAsync(e => e.Id));
        var result = await app.CommitAsync("city", ledger);
        Assert.True(result.Ok, string.Join("; ", result.Problems.Take(5).Select(ImportText.Line)));
        Assert.Equal(Rows, result.Counts.Created);
        return await app.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            var projects = await db.Projects.AsNoTracking().ToDictionaryAsync(p => p.Id, p => p.Code);
            var companies = await db.Companies.AsNoTracking().ToDictionaryAsync(c => c.Id, c => c.Name);
            var units = await db.Units.AsNoTracking().ToDictionaryAsync(u => u.Id, u => u.Code);
            var industries = await db.Industries.AsNoTracking().Join(db.IndustryCatalogs, i => i.CatalogId, c => c.Id, (i, c) => new { i.Id, Key = $"{c.StartYear}:{i.Name}" })
                .ToDictionaryAsync(x => x.Id, x => x.Key);
            // The entries of created records name them by id; the "Import" entry names the file.
            string Named(string? type, string? id) => id is null || !int.TryParse(id, CultureInfo.InvariantCulture, out _) ? id ?? "" : type switch
            {
                "Project" => projects[int.Parse(id, CultureInfo.InvariantCulture)],
                "Company" => companies[int.Parse(id, CultureInfo.InvariantCulture)],
                _ => id,
            };
            string? Values(string? type, string? json)
            {
                if (json is null || type is not ("Project" or "Company") || JsonNode.Parse(json)!["Id"] is null) return json;
                var values = JsonNode.Parse(json)!.AsObject();
                values["Id"] = Named(type, values["Id"]!.ToString());
                if (values["CompanyId"] is { } company) values["CompanyId"] = companies[(int)company];
                if (values["UnitId"] is { } unit) values["UnitId"] = units[(int)unit];
                if (values["IndustryId"] is { } industry) values["IndustryId"] = industries[(int)industry];
                return values.ToJsonString();
            }
            var audit = (await db.AuditEntries.AsNoTracking().Where(e => e.Id > before).OrderBy(e => e.Id).ToListAsync())
                .Select(e => string.Join("|", e.Action, e.ObjectType, Named(e.ObjectType, e.ObjectId), e.UserName, e.Role,
                    e.UnitId is { } u ? units[u] : "", e.Address, e.Result, e.OldValues, Values(e.ObjectType, e.NewValues))).ToList();
            var stages = (await db.StageChanges.AsNoTracking().Where(s => s.Note!.StartsWith("台账导入")).OrderBy(s => s.Id).ToListAsync())
                .Select(s => string.Join("|", projects[s.ProjectId], units[s.UnitId], s.FromStage, s.ToStage, s.FromStatus, s.ToStatus,
                    s.ChangedAt.ToString("O", CultureInfo.InvariantCulture), s.UserName, s.Note)).ToList();
            return (audit, stages);
        });
    }
}
