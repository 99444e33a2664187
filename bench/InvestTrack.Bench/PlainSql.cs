using Npgsql;

namespace InvestTrack.Bench;

/// <summary>
/// The plainest hand-written PostgreSQL that computes the same figures as the dispatch report and the dashboard:
/// one statement per figure, as someone would type them into psql. The yardstick of the ratio, not product code.
/// </summary>
public static class PlainSql
{
    // 1000万, 10000万, 5000万 in hundredths of a 万元; 省外 = 1; audited = 1; 项目合同 = 1.
    private const string Dispatch = """
        select count(*), coalesce(sum(s), 0), count(*) filter (where started < make_date(@y, 1, 1)), coalesce(sum(s) filter (where started < make_date(@y, 1, 1)), 0)
          from (select p."Id", p."StartedOn" started, sum(f."Amount") s from "FundsRecords" f join "Projects" p on p."Id" = f."ProjectId"
                 where f."Status" = 1 and f."Source" = 1 and f."Period" between @y * 100 + 1 and @y * 100 + @m and p."PlannedInvestment" >= 100000
                 group by p."Id", p."StartedOn" having sum(f."Amount") > 0) t;
        select coalesce(sum(f."Amount"), 0) from "FundsRecords" f join "Projects" p on p."Id" = f."ProjectId"
         where f."Status" = 1 and f."Source" = 1 and f."Period" between (@y - 1) * 100 + 1 and (@y - 1) * 100 + @m and p."PlannedInvestment" >= 100000;
        select "SigningKind", count(*), coalesce(sum("ContractedInvestment"), 0), count(*) filter (where "SigningKind" = 1 and "ContractedInvestment" >= 1000000)
          from "Projects" where "SignedOn" between make_date(@y, 1, 1) and (make_date(@y, @m, 1) + interval '1 month - 1 day')::date and "SigningKind" is not null group by 1;
        select u."Name", count(*), sum(p."PlannedInvestment") from "Projects" p join "Units" u on u."Id" = p."UnitId"
         where p."SignedOn" between make_date(@y, 1, 1) and (make_date(@y, @m, 1) + interval '1 month - 1 day')::date and p."SigningKind" is not null group by u."Name";
        select count(*), sum("PlannedInvestment") from "Projects" where "PlannedInvestment" >= 500000 and "StartedOn" is not null
           and ("StartedOn" between make_date(@y, 1, 1) and (make_date(@y, @m, 1) + interval '1 month - 1 day')::date
                or ("StartedOn" < make_date(@y, 1, 1) and not ("InProductionOn" is not null and "InProductionOn" < make_date(@y, 1, 1))
                    and coalesce((select s."ToStatus" = 2 from "StageChanges" s where s."ProjectId" = "Projects"."Id" and (s."ToStatus" = 2 or s."FromStatus" = 2)
                                   and s."ChangedAt" < make_date(@y, 1, 1)::timestamp at time zone 'Asia/Shanghai' order by s."ChangedAt" desc, s."Id" desc limit 1), false) = false));
        select count(*), sum("PlannedInvestment") from "Projects" where "InProductionOn" between make_date(@y, 1, 1) and (make_date(@y, @m, 1) + interval '1 month - 1 day')::date;
        select count(*) filter (where p."StartedOn" <= (make_date(@y, @m, 1) + interval '1 month - 1 day')::date), count(*), coalesce(sum(p."ContractedInvestment"), 0),
               coalesce(sum((select sum(f."Amount") from "FundsRecords" f where f."ProjectId" = p."Id" and f."Status" = 1 and f."Period" between @y * 100 + 1 and @y * 100 + @m)), 0)
          from "Projects" p where p."SigningKind" = 1 and p."SignedOn" between make_date(@y, 1, 1) and (make_date(@y, @m, 1) + interval '1 month - 1 day')::date;
        select p."Code", p."Name", c."Name", c."Origin", u."Name", i."Name", p."PlannedInvestment",
               sum(f."Amount") filter (where f."Period" = @y * 100 + @m), sum(f."Amount"), p."StartedOn" < make_date(@y, 1, 1)
          from "FundsRecords" f join "Projects" p on p."Id" = f."ProjectId" join "Companies" c on c."Id" = p."CompanyId"
          join "Units" u on u."Id" = p."UnitId" left join "Industries" i on i."Id" = p."IndustryId"
         where f."Status" = 1 and f."Source" = 1 and f."Period" between @y * 100 + 1 and @y * 100 + @m and p."PlannedInvestment" >= 100000
         group by p."Id", c."Id", u."Id", i."Id" having sum(f."Amount") > 0 order by p."Code";
        """;

    private const string Dashboard = """
        select "Period", sum("Amount") from "FundsRecords" where "Status" = 1 and "Period" between (@y - 1) * 100 + 1 and @y * 100 + @m group by 1;
        select u."Name", sum(f."Amount") from "FundsRecords" f join "Units" u on u."Id" = f."UnitId" where f."Status" = 1 and f."Period" between @y * 100 + 1 and @y * 100 + @m group by 1;
        select i."Name", sum(f."Amount") from "FundsRecords" f join "Projects" p on p."Id" = f."ProjectId" left join "Industries" i on i."Id" = p."IndustryId"
         where f."Status" = 1 and f."Period" between @y * 100 + 1 and @y * 100 + @m group by 1;
        select coalesce(pr."Name", co."Name"), sum(f."Amount") from "FundsRecords" f join "Projects" p on p."Id" = f."ProjectId" join "Companies" c on c."Id" = p."CompanyId"
          left join "Provinces" pr on pr."Code" = c."OriginProvinceCode" left join "Countries" co on co."Code" = c."OriginCountryCode"
         where f."Status" = 1 and f."Period" between @y * 100 + 1 and @y * 100 + @m group by 1;
        select y, coalesce(sum(f."Amount"), 0) from (values (@y), (@y - 1)) v(y) left join "FundsRecords" f on f."Status" = 1 and f."Source" = 1
            and f."Period" between y * 100 + 1 and y * 100 + @m and exists (select 1 from "Projects" p where p."Id" = f."ProjectId" and p."PlannedInvestment" >= 100000) group by y;
        select y, count(p."Id"), coalesce(sum(p."ContractedInvestment"), 0), count(*) filter (where p."SigningKind" = 1 and p."ContractedInvestment" >= 1000000)
          from (values (@y), (@y - 1)) v(y) left join "Projects" p on p."SigningKind" is not null
           and p."SignedOn" between make_date(y, 1, 1) and (make_date(y, @m, 1) + interval '1 month - 1 day')::date group by y;
        select y, count(p."Id") from (values (@y), (@y - 1)) v(y) left join "Projects" p on p."PlannedInvestment" >= 500000 and p."StartedOn" is not null
           and (p."StartedOn" between make_date(y, 1, 1) and (make_date(y, @m, 1) + interval '1 month - 1 day')::date
                or (p."StartedOn" < make_date(y, 1, 1) and not (p."InProductionOn" is not null and p."InProductionOn" < make_date(y, 1, 1))
                    and coalesce((select s."ToStatus" = 2 from "StageChanges" s where s."ProjectId" = p."Id" and (s."ToStatus" = 2 or s."FromStatus" = 2)
                                   and s."ChangedAt" < make_date(y, 1, 1)::timestamp at time zone 'Asia/Shanghai' order by s."ChangedAt" desc, s."Id" desc limit 1), false) = false)) group by y;
        select y, count(p."Id") from (values (@y), (@y - 1)) v(y) left join "Projects" p
            on p."InProductionOn" between make_date(y, 1, 1) and (make_date(y, @m, 1) + interval '1 month - 1 day')::date group by y;
        select "Indicator", "Value" from "AnnualTargets" where "Year" = @y and "UnitId" is null;
        select "Stage", "Status", count(*) from "Projects" group by 1, 2;
        select p."Code", p."Name", u."Name", p."PlannedInvestment",
               (select sum(f."Amount") from "FundsRecords" f where f."ProjectId" = p."Id" and f."Status" = 1 and f."Period" between @y * 100 + 1 and @y * 100 + @m)
          from "Projects" p join "Units" u on u."Id" = p."UnitId" where p."SignedOn" is not null and p."Status" <> 2 order by p."PlannedInvestment" desc, p."Id" limit 10;
        """;

    public static Task DispatchAsync(NpgsqlConnection connection, int year, int month) => RunAsync(connection, Dispatch, year, month);

    public static Task DashboardAsync(NpgsqlConnection connection, int year, int month) => RunAsync(connection, Dashboard, year, month);

    private static async Task RunAsync(NpgsqlConnection connection, string sql, int year, int month)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("y", year);
        command.Parameters.AddWithValue("m", month);
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync()) { }
        }
        while (await reader.NextResultAsync());
    }
}
