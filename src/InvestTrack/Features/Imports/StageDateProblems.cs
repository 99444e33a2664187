using InvestTrack.Features.Projects;
using C = InvestTrack.Features.Imports.LedgerColumns.Projects;

namespace InvestTrack.Features.Imports;

/// <summary>
/// The keys of <see cref="StageRules.CheckDates"/> and the problems of <see cref="ProjectRules.CheckHappened(StageDates, DateOnly)"/>
/// as import problems: which code, on which column.
/// </summary>
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

    public static (string Code, ColumnSpec Column) For(string field, DateProblem problem) => (
        problem switch
        {
            DateProblem.Future => ImportCodes.DateInFuture,
            DateProblem.TooEarly => ImportCodes.DateTooEarly,
            _ => throw new ArgumentOutOfRangeException(nameof(problem), problem, "a stage date has no upper bound but today"),
        },
        field switch
        {
            nameof(StageDates.SignedOn) => C.SignedOn,
            nameof(StageDates.StartedOn) => C.StartedOn,
            nameof(StageDates.InProductionOn) => C.InProductionOn,
            _ => throw new ArgumentOutOfRangeException(nameof(field), field, "not a stage date"),
        });

    public static StageDates Dates(ProjectImportRow row) => new(row.SignedOn, row.StartedOn, row.InProductionOn, row.SigningKind is not null);
}
