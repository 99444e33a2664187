using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using InvestTrack.Data;
using InvestTrack.Features.Account.TwoFactor;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Network;
using InvestTrack.Features.Privacy;
using InvestTrack.Features.Search;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.IntegrationTests.Companies;
using InvestTrack.Kernel.Crypto;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Network.NetworkTestSupport;

namespace InvestTrack.IntegrationTests.Privacy;

/// <summary>
/// docs/security.md 22 and 24: phones and e-mail addresses sealed at rest (SM4-GCM, the cell as associated data, a
/// versioned data key), masked in every answer, shown in full only by an audited unmask of those who edit the record,
/// found by phone through the keyed hash, sealed by migrate when an older database holds them in clear, and re-sealed
/// by rotate-keys in resumable batches.
/// </summary>
public abstract class PersonalDataTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    /// <summary>A mobile number no other test uses.</summary>
    private static string NewPhone() => "139" + Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A cell as the database holds it (names from the test itself, the id a number).</summary>
    private static Task<string?> RawAsync(TestApp app, string table, string column, int id)
    {
        var sql = string.Concat("SELECT \"", column, "\" AS \"Value\" FROM \"", table, "\" WHERE \"Id\" = ", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Database.SqlQueryRaw<string?>(sql).SingleAsync());
    }

    private static Task<int> ExecuteAsync(TestApp app, string sql) =>
        app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync(sql));

    private static void AssertSealed(string? stored, params string[] plain)
    {
        Assert.NotNull(stored);
        Assert.Matches("^v[0-9]+:[A-Za-z0-9+/=]+$", stored);
        foreach (var p in plain)
        {
            Assert.DoesNotContain(p, stored, StringComparison.Ordinal);
            if (p.Length >= 8) Assert.DoesNotContain(p[^8..], stored, StringComparison.Ordinal);
        }
        var body = Convert.FromBase64String(stored[(stored.IndexOf(':') + 1)..]);
        Assert.Equal(Sm4Gcm.NonceSize + System.Text.Encoding.UTF8.GetByteCount(plain[0]) + Sm4Gcm.TagSize, body.Length);
    }

    private static async Task<HttpResponseMessage> UnmaskAsync(HttpClient client, PersonalKind kind, int id, PersonalField field) =>
        await client.PostAsJsonAsync("/api/personal-data/unmask", new UnmaskRequest(kind, id, field));

    [Fact]
    public async Task Saved_contacts_hold_no_plaintext_read_back_masked_and_open_only_by_an_audited_unmask_of_an_allowed_user()
    {
        var tiexi = await App.ApiClientAsync("tiexi");
        var tag = Unique();
        var phone = NewPhone();
        var email = $"wang.{tag}@example.cn";
        var talent = (await CreatedAsync<TalentDetail>(await tiexi.PostAsJsonAsync("/api/talents",
            new TalentForm { Name = "人才" + tag, Phone = phone, Email = email }))).Talent;
        var agency = await CreatedAsync<AgencyView>(await tiexi.PostAsJsonAsync("/api/agencies", new AgencyForm
        {
            Name = "机构" + tag, PeriodFrom = new DateOnly(2025, 1, 1), PeriodTo = new DateOnly(2026, 12, 31), ContactName = "张经理", ContactPhone = phone,
        }));
        var companyForm = CompanyTestSupport.Form("联系人企业" + tag, code: CompanyTestSupport.NewCode());
        companyForm.Contacts.Add(new ContactForm { Name = "李四", Phone = phone, Email = email });
        var company = await CreatedAsync<CompanyDetail>(await tiexi.PostAsJsonAsync("/api/companies", companyForm));
        var contactId = Assert.Single(company.Contacts).Id;

        // At rest: sealed, nothing of the number or the address; the hash beside the phone is the keyed hash of its digits.
        var hash = App.Services.GetRequiredService<PersonalDataCipher>().PhoneHash("+86 " + phone);
        AssertSealed(await RawAsync(App, "TalentPeople", "Phone", talent.Id), phone);
        AssertSealed(await RawAsync(App, "TalentPeople", "Email", talent.Id), email, "wang." + tag);
        AssertSealed(await RawAsync(App, "InvestmentAgencies", "Phone", agency.Id), phone);
        AssertSealed(await RawAsync(App, "CompanyContacts", "Phone", contactId), phone);
        AssertSealed(await RawAsync(App, "CompanyContacts", "Email", contactId), email, "wang." + tag);
        Assert.Equal(hash, await RawAsync(App, "TalentPeople", "PhoneHash", talent.Id));
        Assert.Equal(hash, await RawAsync(App, "CompanyContacts", "PhoneHash", contactId));
        var masked = phone[..3] + "****" + phone[^4..];
        Assert.Equal((masked, "w***@example.cn"), (talent.MaskedPhone, talent.MaskedEmail));
        Assert.Equal(masked, agency.MaskedPhone);
        var contact = Assert.Single((await tiexi.GetFromJsonAsync<CompanyDetail>($"/api/companies/{company.Id}", Web))!.Contacts);
        Assert.Equal((masked, "w***@example.cn"), (contact.MaskedPhone, contact.Email));
        // The page: masked, with 显示 for the unit's staff; a leader sees the masked value and no button.
        var ownPage = await tiexi.GetStringAsync($"/talents/{talent.Id}");
        Assert.DoesNotContain(phone, ownPage, StringComparison.Ordinal);
        Assert.Contains(masked, ownPage, StringComparison.Ordinal);
        Assert.Contains("data-testid=\"talent-phone-show\"", ownPage, StringComparison.Ordinal);
        var leaderPage = await (await App.ApiClientAsync("leader")).GetStringAsync($"/talents/{talent.Id}");
        Assert.Contains(masked, leaderPage, StringComparison.Ordinal);
        Assert.DoesNotContain("talent-phone-show", leaderPage, StringComparison.Ordinal);

        // An edit sends the masked values back: the stored ones stay, sealed anew under the same row.
        var edit = TalentForm.Of(talent);
        edit.Title = "研究员";
        Assert.Equal(HttpStatusCode.OK, (await tiexi.PutAsJsonAsync($"/api/talents/{talent.Id}?version={talent.Version}", edit)).StatusCode);

        // Unmask: the value, and an audit entry naming the record and the field, never the value.
        foreach (var (kind, id, field, expected) in new[]
        {
            (PersonalKind.Talent, talent.Id, PersonalField.Phone, phone), (PersonalKind.Talent, talent.Id, PersonalField.Email, email),
            (PersonalKind.Agency, agency.Id, PersonalField.Phone, phone), (PersonalKind.CompanyContact, contactId, PersonalField.Phone, phone),
        })
        {
            var response = await UnmaskAsync(tiexi, kind, id, field);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(expected, (await response.Content.ReadFromJsonAsync<UnmaskAnswer>(Web))!.Value);
            var entry = (await App.AuditOfAsync(UnmaskService.ObjectType(kind), id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
                .Last(e => e.Action == UnmaskService.Action);
            Assert.Equal(("tiexi", "Success"), (entry.UserName, entry.Result));
            Assert.Contains(field.ToString(), entry.NewValues, StringComparison.Ordinal);
            Assert.DoesNotContain(phone, entry.NewValues, StringComparison.Ordinal);
        }
        var city = await App.ApiClientAsync("city");
        Assert.Equal(HttpStatusCode.OK, (await UnmaskAsync(city, PersonalKind.Talent, talent.Id, PersonalField.Phone)).StatusCode);

        // A post without the client header (what a forged cross-site form sends) is refused before anything is read.
        var unmasksBefore = (await App.AuditOfAsync(nameof(TalentPerson), talent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Count(e => e.Action == UnmaskService.Action);
        city.DefaultRequestHeaders.Remove(ApiClientHeader.Name);
        var forged = await UnmaskAsync(city, PersonalKind.Talent, talent.Id, PersonalField.Phone);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        var forgedBody = await forged.Content.ReadAsStringAsync();
        Assert.Contains(ApiClientHeader.Name, forgedBody, StringComparison.Ordinal);
        Assert.DoesNotContain(phone, forgedBody, StringComparison.Ordinal);
        Assert.Equal(unmasksBefore, (await App.AuditOfAsync(nameof(TalentPerson), talent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture))).Count(e => e.Action == UnmaskService.Action));

        // Refused: leaders, the auditor and the system admin never; another unit's record answers as a missing one.
        foreach (var user in new[] { "leader", "auditor", "admin" })
        {
            var client = await App.ApiClientAsync(user);
            var response = await UnmaskAsync(client, PersonalKind.Talent, talent.Id, PersonalField.Phone);
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.DoesNotContain(phone, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        var tiedong = await App.ApiClientAsync("tiedong");
        var foreign = await UnmaskAsync(tiedong, PersonalKind.Talent, talent.Id, PersonalField.Phone);
        var missing = await UnmaskAsync(tiedong, PersonalKind.Talent, int.MaxValue, PersonalField.Phone);
        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (foreign.StatusCode, missing.StatusCode));
        Assert.Equal(foreign.Content.Headers.ContentType?.MediaType, missing.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain(phone, await foreign.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await UnmaskAsync(tiedong, PersonalKind.Agency, agency.Id, PersonalField.Phone)).StatusCode);
        Assert.DoesNotContain(await App.AuditOfAsync(nameof(TalentPerson), talent.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            e => e.Action == UnmaskService.Action && e.UserName is "tiedong" or "leader" or "auditor" or "admin" && e.Result == "Success");
    }

    [Fact]
    public async Task A_ciphertext_copied_to_another_row_does_not_open()
    {
        var tiexi = await App.ApiClientAsync("tiexi");
        var tag = Unique();
        var first = (await CreatedAsync<TalentDetail>(await tiexi.PostAsJsonAsync("/api/talents", new TalentForm { Name = "甲" + tag, Phone = NewPhone() }))).Talent;
        var second = (await CreatedAsync<TalentDetail>(await tiexi.PostAsJsonAsync("/api/talents", new TalentForm { Name = "乙" + tag, Phone = NewPhone() }))).Talent;
        var stolen = await RawAsync(App, "TalentPeople", "Phone", first.Id);
        await ExecuteAsync(App, $"UPDATE \"TalentPeople\" SET \"Phone\" = '{stolen}' WHERE \"Id\" = {second.Id}");
        var refused = await Assert.ThrowsAnyAsync<Exception>(() => App.AsSystemAsync(sp =>
            sp.GetRequiredService<AppDbContext>().TalentPeople.AsNoTracking().SingleAsync(x => x.Id == second.Id)));
        Assert.True(refused is System.Security.Cryptography.CryptographicException || refused.InnerException is System.Security.Cryptography.CryptographicException, refused.ToString());
        // The row it came from still opens.
        var first2 = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().TalentPeople.AsNoTracking().SingleAsync(x => x.Id == first.Id));
        Assert.NotNull(first2.Phone);
    }

    [Fact]
    public async Task Search_by_phone_matches_the_keyed_hash_within_the_users_scope_and_never_from_an_address()
    {
        var tiexi = await App.ApiClientAsync("tiexi");
        var tag = Unique();
        var phone = NewPhone();
        var talent = (await CreatedAsync<TalentDetail>(await tiexi.PostAsJsonAsync("/api/talents", new TalentForm { Name = "人才" + tag, Phone = phone }))).Talent;
        var companyForm = CompanyTestSupport.Form("电话企业" + tag, code: CompanyTestSupport.NewCode());
        companyForm.Contacts.Add(new ContactForm { Name = "王五", Phone = phone });
        var company = await CreatedAsync<CompanyDetail>(await tiexi.PostAsJsonAsync("/api/companies", companyForm));

        var typed = $"+86 {phone[..3]} {phone[3..7]} {phone[7..]}";
        var found = await (await tiexi.PostAsJsonAsync("/api/search", new SearchRequest(typed, null))).Content.ReadFromJsonAsync<SearchResults>(Web);
        Assert.Equal([talent.Id], found!.Groups.Single(g => g.Kind == SearchKind.Talent).Hits.Select(h => h.Id));
        Assert.Equal([company.Id], found.Groups.Single(g => g.Kind == SearchKind.Company).Hits.Select(h => h.Id));
        Assert.DoesNotContain(phone, JsonSerializer.Serialize(found), StringComparison.Ordinal);
        Assert.All(found.Groups.SelectMany(g => g.Hits.Select(h => h.Url).Append(g.ListUrl)), u => Assert.DoesNotContain(phone[3..], u, StringComparison.Ordinal));

        // The keyed hash in the address finds the same; the typed number in an address is refused in words.
        var hash = App.Services.GetRequiredService<PersonalDataCipher>().PhoneHash(phone);
        var byHash = await tiexi.GetFromJsonAsync<SearchResults>($"/api/search?h={hash}", Web);
        Assert.Equal([talent.Id], byHash!.Groups.Single(g => g.Kind == SearchKind.Talent).Hits.Select(h => h.Id));
        var refused = await tiexi.GetAsync($"/api/search?q={phone}");
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("电话号码不能放在网址中：请用 POST /api/search 按电话号码搜索。", (await ErrorsAsync(refused))["q"]);

        // Another county finds the citywide company directory's contact, never the talent of another unit.
        var tiedong = await App.ApiClientAsync("tiedong");
        var theirs = await (await tiedong.PostAsJsonAsync("/api/search", new SearchRequest(phone, null))).Content.ReadFromJsonAsync<SearchResults>(Web);
        Assert.Equal(0, theirs!.Groups.Single(g => g.Kind == SearchKind.Talent).Total);
        Assert.Equal([company.Id], theirs.Groups.Single(g => g.Kind == SearchKind.Company).Hits.Select(h => h.Id));
        // The search page replaces a typed number in its address by the hash.
        var page = await tiexi.GetAsync($"/search?h={hash}");
        Assert.Contains("人才" + tag, await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plaintext_left_by_an_older_version_is_sealed_by_migrate_and_reads_the_same()
    {
        var tiexi = await App.ApiClientAsync("tiexi");
        var tag = Unique();
        var talent = (await CreatedAsync<TalentDetail>(await tiexi.PostAsJsonAsync("/api/talents", new TalentForm { Name = "旧人才" + tag }))).Talent;
        var phone = NewPhone();
        var email = $"old.{tag}@example.cn";
        await ExecuteAsync(App, $"UPDATE \"TalentPeople\" SET \"Phone\" = '{phone}', \"Email\" = '{email}', \"PhoneHash\" = NULL WHERE \"Id\" = {talent.Id}");
        // Read before migrate: the value in clear still reads (as written by the older version).
        Assert.Equal(phone[..3] + "****" + phone[^4..], (await tiexi.GetFromJsonAsync<TalentDetail>($"/api/talents/{talent.Id}", Web))!.Talent.MaskedPhone);

        await App.AsSystemAsync(async sp => await DatabaseSetup.MigrateAsync(sp));
        AssertSealed(await RawAsync(App, "TalentPeople", "Phone", talent.Id), phone);
        AssertSealed(await RawAsync(App, "TalentPeople", "Email", talent.Id), email);
        Assert.Equal(App.Services.GetRequiredService<PersonalDataCipher>().PhoneHash(phone), await RawAsync(App, "TalentPeople", "PhoneHash", talent.Id));
        var stored = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().TalentPeople.AsNoTracking().SingleAsync(x => x.Id == talent.Id));
        Assert.Equal((phone, email), (stored.Phone, stored.Email));
        var sealedEntry = await App.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
            .Where(e => e.Action == PersonalDataBatches.SealAction).OrderBy(e => e.Id).LastAsync());
        Assert.Contains("\"rows\":", sealedEntry.NewValues, StringComparison.Ordinal);
        // Idempotent: a second run finds nothing in clear and changes nothing.
        var before = await RawAsync(App, "TalentPeople", "Phone", talent.Id);
        Assert.Equal(0, await App.AsSystemAsync(sp => PersonalDataBatches.SealPlaintextAsync(sp.GetRequiredService<AppDbContext>())));
        Assert.Equal(before, await RawAsync(App, "TalentPeople", "Phone", talent.Id));
    }

    [Fact]
    public async Task Rotate_keys_re_seals_every_value_in_resumable_batches_and_every_value_still_reads()
    {
        // Its own copy of the test keys: the new data key must not reach the other tests' apps.
        var keys = Directory.CreateTempSubdirectory("investtrack-rotate-").FullName;
        foreach (var file in Directory.GetFiles(TestApp.TestKeyDirectory)) File.Copy(file, Path.Combine(keys, Path.GetFileName(file)));
        await using var app = await new TestApp(App.Provider, settings: new Dictionary<string, string> { ["Security:KeyDirectory"] = keys }).StartAsync();
        try
        {
            var tiexi = await app.ApiClientAsync("tiexi");
            var tag = Unique();
            var phones = Enumerable.Range(0, 3).Select(_ => NewPhone()).ToList();
            var ids = new List<int>();
            foreach (var phone in phones)
                ids.Add((await CreatedAsync<TalentDetail>(await tiexi.PostAsJsonAsync("/api/talents", new TalentForm { Name = "轮换" + tag, Phone = phone, Email = $"r{phone}@example.cn" }))).Talent.Id);
            // A user with an authenticator: its secret is sealed under the same data key and moves with the rest.
            var authenticator = System.Security.Cryptography.RandomNumberGenerator.GetBytes(20);
            await app.AsSystemAsync(async sp =>
            {
                var db = sp.GetRequiredService<AppDbContext>();
                var user = await db.Users.SingleAsync(u => u.UserName == "tiedong");
                user.TotpSecret = new TotpFactor(sp.GetRequiredService<IKeyProvider>()).Seal(user.Id, authenticator);
                return await db.SaveChangesAsync();
            });
            var before = await app.AsSystemAsync(sp => PersonalDataBatches.StatusAsync(sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<IKeyProvider>()));
            Assert.Contains(before, c => c is { Table: "AspNetUsers", Version: "v1", Rows: 1 });
            var total = before.Sum(c => c.Rows);
            Assert.True(total >= 6, $"{total} values");
            Assert.All(before, c => Assert.NotEqual("v2", c.Version));

            // One batch of two, then stopped: a new key exists, two values are on it, the rest still open under v1.
            Assert.Equal(0, await app.AsSystemAsync(sp => RotateKeysVerb.RunAsync(sp, ["--batch", "2", "--batches", "1"])));
            var partway = await app.AsSystemAsync(sp => PersonalDataBatches.StatusAsync(sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<IKeyProvider>()));
            // (the first column in the model may hold a single value: the batch then holds one)
            Assert.InRange(partway.Where(c => c.Version == "v2").Sum(c => c.Rows), 1, 2);
            Assert.Equal(total, partway.Sum(c => c.Rows));
            Assert.True(File.Exists(Path.Combine(keys, "data-v2.key")));
            var list = await tiexi.GetFromJsonAsync<NetworkPage<TalentView>>($"/api/talents?q=轮换{tag}", Web);
            Assert.Equal(phones.Select(p => p[..3] + "****" + p[^4..]).Order(), list!.Rows.Select(t => t.MaskedPhone!).Order());

            // Run again: the unfinished rotation goes on (no third key) to the end.
            Assert.Equal(0, await app.AsSystemAsync(sp => RotateKeysVerb.RunAsync(sp, ["--batch", "2"])));
            Assert.False(File.Exists(Path.Combine(keys, "data-v3.key")));
            var after = await app.AsSystemAsync(sp => PersonalDataBatches.StatusAsync(sp.GetRequiredService<AppDbContext>(), sp.GetRequiredService<IKeyProvider>()));
            Assert.All(after, c => Assert.Equal("v2", c.Version));
            Assert.Equal(total, after.Sum(c => c.Rows));
            Assert.Equal(authenticator, await app.AsSystemAsync(async sp =>
            {
                var user = await sp.GetRequiredService<AppDbContext>().Users.AsNoTracking().SingleAsync(u => u.UserName == "tiedong");
                Assert.StartsWith("2:", user.TotpSecret, StringComparison.Ordinal);
                return new TotpFactor(sp.GetRequiredService<IKeyProvider>()).Open(user.Id, user.TotpSecret!);
            }));
            for (var i = 0; i < ids.Count; i++)
            {
                Assert.StartsWith("v2:", await RawAsync(app, "TalentPeople", "Phone", ids[i]));
                var response = await UnmaskAsync(tiexi, PersonalKind.Talent, ids[i], PersonalField.Phone);
                Assert.Equal(phones[i], (await response.Content.ReadFromJsonAsync<UnmaskAnswer>(Web))!.Value);
            }
            var entries = await app.AsSystemAsync(sp => sp.GetRequiredService<AppDbContext>().AuditEntries.AsNoTracking()
                .Where(e => e.Action == PersonalDataBatches.RotateAction).OrderBy(e => e.Id).Select(e => e.NewValues!).ToListAsync());
            Assert.Equal(4, entries.Count);
            Assert.Contains("\"phase\":\"stopped\"", entries[1], StringComparison.Ordinal);
            Assert.Contains("\"phase\":\"done\"", entries[3], StringComparison.Ordinal);
            Assert.Equal(0, await app.AsSystemAsync(sp => RotateKeysVerb.RunAsync(sp, ["--status"])));
            Assert.Equal(64, await app.AsSystemAsync(sp => RotateKeysVerb.RunAsync(sp, ["--batch", "zero"])));
        }
        finally
        {
            Directory.Delete(keys, recursive: true);
        }
    }
}

public sealed class PostgresPersonalDataTests(PostgresFixture fixture) : PersonalDataTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqlitePersonalDataTests(SqliteFixture fixture) : PersonalDataTests(fixture), IClassFixture<SqliteFixture>;
