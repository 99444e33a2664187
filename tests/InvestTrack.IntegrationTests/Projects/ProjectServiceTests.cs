using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Projects;
using InvestTrack.IntegrationTests.Admin;
using InvestTrack.Tests;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static InvestTrack.IntegrationTests.Projects.ProjectTestSupport;

namespace InvestTrack.IntegrationTests.Projects;

/// <summary>The project service run as real demo users: writes, history rows, every refusal.</summary>
public abstract class ProjectServiceTests(AppFixture fixture)
{
    private TestApp App => fixture.App;

    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task Create_update_and_stage_change_write_the_project_its_history_and_audit()
    {
        var created = await App.CreateProjectAsync();
        Assert.Equal((ProjectStage.Lead, ProjectStatus.Active, 1_234_567L, await App.UnitIdAsync(Tiexi)),
            (created.Stage, created.Status, created.PlannedInvestment, created.UnitId));
        var first = Assert.Single(await App.StageChangesAsync(created.Id));
        Assert.Equal(((ProjectStage?)null, ProjectStage.Lead, created.UnitId, "铁西区 张华"), (first.FromStage, first.ToStage, first.UnitId, first.UserName));

        var form = FormOf(created);
        form.Name += "（二期）";
        form.ContractedInvestmentWan = 10000.5m;
        form.NationalProjectCode = "2026-220302-13-03-012345";
        var updated = await App.AsUserAsync("tiexi", sp => Service(sp).UpdateAsync(created.Id, form));
        Assert.True(updated.Ok, updated.FirstError);
        var saved = await App.ProjectAsync(created.Id);
        Assert.Equal((form.Name, 1_000_050L, "2026-220302-13-03-012345", created.Version + 1),
            (saved.Name, saved.ContractedInvestment, saved.NationalProjectCode, saved.Version));

        var stage = await App.AsUserAsync("tiexi", sp => Service(sp).ChangeStageAsync(created.Id, new StageCommand
        {
            ToStage = ProjectStage.Signed, ToStatus = ProjectStatus.Active, SigningKind = SigningKind.Contract,
            SignedOn = new DateOnly(2026, 3, 15), Version = saved.Version,
        }));
        Assert.True(stage.Ok, stage.FirstError);
        var signed = await App.ProjectAsync(created.Id);
        Assert.Equal((ProjectStage.Signed, new DateOnly(2026, 3, 15), (SigningKind?)SigningKind.Contract), (signed.Stage, signed.SignedOn, signed.SigningKind));
        var changes = await App.StageChangesAsync(created.Id);
        Assert.Equal(2, changes.Count);
        Assert.Equal(((ProjectStage?)ProjectStage.Lead, ProjectStage.Signed), (changes[1].FromStage, changes[1].ToStage));

        var history = await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<ProjectReads>().HistoryAsync(created.Id));
        Assert.Equal([ProjectStage.Signed, ProjectStage.Lead], history!.StageChanges.Select(s => s.ToStage));
        Assert.Equal(ProjectRules.DefaultMilestoneKinds, history.Milestones.Select(m => m.Kind).Take(4));
        Assert.Contains(history.TimeInStage, t => t.Stage == ProjectStage.Signed && t.Current);
        var audit = await App.AuditOfAsync(nameof(Project), Id(created.Id));
        Assert.Equal(["Create", "Update", "Update"], audit.Select(a => a.Action));
    }

    public static TheoryData<string, string, string> BadInputs() => new()
    {
        { "unknown-company", "CompanyId", "投资方不存在" },
        { "negative", "PlannedInvestmentWan", "金额不能为负数" },
        { "over-precise", "PlannedInvestmentWan", "金额以万元为单位，最多两位小数" },
        { "absurdly-large", "PlannedInvestmentWan", "金额过大，请核对单位（万元）" },
        { "contracted-over-precise", "ContractedInvestmentWan", "金额以万元为单位，最多两位小数" },
        { "dates-out-of-order", "StartedOn", "开工日期不能早于签约日期" },
        { "production-without-start", "StartedOn", "开工及以后的阶段须填写开工日期" },
        { "national-code-short", "NationalProjectCode", "全国投资项目代码须为 24 位数字、大写字母或“-”" },
        { "national-code-chars", "NationalProjectCode", "全国投资项目代码须为 24 位数字、大写字母或“-”" },
        { "name-too-long", "Name", "不能超过 200 个字符" },
        // A code left blank on a new project gets the city's next code (ProjectFormFlowTests); one too long is refused.
        { "code-too-long", "Code", "不能超过 64 个字符" },
        { "section-unknown", "IndustrySectionCode", "国民经济行业门类不存在" },
        { "industry-old-catalog", "IndustryId", "产业须取自 2026 年适用的产业目录" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public async Task Bad_input_gets_a_Chinese_message_on_its_field_and_writes_nothing(string kind, string field, string message)
    {
        var form = await App.NewFormAsync();
        switch (kind)
        {
            case "unknown-company": form.CompanyId = 999_999; break;
            case "negative": form.PlannedInvestmentWan = -1m; break;
            case "over-precise": form.PlannedInvestmentWan = 1.234m; break;
            case "absurdly-large": form.PlannedInvestmentWan = decimal.MaxValue; break;
            case "contracted-over-precise": form.ContractedInvestmentWan = 0.001m; break;
            case "dates-out-of-order": (form.SignedOn, form.StartedOn) = (new DateOnly(2026, 5, 1), new DateOnly(2026, 4, 1)); break;
            case "production-without-start": (form.SignedOn, form.InProductionOn) = (new DateOnly(2026, 5, 1), new DateOnly(2026, 6, 1)); break;
            case "national-code-short": form.NationalProjectCode = "2026-220302-13-03-01234"; break;
            case "national-code-chars": form.NationalProjectCode = "2026_220302_13_03_012345"; break;
            case "name-too-long": form.Name = new string('项', 201); break;
            case "code-too-long": form.Code = new string('X', 65); break;
            case "section-unknown": form.IndustrySectionCode = "Z"; break;
            case "industry-old-catalog": form.IndustryId = await OldestCatalogIndustryAsync(); form.SignedOn = new DateOnly(2026, 1, 5); break;
        }
        var result = await App.AsUserAsync("tiexi", sp => Service(sp).CreateAsync(form));
        Assert.Equal(CommandOutcome.Invalid, result.Outcome);
        Assert.Equal([message], result.Errors[field]);
        Assert.Equal(0, await App.CountByCodeAsync(form.Code.Trim()));
    }

    private Task<int> OldestCatalogIndustryAsync() => App.AsSystemAsync(sp =>
    {
        var db = sp.GetRequiredService<AppDbContext>();
        return db.Industries.Where(i => i.CatalogId == db.IndustryCatalogs.OrderBy(c => c.StartYear).Select(c => c.Id).First()).Select(i => i.Id).FirstAsync();
    });

    [Fact]
    public async Task A_duplicate_code_is_refused_even_when_the_other_project_is_another_units()
    {
        var lishus = await App.CreateProjectAsync("lishu", Lishu);
        var form = await App.NewFormAsync();
        form.Code = lishus.Code;
        var result = await App.AsUserAsync("tiexi", sp => Service(sp).CreateAsync(form));
        Assert.Equal([$"项目编号“{lishus.Code}”已存在"], result.Errors["Code"]);
        Assert.Equal(1, await App.CountByCodeAsync(lishus.Code));
    }

    [Fact]
    public async Task A_unit_outside_the_scope_is_not_found_and_nothing_is_written()
    {
        var form = await App.NewFormAsync(Lishu);
        var result = await App.AsUserAsync("tiexi", sp => Service(sp).CreateAsync(form));
        Assert.Equal(CommandOutcome.NotFound, result.Outcome);
        Assert.Equal(["所选单位不存在"], result.Errors["UnitId"]);
        form.UnitId = 999_999;
        Assert.Equal(CommandOutcome.NotFound, (await App.AsUserAsync("tiexi", sp => Service(sp).CreateAsync(form))).Outcome);
        Assert.Equal(0, await App.CountByCodeAsync(form.Code));
    }

    [Fact]
    public async Task Script_in_a_name_is_stored_as_typed()
    {
        var form = await App.NewFormAsync();
        form.Name = "<script>alert('x')</script>项目";
        var result = await App.AsUserAsync("tiexi", sp => Service(sp).CreateAsync(form));
        Assert.True(result.Ok, result.FirstError);
        Assert.Equal(form.Name, (await App.ProjectAsync(result.Id!.Value)).Name);
    }

    [Fact]
    public async Task A_leader_is_refused_by_the_service_and_nothing_is_written()
    {
        var project = await App.CreateProjectAsync();
        var form = await App.NewFormAsync();
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync("leader", sp => Service(sp).CreateAsync(form)));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync("leader", sp => Service(sp).UpdateAsync(project.Id, FormOf(project))));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync("leader", sp =>
            Service(sp).ChangeStageAsync(project.Id, new StageCommand { ToStage = ProjectStage.Talks, Version = project.Version })));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync("leader", sp =>
            Service(sp).AddProgressAsync(project.Id, new ProgressForm { OccurredOn = new DateOnly(2026, 1, 1), WhatHappened = "x" })));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => App.AsUserAsync("leader", sp =>
            Service(sp).SetMilestoneAsync(project.Id, "立项", new MilestoneForm { PlannedOn = new DateOnly(2026, 1, 1) })));
        Assert.Equal(0, await App.CountByCodeAsync(form.Code));
        Assert.Equal(project.Version, (await App.ProjectAsync(project.Id)).Version);
        Assert.Contains(await App.AuditOfAsync(nameof(Project), Id(project.Id)), a => a.Action == "Refused");
        Assert.False(await App.AsUserAsync("leader", sp => Task.FromResult(Service(sp).CanEdit)));
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_the_first_save_is_kept()
    {
        var project = await App.CreateProjectAsync();
        var first = FormOf(project);
        first.Name = "先保存的名称" + AdminTestSupport.Unique();
        Assert.True((await App.AsUserAsync("tiexi", sp => Service(sp).UpdateAsync(project.Id, first))).Ok);
        var second = FormOf(project);
        second.Name = "后保存的名称";
        var stale = await App.AsUserAsync("tiexi", sp => Service(sp).UpdateAsync(project.Id, second));
        Assert.Equal(CommandOutcome.Stale, stale.Outcome);
        Assert.Equal("该项目已被他人修改，请刷新后重试。", stale.FirstError);
        var staleStage = await App.AsUserAsync("tiexi", sp => Service(sp).ChangeStageAsync(project.Id,
            new StageCommand { ToStage = ProjectStage.Talks, Version = project.Version }));
        Assert.Equal(CommandOutcome.Stale, staleStage.Outcome);
        var saved = await App.ProjectAsync(project.Id);
        Assert.Equal((first.Name, ProjectStage.Lead), (saved.Name, saved.Stage));
    }

    [Fact]
    public async Task City_staff_move_a_project_with_its_history_and_a_county_user_may_not()
    {
        var project = await App.CreateProjectAsync();
        Assert.True((await App.AsUserAsync("tiexi", sp => Service(sp).AddProgressAsync(project.Id,
            new ProgressForm { OccurredOn = new DateOnly(2026, 1, 10), WhatHappened = "首次洽谈" }))).Ok);
        Assert.True((await App.AsUserAsync("tiexi", sp => Service(sp).SetMilestoneAsync(project.Id, "用地",
            new MilestoneForm { PlannedOn = new DateOnly(2026, 6, 1) }))).Ok);
        await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            db.FundsRecords.Add(new Features.Funds.FundsRecord
            {
                ProjectId = project.Id, UnitId = project.UnitId, Period = 202601, Source = Features.ReferenceData.OriginClass.OtherProvince,
                Amount = 12345, ReportedAt = DateTimeOffset.UtcNow, ReportedBy = "tiexi",
            });
            return await db.SaveChangesAsync();
        });
        var lishu = await App.UnitIdAsync(Lishu);

        var refused = FormOf(project);
        refused.UnitId = lishu;
        var byCounty = await App.AsUserAsync("tiexi", sp => Service(sp).UpdateAsync(project.Id, refused));
        Assert.Equal(["无权变更项目的所属单位"], byCounty.Errors["UnitId"]);

        var move = FormOf(project);
        move.UnitId = lishu;
        Assert.True((await App.AsUserAsync("city", sp => Service(sp).UpdateAsync(project.Id, move))).Ok);
        var units = await App.AsSystemAsync(async sp =>
        {
            var db = sp.GetRequiredService<AppDbContext>();
            return (await db.StageChanges.Where(s => s.ProjectId == project.Id).Select(s => s.UnitId)
                .Concat(db.ProjectMilestones.Where(m => m.ProjectId == project.Id).Select(m => m.UnitId))
                .Concat(db.ProgressEntries.Where(e => e.ProjectId == project.Id).Select(e => e.UnitId))
                .Concat(db.FundsRecords.Where(f => f.ProjectId == project.Id).Select(f => f.UnitId)).ToListAsync());
        });
        Assert.Equal(4, units.Count);
        Assert.All(units, u => Assert.Equal(lishu, u));
        Assert.Equal(lishu, (await App.ProjectAsync(project.Id)).UnitId);
        Assert.Null(await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<ProjectReads>().HistoryAsync(project.Id)));
        var seen = await App.AsUserAsync("lishu", sp => sp.GetRequiredService<ProjectReads>().HistoryAsync(project.Id));
        Assert.Equal("首次洽谈", Assert.Single(seen!.Progress).WhatHappened);
    }

    [Fact]
    public async Task A_county_user_cannot_touch_another_countys_project()
    {
        var project = await App.CreateProjectAsync();
        var results = await App.AsUserAsync("lishu", async sp => new[]
        {
            await Service(sp).ChangeStageAsync(project.Id, new StageCommand { ToStage = ProjectStage.Talks, Version = project.Version }),
            await Service(sp).UpdateAsync(project.Id, FormOf(project)),
            await Service(sp).AddProgressAsync(project.Id, new ProgressForm { OccurredOn = new DateOnly(2026, 1, 1), WhatHappened = "x" }),
            await Service(sp).SetMilestoneAsync(project.Id, "立项", new MilestoneForm { PlannedOn = new DateOnly(2026, 1, 1) }),
        });
        Assert.All(results, r => Assert.Equal(CommandOutcome.NotFound, r.Outcome));
        Assert.Single(await App.StageChangesAsync(project.Id));
        Assert.Null(await App.AsUserAsync("lishu", sp => sp.GetRequiredService<ProjectReads>().FindAsync(project.Id)));
    }

    [Fact]
    public async Task Stage_rules_milestones_and_progress_are_checked()
    {
        var project = await App.CreateProjectAsync();
        async Task<CommandResult> Stage(StageCommand c) => await App.AsUserAsync("tiexi", sp => Service(sp).ChangeStageAsync(project.Id, c));
        var unsigned = await Stage(new StageCommand { ToStage = ProjectStage.Signed, Version = project.Version });
        Assert.Equal(["签约及以后的阶段须填写签约日期"], unsigned.Errors["SignedOn"]);
        var drop = await Stage(new StageCommand { ToStage = ProjectStage.Lead, ToStatus = ProjectStatus.Dropped, Version = project.Version });
        Assert.Equal(["终止项目须填写原因"], drop.Errors["Reason"]);
        Assert.True((await Stage(new StageCommand { ToStage = ProjectStage.Intention, Version = project.Version })).Ok);
        var back = await Stage(new StageCommand { ToStage = ProjectStage.Talks, Version = project.Version + 1 });
        Assert.Equal(["退回到之前的阶段须填写原因"], back.Errors["Reason"]);
        var dropped = await Stage(new StageCommand { ToStage = ProjectStage.Intention, ToStatus = ProjectStatus.Dropped, Reason = "投资方撤资", Version = project.Version + 1 });
        Assert.True(dropped.Ok, dropped.FirstError);
        var saved = await App.ProjectAsync(project.Id);
        Assert.Equal((ProjectStatus.Dropped, "投资方撤资"), (saved.Status, saved.StatusReason));
        Assert.Equal("投资方撤资", (await App.StageChangesAsync(project.Id)).Last().Note);

        var kind = await App.AsUserAsync("tiexi", sp => Service(sp).SetMilestoneAsync(project.Id, "开盘", new MilestoneForm()));
        Assert.Equal(["未知的审批节点“开盘”"], kind.Errors["Kind"]);
        var future = await App.AsUserAsync("tiexi", sp => Service(sp).AddProgressAsync(project.Id,
            new ProgressForm { OccurredOn = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(3), WhatHappened = "x" }));
        Assert.StartsWith("日期不能晚于今天（", Assert.Single(future.Errors["OccurredOn"]), StringComparison.Ordinal);
        var empty = await App.AsUserAsync("tiexi", sp => Service(sp).AddProgressAsync(project.Id, new ProgressForm { OccurredOn = new DateOnly(2026, 1, 1), WhatHappened = " " }));
        Assert.Equal(["此项必填"], empty.Errors["WhatHappened"]);

        // A milestone keeps its own version: a second client's stale save is refused.
        var set = await App.AsUserAsync("tiexi", sp => Service(sp).SetMilestoneAsync(project.Id, "立项", new MilestoneForm { PlannedOn = new DateOnly(2026, 2, 1) }));
        Assert.True(set.Ok, set.FirstError);
        var staleMilestone = await App.AsUserAsync("tiexi", sp => Service(sp).SetMilestoneAsync(project.Id, "立项", new MilestoneForm { PlannedOn = new DateOnly(2026, 3, 1) }));
        Assert.Equal(CommandOutcome.Stale, staleMilestone.Outcome);
        var again = await App.AsUserAsync("tiexi", sp => Service(sp).SetMilestoneAsync(project.Id, "立项",
            new MilestoneForm { PlannedOn = new DateOnly(2026, 3, 1), ActualOn = new DateOnly(2026, 3, 2), Version = set.Version!.Value }));
        Assert.True(again.Ok, again.FirstError);
        var history = await App.AsUserAsync("tiexi", sp => sp.GetRequiredService<ProjectReads>().HistoryAsync(project.Id));
        Assert.Equal(new DateOnly(2026, 3, 2), history!.Milestones.Single(m => m.Kind == "立项").ActualOn);
    }
}

[Collection("postgres")]
public sealed class PostgresProjectServiceTests(PostgresFixture fixture) : ProjectServiceTests(fixture), IClassFixture<PostgresFixture>;

public sealed class SqliteProjectServiceTests(SqliteFixture fixture) : ProjectServiceTests(fixture), IClassFixture<SqliteFixture>;
