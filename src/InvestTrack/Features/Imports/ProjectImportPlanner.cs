using System.Globalization;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using C = InvestTrack.Features.Imports.LedgerColumns.Projects;

namespace InvestTrack.Features.Imports;

/// <summary>The investor of a row: a stored company, or one this import creates (shared by its rows).</summary>
public sealed class CompanyRef
{
    public int? ExistingId { get; init; }
    public Company? New { get; init; }
    /// <summary>A stored company without a credit code that this import gives the row's code.</summary>
    public string? FillCreditCode { get; set; }
    public int Id => ExistingId ?? New!.Id;
}

/// <summary>What an import does with one row: the project as it will be, and what changes.</summary>
public sealed record PlannedProject(ProjectImportRow Row, Project? Existing, CompanyRef Company, ProjectStage Stage, IReadOnlyList<string> ChangedColumns)
{
    public bool IsNew => Existing is null;
    public bool Changes => IsNew || ChangedColumns.Count > 0;
}

/// <summary>A stored company as far as matching needs it.</summary>
public sealed record StoredCompany(int Id, string Name, string? CreditCode);

/// <summary>
/// Matches valid rows against what is stored: projects by code (a code of a unit the user cannot see
/// is "taken", nothing more), companies by credit code then exact name, the stage implied by the
/// dates or kept. Pure over the loaded data, so that preview and commit plan identically.
/// </summary>
public sealed class ProjectImportPlanner(
    IReadOnlyDictionary<string, Project> projectsByCode, IReadOnlyList<StoredCompany> companies, IReadOnlyDictionary<int, string> industryNames,
    UnitScope scope, bool canMove, CultureInfo? culture, DateTimeOffset now)
{
    private readonly Dictionary<string, int> _companyByCode = companies.Where(c => c.CreditCode is not null)
        .ToDictionary(c => c.CreditCode!, c => c.Id, StringComparer.Ordinal);
    private readonly Dictionary<string, StoredCompany> _companyByName = companies.GroupBy(c => c.Name, StringComparer.Ordinal)
        .ToDictionary(g => g.Key, g => g.OrderBy(c => c.Id).First(), StringComparer.Ordinal);
    private readonly Dictionary<string, CompanyRef> _newByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CompanyRef> _newByName = new(StringComparer.Ordinal);
    private readonly Dictionary<int, CompanyRef> _filled = [];

    public List<ImportProblem> Problems { get; } = [];

    public List<PlannedProject> Plan(IEnumerable<ProjectImportRow> rows)
    {
        var plan = new List<PlannedProject>();
        foreach (var row in rows)
            if (Plan(row) is { } planned) plan.Add(planned);
        return plan;
    }

    private PlannedProject? Plan(ProjectImportRow row)
    {
        projectsByCode.TryGetValue(row.Code, out var existing);
        if (existing is not null && !scope.Contains(existing.UnitId))
        {
            // Said the same way whatever the other project is: nothing of it is revealed.
            Problem(row, C.Code, ImportCodes.CodeTaken);
            return null;
        }
        if (existing is not null && existing.UnitId != row.UnitId && !canMove)
        {
            Problem(row, C.Unit, ImportCodes.NoMove);
            return null;
        }

        var stage = StageRules.ImpliedByDates(row.SignedOn, row.StartedOn, row.InProductionOn, existing?.Stage ?? ProjectStage.Talks);
        var failed = false;
        foreach (var key in StageRules.CheckDates(stage, StageDateProblems.Dates(row)))
        {
            var (code, column) = StageDateProblems.For(key);
            Problem(row, column, code);
            failed = true;
        }
        if (failed) return null;

        var company = CompanyOf(row);
        return new PlannedProject(row, existing, company, stage, existing is null ? [] : Changed(existing, row, company, stage));
    }

    /// <summary>The columns whose value differs from the stored project; empty means the row changes nothing.</summary>
    private List<string> Changed(Project p, ProjectImportRow row, CompanyRef company, ProjectStage stage)
    {
        var changed = new List<string>();
        void Check(bool differs, ColumnSpec column) { if (differs) changed.Add(column.Chinese); }
        Check(p.Name != row.Name, C.Name);
        Check(company.New is not null || company.ExistingId != p.CompanyId || company.FillCreditCode is not null, C.Investor);
        Check(p.UnitId != row.UnitId, C.Unit);
        Check(IndustryIdFor(p, row) != p.IndustryId, C.Industry);
        Check(p.PlannedInvestment != row.PlannedInvestment, C.PlannedInvestment);
        Check(p.ContractedInvestment != row.ContractedInvestment, C.ContractedInvestment);
        Check(p.SigningKind != row.SigningKind, C.SigningKind);
        Check(p.SignedOn != row.SignedOn, C.SignedOn);
        Check(p.StartedOn != row.StartedOn, C.StartedOn);
        Check(p.InProductionOn != row.InProductionOn, C.InProductionOn);
        Check(p.Status != row.Status, C.Status);
        Check(p.LeadSource != row.LeadSource, C.LeadSource);
        if (p.Stage != stage) changed.Add("阶段");
        return changed;
    }

    /// <summary>
    /// A project keeps the class it was given: the same industry name as stored keeps the stored id,
    /// even when that class belongs to an older catalog than the one in force now.
    /// </summary>
    public int? IndustryIdFor(Project existing, ProjectImportRow row) =>
        row.IndustryName is not null && existing.IndustryId is { } id && industryNames.TryGetValue(id, out var name) && name == row.IndustryName
            ? id : row.IndustryId;

    private CompanyRef CompanyOf(ProjectImportRow row)
    {
        if (row.CreditCode is { } code)
        {
            if (_companyByCode.TryGetValue(code, out var id)) return new CompanyRef { ExistingId = id };
            if (_newByCode.TryGetValue(code, out var pending)) return pending;
            // A stored company of that name without a code gets the code, once; one with another code is another company.
            if (_companyByName.TryGetValue(row.Investor, out var named) && named.CreditCode is null && !_filled.ContainsKey(named.Id))
            {
                var fill = new CompanyRef { ExistingId = named.Id, FillCreditCode = code };
                _filled[named.Id] = fill;
                _newByCode[code] = fill;
                return fill;
            }
            var fresh = _newByCode[code] = NewCompany(row, code);
            _newByName.TryAdd(row.Investor, fresh);
            return fresh;
        }
        if (_companyByName.TryGetValue(row.Investor, out var byName)) return new CompanyRef { ExistingId = byName.Id };
        if (_newByName.TryGetValue(row.Investor, out var created)) return created;
        return _newByName[row.Investor] = NewCompany(row, null);
    }

    private CompanyRef NewCompany(ProjectImportRow row, string? code) => new()
    {
        New = new Company
        {
            Name = row.Investor, CreditCode = code, Origin = row.Origin, OriginClass = row.Place.Class,
            OriginProvinceCode = row.Place.ProvinceCode, OriginCityCode = row.Place.CityCode, OriginCountryCode = row.Place.CountryCode,
            CreatedAt = now,
        },
    };

    private void Problem(ProjectImportRow row, ColumnSpec column, string code, params object[] args) =>
        Problems.Add(new ImportProblem(row.Sheet, row.RowNumber, column.Chinese, code, ImportMessages.Format(code, culture, args)));
}
