namespace InvestTrack.Features.Imports;

public enum SheetKind { Unknown, Projects, Funds, Activities }

/// <summary>Which contract sheet a read sheet is: by its name first, by its header row otherwise.</summary>
public static class SheetKinds
{
    private static readonly SheetKind[] Known = [SheetKind.Projects, SheetKind.Funds, SheetKind.Activities];

    /// <summary>The sheet name the contract gives each kind.</summary>
    public static string SheetName(SheetKind kind) => kind switch
    {
        SheetKind.Projects => "项目",
        SheetKind.Funds => "到位资金",
        SheetKind.Activities => "活动",
        _ => "",
    };

    /// <summary>The import template's instructions, with its examples: never read, so an example cannot be imported.</summary>
    public const string InstructionsSheet = "填表说明";

    /// <summary>The import template's hidden sheet of drop-down lists (units, industries, lead sources).</summary>
    public const string ListsSheet = "下拉选项";

    /// <summary>A sheet of the import template that holds no records (<see cref="InstructionsSheet"/>, <see cref="ListsSheet"/>).</summary>
    public static bool IsTemplateSheet(LedgerSheet sheet) => sheet.Name.Trim() is InstructionsSheet or ListsSheet;

    public static IReadOnlyList<ColumnSpec> Columns(SheetKind kind) => kind switch
    {
        SheetKind.Projects => LedgerColumns.Projects.All,
        SheetKind.Funds => LedgerColumns.Funds.All,
        SheetKind.Activities => LedgerColumns.Activities.All,
        _ => [],
    };

    /// <summary>
    /// By name (项目, 到位资金, 活动); otherwise the kind whose required columns the header row has.
    /// A header with more than half of one kind's required columns still counts as that kind, so
    /// that the user hears "column 投资方 is missing" rather than "unknown sheet"; a tie is Unknown.
    /// </summary>
    public static SheetKind Recognize(LedgerSheet sheet)
    {
        foreach (var kind in Known)
            if (sheet.Name.Trim() == SheetName(kind)) return kind;

        var best = SheetKind.Unknown;
        var bestShare = 0.5;
        var tie = false;
        foreach (var kind in Known)
        {
            var required = Columns(kind).Where(c => c.Required).ToList();
            var share = (double)required.Count(spec => sheet.Headers.Any(spec.Matches)) / required.Count;
            if (share > bestShare) (best, bestShare, tie) = (kind, share, false);
            else if (share == bestShare && best != SheetKind.Unknown) tie = true;
        }
        return tie ? SheetKind.Unknown : best;
    }
}
