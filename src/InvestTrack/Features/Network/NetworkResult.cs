namespace InvestTrack.Features.Network;

/// <summary>The outcome of a save or delete: field errors (keyed like the form: name, signings[0].amount), stale, not found, or the id.</summary>
public sealed record NetworkResult(int? Id = null, IReadOnlyDictionary<string, string>? Errors = null, bool Stale = false, bool NotFound = false)
{
    public bool Ok => Errors is null && !Stale && !NotFound;
    public string? Message => Errors is { Count: > 0 } ? string.Join(Kernel.DisplayFormat.Semicolon, Errors.Values) : null;
}

/// <summary>A page of a list, with the total for the pager.</summary>
public sealed record NetworkPage<T>(IReadOnlyList<T> Rows, int Total, int Page, int PageSize);

public enum NetworkExportFormat { Csv, Xlsx }

/// <summary>What every network service offers on one record; NetworkApi maps the same five routes over it for each.</summary>
public interface INetworkRecords<TForm, TDetail> where TDetail : class
{
    Task<TDetail?> FindAsync(int id, CancellationToken ct = default);
    Task<NetworkResult> CreateAsync(TForm form, CancellationToken ct = default);
    Task<NetworkResult> UpdateAsync(int id, TForm form, int version, CancellationToken ct = default);
    Task<NetworkResult> DeleteAsync(int id, int version, CancellationToken ct = default);
}
