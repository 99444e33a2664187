namespace InvestTrack.UnitTests;

/// <summary>Where the tests find the repository's own files: the folder that holds InvestTrack.slnx, above the test binaries.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = Find();

    /// <summary>src/InvestTrack, the app's source.</summary>
    public static string App { get; } = Path.Combine(Root, "src", "InvestTrack");

    private static string Find()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "InvestTrack.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new DirectoryNotFoundException("repository root");
    }
}
