using System.Globalization;
using InvestTrack.Features.Funds;
using InvestTrack.Features.ReferenceData;
using C = InvestTrack.Features.Imports.LedgerColumns.Funds;

namespace InvestTrack.Features.Imports;

/// <summary>A project as a funds row sees it: from the 项目 sheet of the same import, or stored and in the importer's scope.</summary>
public sealed record FundsProjectFacts(int? Id, int UnitId, DateOnly? SignedOn, OriginClass InvestorClass);

/// <summary>What the import does with one funds row. Existing is the stored record it updates, if any.</summary>
public sealed record PlannedFunds(FundsImportRow Row, FundsProjectFacts Project, OriginClass Source, FundsRecord? Existing, FundsAuditStatus Status)
{
    public bool IsNew => Existing is null;
    public bool Changes => IsNew || Existing!.Amount != Row.Amount || Existing.Status != Status;
}

/// <summary>
/// Matches valid 到位资金 rows with projects, stored records and month locks (docs/import-format.md):
/// the key is project + month + source (the source defaults to the project's investor class). A row marked
/// 已审核 comes in audited in the source ledger only when the importer may audit funds; otherwise as 待审核. A
/// changed amount of a stored audited record sends it back to 待审核 unless the row is 已审核 and the importer has
/// that right; a row that changes nothing is never a problem, so a re-import is idempotent. FundsRules apply: no future month, none before signing, nothing changes in a locked month.
/// </summary>
public sealed class FundsImportPlanner(
    IReadOnlyDictionary<string, FundsProjectFacts> projects, IReadOnlyDictionary<(int ProjectId, int Period, OriginClass Source), FundsRecord> stored,
    IReadOnlySet<int> lockedPeriods, bool canAudit, DateOnly today, CultureInfo culture)
{
    public List<ImportProblem> Problems { get; } = [];

    public List<PlannedFunds> Plan(IEnumerable<FundsImportRow> rows)
    {
        var plan = new List<PlannedFunds>();
        var firstRow = new Dictionary<(string, int, OriginClass), int>();
        foreach (var row in rows)
        {
            if (!projects.TryGetValue(row.ProjectCode, out var project))
            {
                Problem(row, C.ProjectCode, ImportCodes.FundsProjectUnknown, row.ProjectCode);
                continue;
            }
            var source = row.Source ?? project.InvestorClass;
            if (firstRow.TryGetValue((row.ProjectCode, row.Period, source), out var first))
            {
                Problem(row, C.Month, ImportCodes.FundsDuplicateKey, KeyText(row.ProjectCode, row.Period, source), first);
                continue;
            }
            firstRow[(row.ProjectCode, row.Period, source)] = row.RowNumber;

            var failed = false;
            foreach (var key in FundsRules.CheckMonth(new FundsFacts(row.Period, project.SignedOn, false, today)))
            {
                failed = true;
                Problem(row, C.Month, key switch
                {
                    FundsRules.FutureMonth => ImportCodes.FundsFutureMonth,
                    FundsRules.Unsigned => ImportCodes.FundsUnsigned,
                    _ => ImportCodes.FundsBeforeSigning,
                });
            }
            if (failed) continue;

            FundsRecord? existing = null;
            if (project.Id is { } id) stored.TryGetValue((id, row.Period, source), out existing);
            var planned = new PlannedFunds(row, project, source, existing, StatusOf(row, existing));
            if (planned.Changes && lockedPeriods.Contains(row.Period))
            {
                Problem(row, C.Month, ImportCodes.FundsMonthLocked, FundsRules.FormatPeriod(row.Period));
                continue;
            }
            plan.Add(planned);
        }
        return plan;
    }

    /// <summary>
    /// 已审核 counts as audited (in the source ledger) only with the right to audit funds; an explicit 待审核 asks for
    /// pending. A stored audited record whose amount stays keeps its audit without that right; a blank cell keeps a
    /// stored record's status while its amount stays. A changed amount without the right is pending: it must be
    /// audited again, as an edit in the app would make it.
    /// </summary>
    private FundsAuditStatus StatusOf(FundsImportRow row, FundsRecord? existing) => row.MarkedAudited switch
    {
        true when canAudit => FundsAuditStatus.Audited,
        _ when !canAudit && existing is { Status: FundsAuditStatus.Audited } && existing.Amount == row.Amount => FundsAuditStatus.Audited,
        null when existing is not null && existing.Amount == row.Amount => existing.Status,
        _ => FundsAuditStatus.Pending,
    };

    /// <summary>The key as the user reads it: 项目“X” 2025-03 省外, or X 2025-03 OtherProvince in English.</summary>
    private string KeyText(string code, int period, OriginClass source) => culture.TwoLetterISOLanguageName == "en"
        ? $"{code} {FundsRules.FormatPeriod(period)} {source}"
        : $"项目“{code}” {FundsRules.FormatPeriod(period)} " + source switch
        {
            OriginClass.InProvince => "省内",
            OriginClass.OtherProvince => "省外",
            _ => "境外",
        };

    private void Problem(FundsImportRow row, ColumnSpec column, string code, params object[] args) =>
        Problems.Add(new ImportProblem(row.Sheet, row.RowNumber, column.Chinese, code, ImportMessages.Format(code, culture, args)));
}
