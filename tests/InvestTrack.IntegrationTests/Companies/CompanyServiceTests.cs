using InvestTrack.Features.Companies;
using InvestTrack.Features.ReferenceData;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.Extensions.DependencyInjection;

namespace InvestTrack.IntegrationTests.Companies;

public abstract class CompanyServiceTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private Task<CompanyResult> CreateAsAsync(string user, CompanyForm form) =>
        App.AsUserAsync(user, sp => sp.GetRequiredService<CompanyService>().CreateAsync(form));

    [Theory]
    [InlineData("91350100M000100Y4", "统一社会信用代码长度应为18位。")]
    [InlineData("91350100I000100Y43", "统一社会信用代码含有非法字符。")]
    [InlineData("91350100M000100Y44", "统一社会信用代码校验码错误。")]
    public async Task Each_credit_code_problem_has_its_message_and_nothing_is_written(string code, string message)
    {
        var name = "代码错误企业" + AdminTestSupport.Unique();
        var result = await CreateAsAsync("city", CompanyTestSupport.Form(name, code: code));
        Assert.Equal(message, result.Errors!["creditCode"]);
        Assert.False(await App.CompanyNamedAsync(name));
    }

    [Fact]
    public async Task A_code_is_normalized_and_a_taken_code_names_its_company()
    {
        var code = CompanyTestSupport.NewCode();
        var first = await App.CreateAsync(CompanyTestSupport.Form("先登记企业" + AdminTestSupport.Unique(), code: " " + code.ToLowerInvariant() + " "));
        Assert.Equal(code, first.CreditCode);
        var name = "后登记企业" + AdminTestSupport.Unique();
        // Full width is the same code.
        var fullWidth = new string(code.Select(c => (char)(c + 0xFEE0)).ToArray());
        var result = await CreateAsAsync("tiexi", CompanyTestSupport.Form(name, code: fullWidth));
        Assert.Equal($"统一社会信用代码 {code} 已被“{first.Name}”使用。", result.Errors!["creditCode"]);
        Assert.False(await App.CompanyNamedAsync(name));
    }

    [Fact]
    public async Task Unknown_origin_and_missing_fields_are_refused()
    {
        var name = "未知所在地企业" + AdminTestSupport.Unique();
        var result = await CreateAsAsync("city", CompanyTestSupport.Form(name, origin: "火星省"));
        Assert.Equal("无法识别的投资方所在地：火星省", result.Errors!["origin"]);
        var empty = await CreateAsAsync("city", new CompanyForm { Name = "  ", Origin = "" });
        Assert.Equal("请填写企业名称。", empty.Errors!["name"]);
        Assert.Equal("请填写投资方所在地。", empty.Errors!["origin"]);
        var tooLong = await CreateAsAsync("city", CompanyTestSupport.Form(new string('长', 201)));
        Assert.Equal("企业名称不能超过 200 个字符。", tooLong.Errors!["name"]);
        Assert.False(await App.CompanyNamedAsync(name));
    }

    [Theory]
    [InlineData("吉林省长春市", OriginClass.InProvince, "220000", "220100", null)]
    [InlineData("山东省济南市", OriginClass.OtherProvince, "370000", "370100", null)]
    [InlineData("北京市", OriginClass.OtherProvince, "110000", "110000", null)]
    [InlineData("俄罗斯", OriginClass.Abroad, null, null, "RU")]
    [InlineData("香港", OriginClass.Abroad, "810000", null, null)]
    public async Task Origin_class_and_codes_are_stored(string origin, OriginClass cls, string? province, string? city, string? country)
    {
        var created = await App.CreateAsync(CompanyTestSupport.Form("来源企业" + AdminTestSupport.Unique(), origin));
        var stored = (await App.LoadCompanyAsync(created.Id))!;
        Assert.Equal((origin, cls, province, city, country),
            (stored.Origin, stored.OriginClass, stored.OriginProvinceCode, stored.OriginCityCode, stored.OriginCountryCode));
    }

    [Fact]
    public async Task A_stale_edit_is_refused_and_nothing_is_lost()
    {
        var company = await App.CreateAsync(CompanyTestSupport.Form("并发企业" + AdminTestSupport.Unique()));
        var first = CompanyForm.Of(company);
        first.Notes = "先保存";
        var saved = await App.AsUserAsync("city", sp => sp.GetRequiredService<CompanyService>().UpdateAsync(company.Id, first, company.Version));
        Assert.True(saved.Ok, saved.Message);
        var second = CompanyForm.Of(company);
        second.Notes = "后保存";
        var stale = await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<CompanyService>().UpdateAsync(company.Id, second, company.Version));
        Assert.True(stale.Stale);
        Assert.Equal("该记录已被他人修改，请刷新后重试。", stale.Message);
        Assert.Equal("先保存", (await App.LoadCompanyAsync(company.Id))!.Notes);
    }

    [Fact]
    public async Task Phones_are_masked_kept_when_sent_back_masked_and_validated()
    {
        var form = CompanyTestSupport.Form("联系人企业" + AdminTestSupport.Unique());
        form.Contacts = [new ContactForm { Name = "王经理", Title = "总经理", Phone = "13812345678", Email = "wang@example.cn" }];
        var company = await App.CreateAsync(form);
        var contact = Assert.Single(company.Contacts);
        Assert.Equal("138****5678", contact.MaskedPhone);

        // The masked value sent back keeps the number; a new contact is added alongside.
        var edit = CompanyForm.Of(company);
        edit.Contacts.Add(new ContactForm { Name = "李秘书", Phone = "0434-3221234" });
        Assert.True((await App.AsUserAsync("city", sp => sp.GetRequiredService<CompanyService>().UpdateAsync(company.Id, edit, company.Version))).Ok);
        var stored = (await App.LoadCompanyAsync(company.Id))!;
        Assert.Equal(["13812345678", "0434-3221234"], stored.Contacts.OrderBy(c => c.Id).Select(c => c.Phone));

        var bad = CompanyForm.Of((await App.AsUserAsync("city", sp => sp.GetRequiredService<CompanyService>().FindAsync(company.Id)))!);
        bad.Contacts[1].Phone = "12345";
        bad.Contacts[0].Email = "not-an-email";
        var refused = await App.AsUserAsync("city", sp => sp.GetRequiredService<CompanyService>().UpdateAsync(company.Id, bad, company.Version + 1));
        Assert.Equal("第 2 个联系人：电话号码格式不正确。", refused.Errors!["contacts[1].phone"]);
        Assert.Equal("第 1 个联系人：电子邮箱格式不正确。", refused.Errors!["contacts[0].email"]);
        Assert.Equal("0434-3221234", (await App.LoadCompanyAsync(company.Id))!.Contacts.OrderBy(c => c.Id).Last().Phone);
    }

    [Fact]
    public async Task Another_companys_contact_id_is_not_adopted()
    {
        var other = await App.CreateAsync(new CompanyForm
        {
            Name = "他人企业" + AdminTestSupport.Unique(), Origin = "北京市", Contacts = [new ContactForm { Name = "他人联系人", Phone = "13900001111" }],
        });
        var mine = await App.CreateAsync(CompanyTestSupport.Form("本企业" + AdminTestSupport.Unique()));
        var form = CompanyForm.Of(mine);
        form.Contacts = [new ContactForm { Id = other.Contacts[0].Id, Name = "劫持" }];
        var result = await App.AsUserAsync("city", sp => sp.GetRequiredService<CompanyService>().UpdateAsync(mine.Id, form, mine.Version));
        Assert.Equal("第 1 个联系人不存在。", result.Errors!["contacts[0]"]);
        Assert.Equal("他人联系人", (await App.LoadCompanyAsync(other.Id))!.Contacts.Single().Name);
    }

    [Fact]
    public async Task Readers_may_not_write()
    {
        var name = "领导新增" + AdminTestSupport.Unique();
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => CreateAsAsync("leader", CompanyTestSupport.Form(name)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => CreateAsAsync("auditor", CompanyTestSupport.Form(name)));
        Assert.False(await App.CompanyNamedAsync(name));
    }

    [Fact]
    public async Task A_county_user_sees_and_counts_only_its_own_projects()
    {
        var company = await App.CreateAsync(CompanyTestSupport.Form("多单位投资企业" + AdminTestSupport.Unique()));
        var tiexi = await App.AddProjectAsync(company.Id, "220302");
        var lishu = await App.AddProjectAsync(company.Id, "220322");
        var zone = await App.AddProjectAsync(company.Id, "220322K01");

        var seenByLishu = await App.AsUserAsync("lishu", sp => sp.GetRequiredService<CompanyService>().FindAsync(company.Id));
        Assert.Equal([lishu.Id, zone.Id], seenByLishu!.Projects.Select(p => p.Id).Order());
        var seenByTiexi = await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<CompanyService>().FindAsync(company.Id));
        Assert.Equal([tiexi.Id], seenByTiexi!.Projects.Select(p => p.Id));
        var seenByCity = await App.AsUserAsync("city", sp => sp.GetRequiredService<CompanyService>().FindAsync(company.Id));
        Assert.Equal(3, seenByCity!.Projects.Count);

        var row = (await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<CompanyService>().ListAsync(new CompanyFilter(company.Name)))).Rows.Single();
        Assert.Equal(1, row.ProjectCount);
    }

    [Fact]
    public async Task The_list_filters_by_text_class_and_province()
    {
        var tag = AdminTestSupport.Unique();
        var jinan = await App.CreateAsync(CompanyTestSupport.Form($"筛选{tag}济南", "山东省济南市"));
        var changchun = await App.CreateAsync(CompanyTestSupport.Form($"筛选{tag}长春", "吉林省长春市", CompanyTestSupport.NewCode()));
        var moscow = await App.CreateAsync(CompanyTestSupport.Form($"筛选{tag}莫斯科", "俄罗斯"));
        Task<CompanyList> List(CompanyFilter f) => App.AsUserAsync("tiexi", sp => sp.GetRequiredService<CompanyService>().ListAsync(f));

        Assert.Equal([changchun.Id, jinan.Id, moscow.Id], (await List(new CompanyFilter($"筛选{tag}", Sort: CompanySort.Origin))).Rows.Select(r => r.Id));
        Assert.Equal([moscow.Id], (await List(new CompanyFilter($"筛选{tag}", OriginClass.Abroad))).Rows.Select(r => r.Id));
        Assert.Equal([jinan.Id], (await List(new CompanyFilter($"筛选{tag}", ProvinceCode: "370000"))).Rows.Select(r => r.Id));
        Assert.Equal([changchun.Id], (await List(new CompanyFilter(changchun.CreditCode!.ToLowerInvariant()))).Rows.Select(r => r.Id));
        var paged = await List(new CompanyFilter($"筛选{tag}", PageSize: 2, Page: 2));
        Assert.Equal((3, 1), (paged.Total, paged.Rows.Count));
    }
}

[Collection("postgres")]
public sealed class PostgresCompanyServiceTests(PostgresFixture fixture) : CompanyServiceTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteCompanyServiceTests(SqliteFixture fixture) : CompanyServiceTests(fixture), IClassFixture<SqliteFixture>;
