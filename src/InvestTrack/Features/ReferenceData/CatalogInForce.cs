namespace InvestTrack.Features.ReferenceData;

/// <summary>Which industry catalog a year uses (import contract: 产业).</summary>
public static class CatalogInForce
{
    /// <summary>The newest catalog that began in or before the year; for earlier years, the oldest one.</summary>
    public static T? For<T>(IEnumerable<T> catalogs, int year, Func<T, int> startYear) where T : class
    {
        var ordered = catalogs.OrderBy(startYear).ToList();
        return ordered.LastOrDefault(c => startYear(c) <= year) ?? ordered.FirstOrDefault();
    }
}
