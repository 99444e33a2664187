using System.Globalization;

namespace InvestTrack.Features.Funds;

/// <summary>
/// The triggers that keep FundsYearTotals equal to the audited FundsRecords, and the statement that rebuilds it.
/// PostgreSQL: statement-level triggers over transition tables, so that a COPY of 200 000 records is one grouped
/// upsert rather than 200 000; SQLite: row triggers with the same upsert. A row whose running totals are all zero
/// is removed, so the table holds exactly the (year, source, project, unit) with audited funds.
/// The migration FundsYearTotals runs this text; a change to it needs a new migration that runs it again.
/// </summary>
public static class FundsYearTotalsSql
{
    public const string TriggerName = "FundsRecords_YearTotals";
    private const string Table = "\"FundsYearTotals\"";
    private const string Key = "\"Year\", \"Source\", \"ProjectId\", \"UnitId\"";
    private const int Audited = (int)FundsAuditStatus.Audited;
    private static readonly int[] Months = [.. Enumerable.Range(1, 12)];

    private static string Through(int m) => "\"Through" + m.ToString(CultureInfo.InvariantCulture) + "\"";
    private static string Columns => string.Join(", ", Months.Select(Through));

    /// <summary>The key and running amounts of one record (alias <paramref name="r"/>), negated for a record that leaves.</summary>
    private static string Contribution(string r, string sign) =>
        $"{r}.\"Period\" / 100, {r}.\"Source\", {r}.\"ProjectId\", {r}.\"UnitId\", "
        + string.Join(", ", Months.Select(m => $"CASE WHEN {r}.\"Period\" % 100 <= {m} THEN {sign}{r}.\"Amount\" ELSE 0 END"));

    private static string Upsert(string select) =>
        $"INSERT INTO {Table} ({Key}, {Columns}) {select} ON CONFLICT ({Key}) DO UPDATE SET "
        + string.Join(", ", Months.Select(m => $"{Through(m)} = {Table}.{Through(m)} + excluded.{Through(m)}"));

    private static string AllZero(string alias) => string.Join(" AND ", Months.Select(m => $"{alias}.{Through(m)} = 0"));

    /// <summary>Empties the table and fills it from the audited records: for migrations and repairs.</summary>
    public static string Rebuild =>
        $"DELETE FROM {Table};\n"
        + $"INSERT INTO {Table} ({Key}, {Columns}) SELECT \"Period\" / 100, \"Source\", \"ProjectId\", \"UnitId\", "
        + string.Join(", ", Months.Select(m => $"SUM(CASE WHEN \"Period\" % 100 <= {m} THEN \"Amount\" ELSE 0 END)"))
        + $" FROM \"FundsRecords\" WHERE \"Status\" = {Audited} GROUP BY \"Period\" / 100, \"Source\", \"ProjectId\", \"UnitId\";";

    public static class Postgres
    {
        private const string Function = "\"FundsRecords_ApplyToYearTotals\"";

        /// <summary>Grouped contributions of the rows of the transition tables named, with sign.</summary>
        private static string Grouped(params (string Rows, string Sign)[] parts) =>
            "SELECT y, s, p, u, " + string.Join(", ", Months.Select(m => $"SUM(c{m})"))
            + " FROM (" + string.Join(" UNION ALL ", parts.Select(x => $"SELECT {Contribution("r", x.Sign)} FROM {x.Rows} r WHERE r.\"Status\" = {Audited}"))
            + $") d(y, s, p, u, {string.Join(", ", Months.Select(m => $"c{m}"))}) GROUP BY y, s, p, u HAVING "
            + string.Join(" OR ", Months.Select(m => $"SUM(c{m}) <> 0"));

        private static string Apply(params (string Rows, string Sign)[] parts) => Upsert(Grouped(parts)) + ";";

        private static string RemoveEmpty(string rows) =>
            $"DELETE FROM {Table} t USING (SELECT DISTINCT r.\"Period\" / 100 AS y, r.\"Source\" AS s, r.\"ProjectId\" AS p, r.\"UnitId\" AS u FROM {rows} r) k "
            + $"WHERE t.\"Year\" = k.y AND t.\"Source\" = k.s AND t.\"ProjectId\" = k.p AND t.\"UnitId\" = k.u AND {AllZero("t")};";

        public static string Create => $"""
            CREATE OR REPLACE FUNCTION {Function}() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
              IF TG_OP = 'INSERT' THEN
                {Apply(("new_rows", ""))}
              ELSIF TG_OP = 'DELETE' THEN
                {Apply(("old_rows", "-"))}
                {RemoveEmpty("old_rows")}
              ELSE
                {Apply(("new_rows", ""), ("old_rows", "-"))}
                {RemoveEmpty("old_rows")}
              END IF;
              RETURN NULL;
            END $$;
            CREATE TRIGGER "{TriggerName}_Insert" AFTER INSERT ON "FundsRecords" REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {Function}();
            CREATE TRIGGER "{TriggerName}_Update" AFTER UPDATE ON "FundsRecords" REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION {Function}();
            CREATE TRIGGER "{TriggerName}_Delete" AFTER DELETE ON "FundsRecords" REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION {Function}();
            """;

        public static string Drop => $"""
            DROP TRIGGER IF EXISTS "{TriggerName}_Insert" ON "FundsRecords";
            DROP TRIGGER IF EXISTS "{TriggerName}_Update" ON "FundsRecords";
            DROP TRIGGER IF EXISTS "{TriggerName}_Delete" ON "FundsRecords";
            DROP FUNCTION IF EXISTS {Function}();
            """;
    }

    public static class Sqlite
    {
        private static string Apply(string row, string sign) =>
            Upsert($"SELECT {Contribution(row, sign)} WHERE {row}.\"Status\" = {Audited}") + ";";

        private static string RemoveEmpty(string row) =>
            $"DELETE FROM {Table} WHERE \"Year\" = {row}.\"Period\" / 100 AND \"Source\" = {row}.\"Source\" AND \"ProjectId\" = {row}.\"ProjectId\" AND \"UnitId\" = {row}.\"UnitId\" AND {AllZero(Table)};";

        // The columns that change a record's contribution; other updates (evidence, reasons, versions) leave the totals alone.
        private const string Watched = "\"Status\", \"Amount\", \"Period\", \"Source\", \"ProjectId\", \"UnitId\"";

        /// <summary>One statement per trigger: SQLite's command runs them one by one.</summary>
        public static IReadOnlyList<string> Create =>
        [
            $"CREATE TRIGGER \"{TriggerName}_Insert\" AFTER INSERT ON \"FundsRecords\" BEGIN {Apply("NEW", "")} END;",
            $"CREATE TRIGGER \"{TriggerName}_Update\" AFTER UPDATE OF {Watched} ON \"FundsRecords\" BEGIN {Apply("OLD", "-")} {Apply("NEW", "")} {RemoveEmpty("OLD")} END;",
            $"CREATE TRIGGER \"{TriggerName}_Delete\" AFTER DELETE ON \"FundsRecords\" BEGIN {Apply("OLD", "-")} {RemoveEmpty("OLD")} END;",
        ];

        public static IReadOnlyList<string> Drop =>
            [.. new[] { "Insert", "Update", "Delete" }.Select(e => $"DROP TRIGGER IF EXISTS \"{TriggerName}_{e}\";")];
    }
}
