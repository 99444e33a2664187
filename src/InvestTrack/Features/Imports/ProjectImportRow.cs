using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;

namespace InvestTrack.Features.Imports;

/// <summary>
/// One row of a 项目 sheet that passed every rule that needs no database state: amounts in hundredths
/// of a 万元, the unit and industry resolved to ids, the investor's place parsed.
/// </summary>
public sealed record ProjectImportRow(
    string Sheet, int RowNumber, string Code, string Name, string Investor, string? CreditCode, string Origin, Place Place,
    int UnitId, int? IndustryId, string? IndustryName, long PlannedInvestment, long? ContractedInvestment, SigningKind? SigningKind,
    DateOnly? SignedOn, DateOnly? StartedOn, DateOnly? InProductionOn, ProjectStatus Status, string? LeadSource);
