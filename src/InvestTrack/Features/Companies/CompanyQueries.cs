using InvestTrack.Data;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Companies;

/// <summary>
/// Reads of the company directory. Companies are citywide (docs/decisions/0004-companies.md); the project
/// counts and lists go through the Projects query filter, so each user counts and sees only their own units' projects.
/// </summary>
internal static class CompanyQueries
{
    public static IQueryable<CompanyRow> Rows(AppDbContext db, CompanyFilter filter)
    {
        var companies = db.Companies.AsNoTracking();
        // Search text as stored text is (NFC, no control or invisible characters): PostgreSQL refuses a NUL.
        if (Kernel.TextInput.Search(filter.Text) is { } text)
        {
            var code = CreditCode.Normalize(text);
            companies = companies.Where(c => c.Name.Contains(text) || (c.CreditCode != null && c.CreditCode.Contains(code)));
        }
        if (filter.OriginClass is { } originClass) companies = companies.Where(c => c.OriginClass == originClass);
        if (Kernel.TextInput.Search(filter.ProvinceCode) is { } province) companies = companies.Where(c => c.OriginProvinceCode == province);

        var rows = companies.Select(c => new
        {
            c.Id, c.Name, c.CreditCode, c.Origin, c.OriginClass, c.OriginProvinceCode, c.CreatedAt,
            Projects = db.Projects.Count(p => p.CompanyId == c.Id),
            Contacts = db.CompanyContacts.Count(x => x.CompanyId == c.Id),
        });
        // The id breaks ties, so that paging is stable.
        rows = (filter.Sort, filter.Descending) switch
        {
            (CompanySort.CreditCode, false) => rows.OrderBy(r => r.CreditCode).ThenBy(r => r.Id),
            (CompanySort.CreditCode, true) => rows.OrderByDescending(r => r.CreditCode).ThenBy(r => r.Id),
            (CompanySort.Origin, false) => rows.OrderBy(r => r.OriginClass).ThenBy(r => r.Origin).ThenBy(r => r.Id),
            (CompanySort.Origin, true) => rows.OrderByDescending(r => r.OriginClass).ThenByDescending(r => r.Origin).ThenBy(r => r.Id),
            (CompanySort.Projects, false) => rows.OrderBy(r => r.Projects).ThenBy(r => r.Id),
            (CompanySort.Projects, true) => rows.OrderByDescending(r => r.Projects).ThenBy(r => r.Id),
            (CompanySort.Created, false) => rows.OrderBy(r => r.Id),
            (CompanySort.Created, true) => rows.OrderByDescending(r => r.Id),
            (_, true) => rows.OrderByDescending(r => r.Name).ThenBy(r => r.Id),
            _ => rows.OrderBy(r => r.Name).ThenBy(r => r.Id),
        };
        return rows.Select(r => new CompanyRow(r.Id, r.Name, r.CreditCode, r.Origin, r.OriginClass, r.OriginProvinceCode, r.Projects, r.Contacts));
    }

    public static async Task<CompanyDetail?> DetailAsync(AppDbContext db, int id, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (company is null) return null;
        var projects = await db.Projects.AsNoTracking().Where(p => p.CompanyId == id).OrderBy(p => p.Code)
            .Select(p => new CompanyProject(p.Id, p.Code, p.Name, db.Units.Where(u => u.Id == p.UnitId).Select(u => u.Name).First(),
                p.Stage, p.Status, Kernel.Money.ToWan(p.PlannedInvestment)))
            .ToListAsync(ct);
        return new CompanyDetail(company.Id, company.Name, company.CreditCode, company.Origin, company.OriginClass,
            company.OriginProvinceCode, company.OriginCityCode, company.OriginCountryCode, company.Notes, company.Version,
            [.. company.Contacts.OrderBy(c => c.Id).Select(c => new ContactView(c.Id, c.Name, c.Title, ContactRules.MaskPhone(c.Phone), Network.PersonalData.MaskEmail(c.Email)))],
            projects);
    }
}
