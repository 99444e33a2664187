using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Projects;

/// <summary>
/// The project list's text search: a project matches when its name, its code or its investor's name contains the text
/// as typed (LIKE '%…%', case-sensitive). On PostgreSQL the same test runs through the indexes of migration
/// ProjectTextSearch (bench/README.md, text search): pg_trgm for three characters or more; for one or two, which have no
/// trigram, the values' characters when the text has a Chinese (non-ASCII) one. The plain OR over a joined column scans
/// every project, so the investor's name is an arm of its own, and the two arms never share a project. SQLite, one
/// city's embedded database, scans.
/// </summary>
public static class ProjectTextSearch
{
    public static IQueryable<Project> Matching(AppDbContext db, string text, bool dense = false)
    {
        if (!db.Database.IsNpgsql()) return Scan(db, db.Projects, text);
        var pattern = "%" + EscapeLike(text) + "%";
        var length = text.EnumerateRunes().Count();
        if (dense) return Dense(db, text, pattern, length);
        if (length >= 3)
        {
            // pg_trgm answers LIKE itself once the pattern holds a trigram.
            return db.Projects.FromSql($"""
                SELECT p.* FROM "Projects" p WHERE p."Name" LIKE {pattern} OR p."Code" LIKE {pattern}
                UNION ALL
                SELECT p.* FROM "Projects" p JOIN "Companies" c ON c."Id" = p."CompanyId"
                WHERE c."Name" LIKE {pattern} AND NOT (p."Name" LIKE {pattern} OR p."Code" LIKE {pattern})
                """);
        }
        // One or two ASCII characters: nearly every code holds them, no index narrows it down.
        if (text.All(char.IsAscii)) return Scan(db, db.Projects, text);
        // One or two characters: the values that hold each of them (a GIN index on the characters), then LIKE on those.
        var characters = text.EnumerateRunes().Select(r => r.ToString()).Distinct(StringComparer.Ordinal).ToArray();
        return db.Projects.FromSql($"""
            SELECT p.* FROM "Projects" p
            WHERE (p."Name" LIKE {pattern} AND string_to_array(p."Name", NULL) @> {characters})
               OR (p."Code" LIKE {pattern} AND string_to_array(p."Code", NULL) @> {characters})
            UNION ALL
            SELECT p.* FROM "Projects" p JOIN "Companies" c ON c."Id" = p."CompanyId"
            WHERE c."Name" LIKE {pattern} AND string_to_array(c."Name", NULL) @> {characters}
              AND NOT (p."Name" LIKE {pattern} OR p."Code" LIKE {pattern})
            """);
    }

    /// <summary>
    /// The same matches as one predicate on the projects, the investors found first through their own index: for a term that
    /// many projects hold, a page in code order walks the code index and stops after the page (a few hundred rows), where the
    /// two arms above would read and sort every match. <see cref="ProjectQueries.PageAsync"/> chooses it by the count.
    /// </summary>
    private static IQueryable<Project> Dense(AppDbContext db, string text, string pattern, int length)
    {
        if (length >= 3)
        {
            return db.Projects.FromSql($"""
                SELECT p.* FROM "Projects" p
                WHERE p."Name" LIKE {pattern} OR p."Code" LIKE {pattern}
                   OR p."CompanyId" IN (SELECT c."Id" FROM "Companies" c WHERE c."Name" LIKE {pattern})
                """);
        }
        var characters = text.EnumerateRunes().Select(r => r.ToString()).Distinct(StringComparer.Ordinal).ToArray();
        return db.Projects.FromSql($"""
            SELECT p.* FROM "Projects" p
            WHERE p."Name" LIKE {pattern} OR p."Code" LIKE {pattern}
               OR p."CompanyId" IN (SELECT c."Id" FROM "Companies" c WHERE c."Name" LIKE {pattern} AND string_to_array(c."Name", NULL) @> {characters})
            """);
    }

    /// <summary>What a match is, as one predicate: SQLite runs it; bench/ and the tests compare PostgreSQL's indexed form with it.</summary>
    public static IQueryable<Project> Scan(AppDbContext db, IQueryable<Project> query, string text) =>
        query.Where(p => p.Name.Contains(text) || p.Code.Contains(text) || db.Companies.Any(c => c.Id == p.CompanyId && c.Name.Contains(text)));

    /// <summary>LIKE's wildcards and its escape character (PostgreSQL's default, the backslash) taken literally, as EF Core does for Contains.</summary>
    private static string EscapeLike(string text) => text.Replace("\\", "\\\\", StringComparison.Ordinal)
        .Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal);
}
