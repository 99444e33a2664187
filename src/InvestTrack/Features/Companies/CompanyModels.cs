using InvestTrack.Features.Projects;
using InvestTrack.Features.ReferenceData;

namespace InvestTrack.Features.Companies;

public enum CompanySort { Name, CreditCode, Origin, Projects, Created }

/// <summary>The list's filter; also the export's, so an export holds exactly the rows the user filtered.</summary>
public sealed record CompanyFilter(string? Text = null, OriginClass? OriginClass = null, string? ProvinceCode = null,
    CompanySort Sort = CompanySort.Name, bool Descending = false, int Page = 1, int PageSize = 50);

/// <summary>A list row. ProjectCount counts only the projects the user may see.</summary>
public sealed record CompanyRow(int Id, string Name, string? CreditCode, string Origin, OriginClass OriginClass,
    string? OriginProvinceCode, int ProjectCount, int ContactCount);

public sealed record CompanyList(IReadOnlyList<CompanyRow> Rows, int Total, int Page, int PageSize);

/// <summary>A contact as shown: the phone masked.</summary>
public sealed record ContactView(int Id, string Name, string? Title, string? MaskedPhone, string? Email);

public sealed record CompanyProject(int Id, string Code, string Name, string UnitName, ProjectStage Stage, ProjectStatus Status, decimal PlannedInvestmentWan);

public sealed record CompanyDetail(int Id, string Name, string? CreditCode, string Origin, OriginClass OriginClass,
    string? OriginProvinceCode, string? OriginCityCode, string? OriginCountryCode, string? Notes, int Version,
    IReadOnlyList<ContactView> Contacts, IReadOnlyList<CompanyProject> Projects);

/// <summary>What a user may set on a company; id, version, origin codes and class are never bound from it.</summary>
public sealed class CompanyForm
{
    public string Name { get; set; } = "";
    public string? CreditCode { get; set; }
    public string Origin { get; set; } = "";
    public string? Notes { get; set; }
    public List<ContactForm> Contacts { get; set; } = [];

    /// <summary>The form of a company as stored, contacts' phones masked (sent back unchanged, they keep the number).</summary>
    public static CompanyForm Of(CompanyDetail d) => new()
    {
        Name = d.Name, CreditCode = d.CreditCode, Origin = d.Origin, Notes = d.Notes,
        Contacts = [.. d.Contacts.Select(c => new ContactForm { Id = c.Id, Name = c.Name, Title = c.Title, Phone = c.MaskedPhone, Email = c.Email })],
    };
}

public sealed class ContactForm
{
    /// <summary>An existing contact of this company; null for a new one.</summary>
    public int? Id { get; set; }
    public string Name { get; set; } = "";
    public string? Title { get; set; }
    public string? Phone { get; set; }
    public string? Email { get; set; }
}

/// <summary>The outcome of a save: field errors (keyed like the form: name, creditCode, contacts[0].phone), stale, not found, or the id.</summary>
public sealed record CompanyResult(int? Id = null, IReadOnlyDictionary<string, string>? Errors = null, bool Stale = false, bool NotFound = false)
{
    public bool Ok => Errors is null && !Stale && !NotFound;
    public string? Message => Errors is { Count: > 0 } ? string.Join(Kernel.DisplayFormat.Semicolon, Errors.Values) : null;
}
