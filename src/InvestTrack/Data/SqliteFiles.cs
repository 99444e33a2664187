using Microsoft.Data.Sqlite;

namespace InvestTrack.Data;

internal static class SqliteFiles
{
    /// <summary>Makes a relative SQLite path relative to the content root and creates its folder.</summary>
    public static string EnsureFolder(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
            return connectionString;
        var path = Path.IsPathRooted(builder.DataSource) ? builder.DataSource : Path.GetFullPath(Path.Combine(contentRoot, builder.DataSource));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        builder.DataSource = path;
        return builder.ToString();
    }
}
