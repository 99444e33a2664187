namespace InvestTrack.Kernel;

/// <summary>
/// Where a page starts. Counted in 64 bits: page × size in 32 bits wraps to a negative offset for a large page,
/// which SQLite reads as 0 (the first page again) and PostgreSQL refuses (500). A page past the end is empty.
/// </summary>
public static class Paging
{
    /// <summary>The rows before a 1-based page, or null when there are more than any list holds (the page is empty).</summary>
    public static int? Skip(int page, int pageSize)
    {
        var skip = (long)(Math.Max(page, 1) - 1) * Math.Max(pageSize, 0);
        return skip > int.MaxValue ? null : (int)skip;
    }
}
