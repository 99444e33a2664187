using System.Globalization;
using InvestTrack.Features.Activities;
using C = InvestTrack.Features.Imports.LedgerColumns.Activities;

namespace InvestTrack.Features.Imports;

/// <summary>One row of a 活动 sheet that passed every rule of import.md.</summary>
public sealed record ActivityImportRow(string Sheet, int RowNumber, string Code, ActivityKind Kind, DateOnly StartOn, DateOnly? EndOn, int UnitId,
    string? Leader, LeaderLevel? LeaderLevel, IReadOnlyList<ParsedDestination> Destinations, IReadOnlyList<ParsedCounterpart> Counterparts,
    int Meetings, int Intentions);

/// <summary>
/// Checks the rows of 活动 sheets against import.md and the reference data, without the database: code unique in the
/// file, kind, dates in order, unit known and in scope, level, places (a 走出去 needs at least one), counterparts
/// 类型:名称 with a known type, counts whole and not negative. One instance per import.
/// </summary>
public sealed class ActivityRowValidator(ProjectImportLookups lookups, CultureInfo? culture = null)
{
    private readonly Dictionary<string, int> _firstRowOfCode = new(StringComparer.Ordinal);

    public List<ImportProblem> Problems { get; } = [];

    public List<ActivityImportRow> Validate(LedgerSheet sheet, HeaderMap map)
    {
        var rows = new List<ActivityImportRow>(sheet.Rows.Count);
        foreach (var row in sheet.Rows)
            if (Validate(sheet, row, map) is { } valid) rows.Add(valid);
        return rows;
    }

    private ActivityImportRow? Validate(LedgerSheet sheet, LedgerRow row, HeaderMap map)
    {
        var r = new RowReader(sheet, row, map, culture, Problems);
        var code = r.Text(C.Code, required: true, maxLength: Activity.CodeMaxLength, code: true);
        if (code is not null)
        {
            if (_firstRowOfCode.TryGetValue(code, out var first)) r.Problem(C.Code, ImportCodes.ActivityDuplicateCode, code, first);
            else _firstRowOfCode[code] = row.RowNumber;
        }
        ActivityKind? kind = null;
        if (r.Text(C.Kind, required: true) is { } kindText)
        {
            if (ActivityText.Kinds.TryGetValue(kindText, out var k)) kind = k;
            else r.Problem(C.Kind, ImportCodes.UnknownActivityKind);
        }
        var start = r.Date(C.StartOn);
        if (start is null && map.CellOf(row, C.StartOn).IsBlank) r.Problem(C.StartOn, ImportCodes.Required, C.StartOn.Chinese);
        var end = r.Date(C.EndOn);
        if (start is { } s && end is { } e && e < s) r.Problem(C.EndOn, ImportCodes.EndBeforeStart);
        var unitId = UnitOf(r);
        var leader = r.Text(C.Leader, maxLength: 100);
        LeaderLevel? level = null;
        if (r.Text(C.LeaderLevel) is { } levelText)
        {
            if (ActivityText.Levels.TryGetValue(levelText, out var l)) level = l;
            else r.Problem(C.LeaderLevel, ImportCodes.UnknownLeaderLevel);
        }
        var destinations = Destinations(r, kind);
        var counterparts = Counterparts(r);
        var meetings = Count(r, C.Meetings);
        var intentions = Count(r, C.Intentions);
        if (r.Failed) return null;
        return new ActivityImportRow(sheet.Name, row.RowNumber, code!, kind!.Value, start!.Value, end, unitId!.Value, leader, level,
            destinations!, counterparts!, meetings ?? 0, intentions ?? 0);
    }

    private List<ParsedDestination>? Destinations(RowReader r, ActivityKind? kind)
    {
        var text = r.Text(C.Destinations, maxLength: 2000);
        var (list, failed, problem) = ActivityText.Destinations(lookups.Places, text);
        if (failed is not null)
        {
            r.Problem(C.Destinations, problem == EntryProblem.Abroad ? ImportCodes.DestinationAbroad : ImportCodes.UnknownDestination, failed);
            return null;
        }
        if (list.Count == 0 && kind == ActivityKind.Outbound)
        {
            r.Problem(C.Destinations, ImportCodes.DestinationsRequired);
            return null;
        }
        return list;
    }

    private static List<ParsedCounterpart>? Counterparts(RowReader r)
    {
        var text = r.Text(C.Counterparts, maxLength: 4000);
        var (list, failed, problem) = ActivityText.Counterparts(text);
        if (failed is null) return list;
        r.Problem(C.Counterparts, problem switch
        {
            EntryProblem.NoType => ImportCodes.CounterpartNoType,
            EntryProblem.UnknownType => ImportCodes.CounterpartUnknownType,
            EntryProblem.NameTooLong => ImportCodes.CounterpartTooLong,
            _ => ImportCodes.CounterpartNoName,
        }, failed);
        return null;
    }

    private static int? Count(RowReader r, ColumnSpec column)
    {
        if (r.Number(column) is not decimal n) return null;
        if (n != decimal.Truncate(n) || n > int.MaxValue || n < int.MinValue)
        {
            r.Problem(column, ImportCodes.NotAnInteger, column.Chinese);
            return null;
        }
        if (n < 0)
        {
            r.Problem(column, ImportCodes.CountNegative, column.Chinese);
            return null;
        }
        return (int)n;
    }

    private int? UnitOf(RowReader r)
    {
        var text = r.Text(C.Unit, required: true);
        if (text is null) return null;
        if (!lookups.Units.TryGetValue(text, out var unit))
        {
            r.Problem(C.Unit, ImportCodes.UnknownUnit, text);
            return null;
        }
        if (!lookups.Scope.Contains(unit.Id))
        {
            r.Problem(C.Unit, ImportCodes.ActivityUnitOutOfScope);
            return null;
        }
        return unit.Id;
    }
}
