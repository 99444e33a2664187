using System.Collections.Concurrent;
using System.Globalization;
using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Companies;

/// <summary>
/// The company directory: reads need ViewRecords, writes EditRecords, checked here (hidden buttons are never the guard).
/// Every save is validated in full, audited by AppDbContext, and refused when the version the user saw is stale.
/// </summary>
public sealed class CompanyService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit, IStringLocalizer<CompanyResource> t)
{
    internal const string ObjectType = nameof(Company);
    public const int MaxContacts = 20;

    // Parsing needs the reference lists; they are read once per province, not per save.
    private static readonly ConcurrentDictionary<string, Places> PlacesByProvince = new(StringComparer.Ordinal);

    public async Task<CompanyList> ListAsync(CompanyFilter filter, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var size = Math.Clamp(filter.PageSize, 1, 500);
        var page = Math.Max(filter.Page, 1);
        var rows = CompanyQueries.Rows(db, filter);
        var total = await rows.CountAsync(ct);
        var items = Paging.Skip(page, size) is { } skip ? await rows.Skip(skip).Take(size).ToListAsync(ct) : [];
        return new CompanyList(items, total, page, size);
    }

    public async Task<CompanyDetail?> FindAsync(int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType, Id(id));
        await using var db = dbFactory.CreateDbContext();
        return await CompanyQueries.DetailAsync(db, id, ct);
    }

    /// <summary>Province-level divisions, for the origin filter.</summary>
    public async Task<IReadOnlyList<Province>> ProvincesAsync(CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        return await db.Provinces.AsNoTracking().OrderBy(p => p.Code).ToListAsync(ct);
    }

    public async Task<CompanyResult> CreateAsync(CompanyForm form, CancellationToken ct = default)
    {
        await using var db = dbFactory.CreateDbContext();
        var (company, errors) = await AddNewAsync(db, form, ct);
        return errors is not null ? new CompanyResult(Errors: errors) : await SaveAsync(db, company!, ct);
    }

    /// <summary>
    /// A new company validated in full and added to <paramref name="db"/>, unsaved: for a caller that saves it in its own
    /// transaction with what refers to it (a lead's new investor). The errors by form field, or null.
    /// </summary>
    public async Task<(Company? Company, Dictionary<string, string>? Errors)> AddNewAsync(AppDbContext db, CompanyForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType);
        var company = new Company { Name = "", Origin = "", CreatedAt = DateTimeOffset.UtcNow };
        if (await ApplyAsync(db, company, form, ct) is { } errors) return (null, errors);
        db.Companies.Add(company);
        return (company, null);
    }

    /// <summary>Refused (Stale) when the company changed since <paramref name="version"/> was read.</summary>
    public async Task<CompanyResult> UpdateAsync(int id, CompanyForm form, int version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, Id(id));
        await using var db = dbFactory.CreateDbContext();
        var company = await db.Companies.Include(c => c.Contacts).SingleOrDefaultAsync(c => c.Id == id, ct);
        if (company is null) return new CompanyResult(NotFound: true, Errors: Error("", t["Company.NotFound"]));
        if (company.Version != version) return new CompanyResult(id, Error("", t["Common.Stale"]), Stale: true);
        // The version the user saw is what the UPDATE checks, so a change saved in between is refused.
        db.Entry(company).Property(c => c.Version).OriginalValue = version;
        if (await ApplyAsync(db, company, form, ct) is { } errors) return new CompanyResult(id, errors);
        // Contacts are part of the company: a save that changes only them still raises the version (and checks it).
        db.Entry(company).Property(c => c.Version).IsModified = true;
        return await SaveAsync(db, company, ct);
    }

    private async Task<CompanyResult> SaveAsync(AppDbContext db, Company company, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return new CompanyResult(company.Id);
        }
        catch (DbUpdateConcurrencyException)
        {
            return new CompanyResult(company.Id, Error("", t["Common.Stale"]), Stale: true);
        }
        catch (InvalidTextException e)
        {
            // A field the checks above do not cover: AppDbContext's rule, at the field of the same name.
            return new CompanyResult(company.Id, Error(System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(e.Field), e.Message));
        }
        catch (DbUpdateException)
        {
            // The unique index caught a code saved at the same moment by someone else.
            return new CompanyResult(company.Id, Error("creditCode", t["CreditCode.TakenNow", company.CreditCode ?? ""]));
        }
    }

    /// <summary>
    /// The credit-code check of a save, run as soon as the code is typed (the form's dialog): the message of a wrong code, or of
    /// one another company holds (named, as on save: the directory is citywide), else null.
    /// </summary>
    public async Task<string?> CreditCodeProblemAsync(string? creditCode, int? companyId, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        if (string.IsNullOrWhiteSpace(creditCode)) return null;
        await using var db = dbFactory.CreateDbContext();
        return await CreditCodeProblemAsync(db, CreditCode.Normalize(creditCode), companyId ?? 0, ct);
    }

    /// <summary>The message of a wrong normalized code, or of one another company than <paramref name="companyId"/> holds; else null.</summary>
    private async Task<string?> CreditCodeProblemAsync(AppDbContext db, string code, int companyId, CancellationToken ct)
    {
        if (CreditCode.Check(code) is { } problem) return t[$"CreditCode.{problem}"].Value;
        return await db.Companies.Where(c => c.CreditCode == code && c.Id != companyId).Select(c => c.Name).FirstOrDefaultAsync(ct) is { } holder
            ? t["CreditCode.Taken", code, holder].Value : null;
    }

    /// <summary>Validates every field and, only when all are valid, copies them onto the entity.</summary>
    private async Task<Dictionary<string, string>?> ApplyAsync(AppDbContext db, Company company, CompanyForm form, CancellationToken ct)
    {
        var errors = new Dictionary<string, string>(StringComparer.Ordinal);
        var name = form.Name?.Trim() ?? "";
        if (name.Length == 0) errors["name"] = t["Company.NameRequired"];
        else if (name.Length > 200) errors["name"] = t["Company.NameTooLong"];

        string? code = null;
        if (!string.IsNullOrWhiteSpace(form.CreditCode))
        {
            code = CreditCode.Normalize(form.CreditCode);
            if (await CreditCodeProblemAsync(db, code, company.Id, ct) is { } problem) errors["creditCode"] = problem;
        }

        var origin = form.Origin?.Trim() ?? "";
        Place? place = null;
        if (origin.Length == 0) errors["origin"] = t["Origin.Required"];
        else if (origin.Length > 100) errors["origin"] = t["Origin.TooLong"];
        else if ((place = (await PlacesAsync(db, ct)).Parse(origin)) is null) errors["origin"] = t["Origin.Unknown", origin];

        var notes = string.IsNullOrWhiteSpace(form.Notes) ? null : form.Notes.Trim();
        if (notes is { Length: > 2000 }) errors["notes"] = t["Company.NotesTooLong"];

        var contacts = ValidateContacts(company, form.Contacts ?? [], errors);
        CheckText(errors, "name", name, 200);
        CheckText(errors, "origin", origin, 100);
        CheckText(errors, "notes", notes, 2000);
        for (var i = 0; i < contacts.Count; i++)
        {
            CheckText(errors, $"contacts[{i}].name", contacts[i].Name, 50);
            CheckText(errors, $"contacts[{i}].title", contacts[i].Title, 100);
        }
        if (errors.Count > 0) return errors;

        company.Name = name;
        company.CreditCode = code;
        company.Origin = origin;
        company.OriginProvinceCode = place!.ProvinceCode;
        company.OriginCityCode = place.CityCode;
        company.OriginCountryCode = place.CountryCode;
        company.OriginClass = place.Class;
        company.Notes = notes;
        // Contacts left out of the form are removed; those with an id are updated in place, the rest added.
        company.Contacts.RemoveAll(existing => !contacts.Any(c => c.Id == existing.Id));
        foreach (var contact in contacts)
        {
            var target = contact.Id is { } contactId ? company.Contacts.Single(c => c.Id == contactId) : new CompanyContact { Name = "" };
            target.Name = contact.Name;
            target.Title = contact.Title;
            target.Phone = contact.Phone;
            target.Email = contact.Email;
            if (contact.Id is null) company.Contacts.Add(target);
        }
        return null;
    }

    private sealed record ValidContact(int? Id, string Name, string? Title, string? Phone, string? Email);

    private List<ValidContact> ValidateContacts(Company company, List<ContactForm> forms, Dictionary<string, string> errors)
    {
        var result = new List<ValidContact>();
        if (forms.Count > MaxContacts)
        {
            errors["contacts"] = t["Contact.TooMany", MaxContacts];
            return result;
        }
        for (var i = 0; i < forms.Count; i++)
        {
            var form = forms[i];
            var key = $"contacts[{i}]";
            var number = i + 1;
            var existing = form.Id is { } id ? company.Contacts.FirstOrDefault(c => c.Id == id) : null;
            // An id of another company's contact is treated like a missing one, never adopted.
            if (form.Id is not null && existing is null || form.Id is not null && result.Any(r => r.Id == form.Id))
            {
                errors[key] = t["Contact.NotFound", number];
                continue;
            }
            var name = form.Name?.Trim() ?? "";
            var title = Blank(form.Title);
            var email = Blank(form.Email);
            var phone = Blank(form.Phone);
            if (name.Length == 0) errors[$"{key}.name"] = t["Contact.NameRequired", number];
            else if (name.Length > 50) errors[$"{key}.name"] = t["Contact.NameTooLong", number];
            if (title is { Length: > 100 }) errors[$"{key}.title"] = t["Contact.TitleTooLong", number];
            // The masked number sent back unchanged keeps the stored one.
            if (phone is not null && existing?.Phone is { } stored && phone == ContactRules.MaskPhone(stored)) phone = stored;
            else if (phone is not null && (phone.Length > 30 || !ContactRules.IsPhone(phone))) errors[$"{key}.phone"] = t["Contact.Phone", number];
            if (email is not null && existing?.Email is { } storedEmail && email == Network.PersonalData.MaskEmail(storedEmail)) email = storedEmail;
            else if (email is not null && (email.Length > 200 || !ContactRules.IsEmail(email))) errors[$"{key}.email"] = t["Contact.Email", number];
            result.Add(new ValidContact(form.Id, name, title, phone, email));
        }
        return result;
    }

    private static async Task<Places> PlacesAsync(AppDbContext db, CancellationToken ct)
    {
        var province = await db.CitySettings.AsNoTracking().Select(c => c.ProvinceCode).SingleAsync(ct);
        return PlacesByProvince.GetOrAdd(province, Places.FromFiles);
    }

    /// <summary>Control, bidirectional and invisible-only text is refused at its field, before AppDbContext would refuse the save.</summary>
    private static void CheckText(Dictionary<string, string> errors, string key, string? value, int maxLength)
    {
        if (!errors.ContainsKey(key) && TextInput.ProblemOf(value, maxLength) is { } problem) errors[key] = SharedResource.Text(problem);
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static Dictionary<string, string> Error(string key, string message) => new(StringComparer.Ordinal) { [key] = message };

    internal static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);
}
