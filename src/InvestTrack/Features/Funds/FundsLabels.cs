using InvestTrack.Features.ReferenceData;
using InvestTrack.Resources;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Funds;

/// <summary>Words of the funds pages for the enums, in the user's language.</summary>
public static class FundsLabels
{
    public static string Source(this IStringLocalizer<FundsResource> f, OriginClass source) => f["Source." + source];

    public static string Status(this IStringLocalizer<FundsResource> f, FundsAuditStatus status) => f["Status." + status];

    public static string Kind(this IStringLocalizer<FundsResource> f, CapitalKind? kind) => kind is { } k ? f["Kind." + k] : "";
}
