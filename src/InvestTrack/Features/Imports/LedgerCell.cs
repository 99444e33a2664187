using System.Globalization;

namespace InvestTrack.Features.Imports;

public enum LedgerCellKind { Empty, Text, Number, Date, Boolean, Refused }

/// <summary>
/// One cell's value as the file holds it: text, an exact decimal, a date or a boolean. Nothing is
/// converted further here (a text "2025-03-01" stays text); the row validator decides what a column
/// accepts. <see cref="Original"/> is what the user would recognise, for messages. A
/// <see cref="LedgerCellKind.Refused"/> cell already has an <see cref="ImportProblem"/> (a formula,
/// an over-long text), so validators should not report it again.
/// </summary>
public sealed record LedgerCell
{
    private LedgerCell(LedgerCellKind kind, string original)
    {
        Kind = kind;
        Original = original;
    }

    public static LedgerCell Empty { get; } = new(LedgerCellKind.Empty, "");

    public LedgerCellKind Kind { get; }
    public string Original { get; }
    public string? Text => Kind == LedgerCellKind.Text ? Original : null;
    public decimal? Number { get; private init; }
    public DateOnly? Date { get; private init; }
    public bool? Boolean { get; private init; }

    /// <summary>Empty, or text of blanks only.</summary>
    public bool IsBlank => Kind == LedgerCellKind.Empty || (Kind == LedgerCellKind.Text && string.IsNullOrWhiteSpace(Original));

    public static LedgerCell FromText(string text) => text.Length == 0 ? Empty : new(LedgerCellKind.Text, text);

    /// <summary><paramref name="original"/> is the stored text the number was parsed from.</summary>
    public static LedgerCell FromNumber(decimal value, string original) => new(LedgerCellKind.Number, original) { Number = value };

    public static LedgerCell FromDate(DateOnly value) =>
        new(LedgerCellKind.Date, value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) { Date = value };

    public static LedgerCell FromBoolean(bool value) => new(LedgerCellKind.Boolean, value ? "TRUE" : "FALSE") { Boolean = value };

    public static LedgerCell Refused(string original) => new(LedgerCellKind.Refused, original);

    public override string ToString() => $"{Kind}:{Original}";
}
