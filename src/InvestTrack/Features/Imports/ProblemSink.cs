using System.Globalization;

namespace InvestTrack.Features.Imports;

/// <summary>Thrown to stop reading once <see cref="ImportLimits.MaxProblems"/> is reached.</summary>
internal sealed class ImportStoppedException : Exception;

/// <summary>Collects problems in the user's language, and stops the read when there are too many.</summary>
internal sealed class ProblemSink(CultureInfo? culture, int maxProblems)
{
    private readonly List<ImportProblem> items = [];

    public IReadOnlyList<ImportProblem> Items => items;

    public int Count => items.Count;

    public void Add(string sheet, int? row, string? column, string code, params object[] args)
    {
        if (items.Count >= maxProblems)
        {
            items.Add(new(sheet, null, null, ImportCodes.TooManyProblems, ImportMessages.Format(ImportCodes.TooManyProblems, culture, maxProblems)));
            throw new ImportStoppedException();
        }
        items.Add(new(sheet, row, column, code, ImportMessages.Format(code, culture, args)));
    }
}
