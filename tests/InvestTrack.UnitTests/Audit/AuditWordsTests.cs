using System.Globalization;
using System.Xml.Linq;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace InvestTrack.UnitTests.Audit;

/// <summary>The trail reads in words: every kind of record, action and field has a name in both languages, and the system's actors are named plainly.</summary>
public sealed class AuditWordsTests
{
    private static readonly string Resources = Path.Combine(RepositoryPaths.App, "Resources");

    /// <summary>Never written to the trail (AuditCapture hides them), so they need no name.</summary>
    private static readonly HashSet<string> Unwritten = ["PasswordHash", "SecurityStamp", "ConcurrencyStamp", "Content", "ProtectedSecret", "TotpSecret", "RecoveryCodes", "PhoneHash"];

    internal static HashSet<string> Keys(string file) =>
        XDocument.Load(Path.Combine(Resources, file)).Root!.Elements("data").Select(d => (string)d.Attribute("name")!).ToHashSet();

    [Theory]
    [InlineData("AuditResource.resx")]
    [InlineData("AuditResource.en.resx")]
    public void Every_kind_of_record_and_every_action_has_a_name(string file)
    {
        var keys = Keys(file);
        var missing = AuditQueries.KnownObjectTypes.Select(t => $"ObjectType.{t}")
            .Concat(AuditQueries.KnownActions.Select(a => $"Action.{a}")).Where(k => !keys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing));
        Assert.Contains("Project", AuditQueries.KnownObjectTypes);
        Assert.Contains("AppUser", AuditQueries.KnownObjectTypes);
    }

    [Theory]
    [InlineData("AuditFieldResource.resx")]
    [InlineData("AuditFieldResource.en.resx")]
    public void Every_audited_field_has_a_name(string file)
    {
        var user = new CurrentUser();
        user.SetSystem("test");
        using var db = new SqliteAppDbContext(new DbContextOptionsBuilder<SqliteAppDbContext>().UseSqlite("Data Source=:memory:").Options, user);
        var fields = db.Model.GetEntityTypes().Where(t => typeof(IAudited).IsAssignableFrom(t.ClrType))
            .SelectMany(t => t.GetProperties().Select(p => p.Name)).Where(n => !Unwritten.Contains(n)).Distinct().ToList();
        Assert.Contains("ContractedInvestment", fields);
        var keys = Keys(file);
        var missing = fields.Where(f => !keys.Contains(f)).Order(StringComparer.Ordinal).ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Theory]
    [InlineData("zh-CN", "startup", "Operator", null, "系统初始化")]
    [InlineData("en", "startup", "Operator", null, "System start-up")]
    [InlineData("zh-CN", "job:warning-run", "Operator", null, "定时任务：旬预警运行")]
    [InlineData("en", "job:order-escalation", "Operator", null, "Scheduled job: Escalate overdue orders")]
    [InlineData("zh-CN", "cli:ops", "Operator", null, "命令行（ops）")]
    [InlineData("zh-CN", "outbox", "Operator", null, "消息发送")]
    [InlineData("zh-CN", "job:retired-job", "Operator", null, "定时任务：retired-job")]
    [InlineData("zh-CN", "wang", "CityAdmin", "王芳", "王芳（wang）")]
    [InlineData("en", "wang", "CityAdmin", "王芳", "王芳 (wang)")]
    [InlineData("zh-CN", "ghost", null, null, "ghost")]
    [InlineData("zh-CN", null, null, null, "匿名")]
    public void Actors_are_named_in_words(string culture, string? userName, string? role, string? displayName, string expected)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
        try
        {
            var factory = new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance);
            var text = AuditActors.Describe(userName, displayName, role, new StringLocalizer<AuditResource>(factory), new StringLocalizer<JobsResource>(factory));
            Assert.Equal(expected, text);
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }

    [Theory]
    [InlineData("""{"Name":"新能源电池项目","Code":"P-1"}""", "新能源电池项目")]
    [InlineData("""{"code":"督〔2026〕3号","from":"Issued"}""", "督〔2026〕3号")]
    [InlineData("""{"Amount":12.5}""", null)]
    [InlineData("""{"Name":""}""", null)]
    [InlineData("not json", null)]
    [InlineData(null, null)]
    public void A_record_is_named_by_its_first_naming_field(string? json, string? expected) =>
        Assert.Equal(expected, AuditObjects.NameIn(json));
}

public sealed class AuditValuesTests
{
    private static readonly IStringLocalizer Fields = new StringLocalizer<AuditFieldResource>(
        new ResourceManagerStringLocalizerFactory(Options.Create(new LocalizationOptions()), NullLoggerFactory.Instance));

    [Theory]
    [InlineData("AuditFieldResource.resx")]
    [InlineData("AuditFieldResource.en.resx")]
    public void Every_member_of_every_audited_enum_has_a_name(string file)
    {
        var keys = AuditWordsTests.Keys(file);
        var wanted = AuditValues.AuditedEnums().SelectMany(e => Enum.GetNames(e).Select(n => $"Enum.{e.Name}.{n}")).ToList();
        Assert.Contains("Enum.ProjectStage.Signed", wanted);
        var missing = wanted.Where(k => !keys.Contains(k)).ToList();
        Assert.True(missing.Count == 0, string.Join(", ", missing));
    }

    [Theory]
    [InlineData("Project", "Stage", "3", "签约")]
    [InlineData("Project", "SigningKind", "2", "框架协议")]
    [InlineData("Project", "Stage", "99", "99")]
    [InlineData("SupervisionOrder", "Status", "Accepted", "已验收")]
    [InlineData("Project", "PlannedInvestment", "14827200", "148,272.00 万元")]
    [InlineData("FundsRecord", "Amount", "5", "0.05 万元")]
    [InlineData("Project", "UpdatedAt", "2026-12-06T06:03:16.3204887+00:00", "2026-12-06 14:03:16")]
    [InlineData("Project", "SignedOn", "2024-09-25", "2024-09-25")]
    [InlineData("Project", "ContactPerson", "null", "—")]
    [InlineData("Unit", "IsActive", "true", "是")]
    [InlineData("Project", "Name", "年产900吨", "年产900吨")]
    [InlineData(null, "Stage", "3", "3")]
    public void Values_read_in_words(string? objectType, string field, string value, string expected)
    {
        var previous = CultureInfo.CurrentUICulture;
        CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo("zh-CN");
        try
        {
            Assert.Equal(expected, AuditValues.Describe(objectType, field, value, Fields));
        }
        finally
        {
            CultureInfo.CurrentUICulture = previous;
        }
    }
}
