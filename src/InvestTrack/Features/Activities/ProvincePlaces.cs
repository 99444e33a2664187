using System.Collections.Concurrent;
using InvestTrack.Features.ReferenceData;

namespace InvestTrack.Features.Activities;

/// <summary>The place parser of a province, read from the reference files once per process.</summary>
public static class ProvincePlaces
{
    private static readonly ConcurrentDictionary<string, Places> ByProvince = new(StringComparer.Ordinal);

    public static Places For(string provinceCode) => ByProvince.GetOrAdd(provinceCode, Places.FromFiles);
}
