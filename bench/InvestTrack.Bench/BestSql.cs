using System.Diagnostics;
using Npgsql;

namespace InvestTrack.Bench;

/// <summary>
/// The yardstick of the text search: the best PostgreSQL we could write by hand for the list's count and first page in
/// code order, with the indexes of migration ProjectTextSearch (trigram GIN for three characters or more, GIN of the
/// values' characters for fewer). Not product code. The count reads the matches through the indexes, the investor's name
/// as an arm of its own; the page is timed in both forms — every match sorted, or the code index walked with the matches
/// as one predicate — and the faster of the two counts, as if the writer knew in advance which one the term wants.
/// </summary>
public static class BestSql
{
    public static async Task<((int Total, List<int> Ids) Result, double Ms)> TimeAsync(string connectionString, string term)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        var pattern = "%" + term.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
        var characters = term.EnumerateRunes().Select(r => r.ToString()).Distinct(StringComparer.Ordinal).ToArray();
        var trigrams = term.EnumerateRunes().Count() >= 3;
        // One or two characters have no trigram: the values that hold each character first, then LIKE on those.
        string Holds(string column) => trigrams ? $"{column} LIKE @p" : $"({column} LIKE @p AND string_to_array({column}, NULL) @> @c)";
        var arms = $"""
            SELECT p."Id", p."Code" FROM "Projects" p WHERE {Holds("p.\"Name\"")} OR {Holds("p.\"Code\"")}
            UNION ALL
            SELECT p."Id", p."Code" FROM "Projects" p JOIN "Companies" c ON c."Id" = p."CompanyId"
            WHERE {Holds("c.\"Name\"")} AND NOT (p."Name" LIKE @p OR p."Code" LIKE @p)
            """;
        var walked = $"""
            SELECT p."Id" FROM "Projects" p
            WHERE p."Name" LIKE @p OR p."Code" LIKE @p OR p."CompanyId" IN (SELECT c."Id" FROM "Companies" c WHERE {Holds("c.\"Name\"")})
            ORDER BY p."Code" LIMIT 50
            """;
        var clock = Stopwatch.StartNew();
        var total = (int)(long)(await Command(connection, $"SELECT count(*) FROM ({arms}) m", pattern, characters).ExecuteScalarAsync())!;
        var counted = clock.Elapsed.TotalMilliseconds;
        var (sorted, sortedMs) = await PageAsync(connection, $"SELECT m.\"Id\" FROM ({arms}) m ORDER BY m.\"Code\" LIMIT 50", pattern, characters);
        var (walkedIds, walkedMs) = await PageAsync(connection, walked, pattern, characters);
        if (!sorted.SequenceEqual(walkedIds)) throw new InvalidOperationException($"'{term}': the two page forms disagree");
        return ((total, sorted), counted + Math.Min(sortedMs, walkedMs));
    }

    private static async Task<(List<int> Ids, double Ms)> PageAsync(NpgsqlConnection connection, string sql, string pattern, string[] characters)
    {
        var clock = Stopwatch.StartNew();
        await using var reader = await Command(connection, sql, pattern, characters).ExecuteReaderAsync();
        var ids = new List<int>();
        while (await reader.ReadAsync()) ids.Add(reader.GetInt32(0));
        return (ids, clock.Elapsed.TotalMilliseconds);
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, string sql, string pattern, string[] characters)
    {
        var command = new NpgsqlCommand(sql, connection);
        command.Parameters.AddWithValue("p", pattern);
        command.Parameters.AddWithValue("c", characters);
        return command;
    }
}
