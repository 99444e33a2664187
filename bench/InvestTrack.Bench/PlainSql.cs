using System.Globalization;
using Npgsql;

namespace InvestTrack.Bench;

/// <summary>Which table the hand-written SQL sums: the raw funds records, or the running year totals the triggers keep.</summary>
public enum Yardstick
{
    Ledger,
    Totals,
    /// <summary>As Totals, but the dashboard's months, units, industries and origins read FundsSliceTotals (decision 0011).</summary>
    Slices,
}

/// <summary>
/// The best hand-written PostgreSQL we could write for the same figures as the app, the yardsticks of the ratios:
/// not product code. Two versions of the funds parts: over the raw ledger (FundsRecords, with its index on status,
/// source and period that carries project and amount), and over the running totals (FundsYearTotals, with the
/// covering index on year, source and project). Both answer everything the app's path answers, in as few
/// statements as read naturally: FILTER clauses instead of repeated passes, a LATERAL lookup per contract, one
/// grouped pass per table and year. The figures are the same as the app's (checked by <see cref="FiguresBench"/>).
/// 1000万, 10000万, 5000万 are 100000, 1000000, 500000 hundredths; 省外 = 1; audited = 1; 项目合同 = 1; 终止 = 2.
/// </summary>
public static class PlainSql
{
    /// <summary>The dispatch page: figures, rates, units, targets and the wording in force.</summary>
    public static string Dispatch(Yardstick yardstick, int month) => Counted(yardstick, month, "@y") + ";\n" + CountedTotal(yardstick, month, "@y - 1") + ";\n" + $"""
        select u."Name", p."SigningKind", coalesce(p."ContractedInvestment" >= 1000000, false), count(*), coalesce(sum(p."ContractedInvestment"), 0), sum(p."PlannedInvestment")
          from "Projects" p join "Units" u on u."Id" = p."UnitId"
         where p."SignedOn" between @from and @to and p."SigningKind" is not null group by 1, 2, 3;
        {Starts("@from", "@to", "@cutoff")};
        select count(*), coalesce(sum("PlannedInvestment"), 0) from "Projects" where "InProductionOn" between @from and @to;
        select count(*), count(*) filter (where p."StartedOn" <= @to), coalesce(sum(f.amount), 0),
               count(*) filter (where p."Status" <> 2 and (p."StartedOn" <= @to or f.amount > 0))
          from "Projects" p left join lateral ({ProjectFunds(yardstick, month, "p")}) f on true
         where p."SigningKind" = 1 and p."SignedOn" between @from and @to;
        select "Indicator", "Value" from "AnnualTargets" where "Year" = @y and "UnitId" is null and "Indicator" in (2, 4);
        select "Text" from "ReportTemplates" where "Key" = 'dispatch'
        """;

    /// <summary>The dispatch page and the first page of the in-scope list with its count (what a client of the API reads).</summary>
    public static string DispatchWithList(Yardstick yardstick, int month) => Dispatch(yardstick, month) + ";\n" + $"""
        select p."Id", p."Code", p."Name", c."Name", u."Name", p."Stage", p."Status", p."PlannedInvestment", l.amount
          from ({CountedRows(yardstick, month, "@y")} order by p."Id" limit 50) l
          join "Projects" p on p."Id" = l."Id" join "Companies" c on c."Id" = p."CompanyId" join "Units" u on u."Id" = p."UnitId"
        """;

    /// <summary>The dashboard: KPIs of both years, months, units, industries, origins, the funnel and the largest projects.</summary>
    public static string Dashboard(Yardstick yardstick, int month) => $"""
        {UnitMonths(yardstick)};
        select "Id", "Name" from "Units";
        {IndustryAndOrigin(yardstick, month)};
        select "Id", "Name" from "Industries";
        select "Code", "Name" from "Provinces";
        select "Code", "Name" from "Countries";
        {CountedTotal(yardstick, month, "@y")};
        {CountedTotal(yardstick, month, "@y - 1")};
        select count(*) filter (where p."SignedOn" between @from and @to), coalesce(sum(p."ContractedInvestment") filter (where p."SignedOn" between @from and @to), 0),
               count(*) filter (where p."SignedOn" between @from and @to and p."SigningKind" = 1 and p."ContractedInvestment" >= 1000000),
               coalesce(sum(p."ContractedInvestment") filter (where p."SignedOn" between @from and @to and p."SigningKind" = 1 and p."ContractedInvestment" >= 1000000), 0),
               count(*) filter (where p."SignedOn" between @lastFrom and @lastTo),
               count(*) filter (where p."SignedOn" between @lastFrom and @lastTo and p."SigningKind" = 1 and p."ContractedInvestment" >= 1000000)
          from "Projects" p where p."SigningKind" is not null and (p."SignedOn" between @from and @to or p."SignedOn" between @lastFrom and @lastTo);
        {Starts("@from", "@to", "@cutoff")};
        {Starts("@lastFrom", "@lastTo", "@lastCutoff")};
        select count(*) filter (where "InProductionOn" between @from and @to), coalesce(sum("PlannedInvestment") filter (where "InProductionOn" between @from and @to), 0),
               count(*) filter (where "InProductionOn" between @lastFrom and @lastTo)
          from "Projects" where "InProductionOn" between @lastFrom and @to;
        select "Indicator", "Value" from "AnnualTargets" where "Year" = @y and "UnitId" is null;
        select "Stage", "Status", count(*) from "Projects" group by 1, 2;
        select p."Id", p."Code", p."Name", u."Name", p."Stage", p."Status", p."PlannedInvestment", f.amount
          from (select * from "Projects" where "SignedOn" is not null and "Status" <> 2 order by "PlannedInvestment" desc, "Id" limit 10) p
          join "Units" u on u."Id" = p."UnitId" left join lateral ({ProjectFunds(yardstick, month, "p")}) f on true;
        {Outreach}
        """;

    /// <summary>The dashboard's 线索与活动 row: leads registered this year and last (converted), overdue clocks now, open big leads, activities by kind.</summary>
    private const string Outreach = """
        select count(*) filter (where "RegisteredOn" between @from and @to), count("ProjectId") filter (where "RegisteredOn" between @from and @to),
               count(*) filter (where "RegisteredOn" between @lastFrom and @lastTo)
          from "Leads" where "RegisteredOn" between @lastFrom and @lastTo or "RegisteredOn" between @from and @to;
        select count(*), count(distinct "LeadId") from "LeadClocks"
         where "MetOn" is null and "StoppedOn" is null and "DueOn" < (now() at time zone 'Asia/Shanghai')::date;
        select count(*) from "Leads" where "Status" in (0, 1, 2) and "EstimatedInvestment" >= 5000000;
        select "Kind", count(*) filter (where "StartOn" between @from and @to), count(*) filter (where "StartOn" between @lastFrom and @lastTo)
          from "Activities" where "StartOn" between @lastFrom and @lastTo or "StartOn" between @from and @to group by 1
        """;

    /// <summary>The in-scope projects of the province's list, every one with its details, sorted by code (the export's rows).</summary>
    public static string DispatchList(Yardstick yardstick, int month) => $"""
        select p."Code", p."Name", c."Name", c."Origin", u."Name", i."Name", p."PlannedInvestment", l.period_amount, l.amount, p."StartedOn" < @from
          from ({CountedRows(yardstick, month, "@y")}) l join "Projects" p on p."Id" = l."Id" join "Companies" c on c."Id" = p."CompanyId"
          join "Units" u on u."Id" = p."UnitId" left join "Industries" i on i."Id" = p."IndustryId"
         order by p."Code"
        """;

    /// <summary>Counted funds per in-scope project: Id, StartedOn, amount of months 1..M, amount of month M.</summary>
    private static string CountedRows(Yardstick yardstick, int month, string year) => yardstick != Yardstick.Ledger
        ? $"""
          select p."Id", p."StartedOn", t.{Through(month)} amount, t.{Through(month)} - {(month > 1 ? "t." + Through(month - 1) : "0")} period_amount
            from "FundsYearTotals" t join "Projects" p on p."Id" = t."ProjectId"
           where t."Year" = {year} and t."Source" = 1 and t.{Through(month)} > 0 and p."PlannedInvestment" >= 100000
          """
        : $"""
          select p."Id", p."StartedOn", sum(f."Amount") amount, coalesce(sum(f."Amount") filter (where f."Period" = ({year}) * 100 + {month}), 0) period_amount
            from "FundsRecords" f join "Projects" p on p."Id" = f."ProjectId"
           where f."Status" = 1 and f."Source" = 1 and f."Period" between ({year}) * 100 + 1 and ({year}) * 100 + {month} and p."PlannedInvestment" >= 100000
           group by p."Id", p."StartedOn"
          """;

    private static string Counted(Yardstick yardstick, int month, string year) => $"""
        select count(*), coalesce(sum(amount), 0), count(*) filter (where "StartedOn" < @from), coalesce(sum(amount) filter (where "StartedOn" < @from), 0)
          from ({CountedRows(yardstick, month, year)}) c
        """;

    private static string CountedTotal(Yardstick yardstick, int month, string year) => yardstick != Yardstick.Ledger
        ? $"""
          select coalesce(sum(t.{Through(month)}), 0) from "FundsYearTotals" t join "Projects" p on p."Id" = t."ProjectId"
           where t."Year" = {year} and t."Source" = 1 and p."PlannedInvestment" >= 100000
          """
        : $"""
          select coalesce(sum(f."Amount"), 0) from "FundsRecords" f join "Projects" p on p."Id" = f."ProjectId"
           where f."Status" = 1 and f."Source" = 1 and f."Period" between ({year}) * 100 + 1 and ({year}) * 100 + {month} and p."PlannedInvestment" >= 100000
          """;

    /// <summary>Audited funds of every source of project <paramref name="alias"/> in months 1..M of @y, for a LATERAL join.</summary>
    private static string ProjectFunds(Yardstick yardstick, int month, string alias) => yardstick != Yardstick.Ledger
        ? $"""select sum(t.{Through(month)}) amount from "FundsYearTotals" t where t."ProjectId" = {alias}."Id" and t."Year" = @y"""
        : $"""select sum(f."Amount") amount from "FundsRecords" f where f."ProjectId" = {alias}."Id" and f."Period" between @y * 100 + 1 and @y * 100 + {month} and f."Status" = 1""";

    /// <summary>Audited funds per year, unit and month over both years (the month chart, the unit ranking, the funds KPI).</summary>
    private static string UnitMonths(Yardstick yardstick) => yardstick == Yardstick.Slices
        ? $"""
          select t."Year", t."UnitId", {string.Join(", ", Enumerable.Range(1, 12).Select(m => $"sum(t.{Through(m)})"))}
            from "FundsSliceTotals" t where t."Year" in (@y - 1, @y) group by 1, 2
          """
        : yardstick != Yardstick.Ledger
        ? $"""
          select t."Year", t."UnitId", {string.Join(", ", Enumerable.Range(1, 12).Select(m => $"sum(t.{Through(m)})"))}
            from "FundsYearTotals" t where t."Year" in (@y - 1, @y) group by 1, 2
          """
        : """
          select f."Period", f."UnitId", sum(f."Amount") from "FundsRecords" f
           where f."Status" = 1 and f."Period" between (@y - 1) * 100 + 1 and @y * 100 + 12 group by 1, 2
          """;

    private static string IndustryAndOrigin(Yardstick yardstick, int month) => yardstick == Yardstick.Slices
        ? $"""
          select t."IndustryId", t."OriginProvinceCode", t."OriginCountryCode", sum(t.{Through(month)})
            from "FundsSliceTotals" t where t."Year" = @y and t.{Through(month)} <> 0 group by 1, 2, 3
          """
        : yardstick != Yardstick.Ledger
        ? $"""
          select p."IndustryId", c."OriginProvinceCode", c."OriginCountryCode", sum(t.{Through(month)})
            from "FundsYearTotals" t join "Projects" p on p."Id" = t."ProjectId" join "Companies" c on c."Id" = p."CompanyId"
           where t."Year" = @y and t.{Through(month)} > 0 group by 1, 2, 3
          """
        : $"""
          select p."IndustryId", c."OriginProvinceCode", c."OriginCountryCode", sum(f."Amount")
            from "FundsRecords" f join "Projects" p on p."Id" = f."ProjectId" join "Companies" c on c."Id" = p."CompanyId"
           where f."Status" = 1 and f."Period" between @y * 100 + 1 and @y * 100 + {month} group by 1, 2, 3
          """;

    /// <summary>开复工: started in the period, or earlier and on 1 January neither in production nor dropped (the last change touching 终止 before then).</summary>
    private static string Starts(string from, string to, string cutoff) => $"""
        select count(*), coalesce(sum(p."PlannedInvestment"), 0) from "Projects" p
         where p."PlannedInvestment" >= 500000 and p."StartedOn" is not null
           and (p."StartedOn" between {from} and {to}
                or (p."StartedOn" < {from} and not coalesce(p."InProductionOn" < {from}, false)
                    and coalesce((select s."ToStatus" = 2 from "StageChanges" s where s."ProjectId" = p."Id" and (s."ToStatus" = 2 or s."FromStatus" = 2)
                                   and s."ChangedAt" < {cutoff} order by s."ChangedAt" desc, s."Id" desc limit 1), false) = false))
        """;

    private static string Through(int month) => string.Create(CultureInfo.InvariantCulture, $"\"Through{month}\"");

    public static async Task RunAsync(NpgsqlConnection connection, string sql, int year, int month)
    {
        await using var command = Command(connection, sql, year, month);
        await using var reader = await command.ExecuteReaderAsync();
        do
        {
            while (await reader.ReadAsync()) { }
        }
        while (await reader.NextResultAsync());
    }

    /// <summary>Every result set's rows, for the check that the yardsticks count what the app counts.</summary>
    public static async Task<List<List<object[]>>> QueryAsync(NpgsqlConnection connection, string sql, int year, int month)
    {
        await using var command = Command(connection, sql, year, month);
        await using var reader = await command.ExecuteReaderAsync();
        var sets = new List<List<object[]>>();
        do
        {
            var rows = new List<object[]>();
            while (await reader.ReadAsync())
            {
                var values = new object[reader.FieldCount];
                reader.GetValues(values);
                rows.Add(values);
            }
            sets.Add(rows);
        }
        while (await reader.NextResultAsync());
        return sets;
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, int year, int month)
    {
        var command = new NpgsqlCommand(sql, connection);
        var (from, to) = (new DateOnly(year, 1, 1), new DateOnly(year, month, DateTime.DaysInMonth(year, month)));
        command.Parameters.AddWithValue("y", year);
        command.Parameters.AddWithValue("from", from);
        command.Parameters.AddWithValue("to", to);
        command.Parameters.AddWithValue("lastFrom", from.AddYears(-1));
        command.Parameters.AddWithValue("lastTo", new DateOnly(year - 1, month, DateTime.DaysInMonth(year - 1, month)));
        // 00:00 of 1 January in Beijing, as a UTC moment.
        command.Parameters.AddWithValue("cutoff", new DateTimeOffset(year, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        command.Parameters.AddWithValue("lastCutoff", new DateTimeOffset(year - 1, 1, 1, 0, 0, 0, TimeSpan.FromHours(8)).ToUniversalTime());
        return command;
    }
}
