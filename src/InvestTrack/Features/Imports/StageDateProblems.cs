using InvestTrack.Features.Projects;
using C = InvestTrack.Features.Imports.LedgerColumns.Projects;

namespace InvestTrack.Features.Imports;

/// <summary>The keys of <see cref="StageRules.CheckDates"/> as import problems: which code, on which column.</summary>
internal static class StageDateProblems
{
    public static (string Code, ColumnSpec Column) For(string key) => key switch
    {
        "Stage.Error.SignedOnRequired" => (ImportCodes.SignedOnRequired, C.SignedOn),
        "Stage.Error.SigningKindRequired" => (ImportCodes.SigningKindRequired, C.SigningKind),
        "Stage.Error.StartedOnRequired" => (ImportCodes.StartedOnRequired, C.StartedOn),
        "Stage.Error.InProductionOnRequired" => (ImportCodes.InProductionOnRequired, C.InProductionOn),
        "Stage.Error.StartBeforeSigning" => (ImportCodes.StartBeforeSigning, C.StartedOn),
        "Stage.Error.ProductionBeforeStart" => (ImportCodes.ProductionBeforeStart, C.InProductionOn),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, "not a date rule of StageRules.CheckDates"),
    };

    public static StageDates Dates(ProjectImportRow row) => new(row.SignedOn, row.StartedOn, row.InProductionOn, row.SigningKind is not null);
}
