using InvestTrack.Data;
using InvestTrack.Features.Activities;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Leads;
using InvestTrack.Features.Projects;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Search;

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<SearchKind>))]
public enum SearchKind { Project, Company, Lead, Activity, Talent, Agency }

/// <summary>One record found: its name (an activity's code), code, a word about it (investor, origin, leader), unit and page.</summary>
public sealed record SearchHit(int Id, string Title, string? Code, string? Detail, string? Unit, string Url);

/// <summary>The first hits of one kind, how many there are in all, and the list that shows them all.</summary>
public sealed record SearchGroup(SearchKind Kind, int Total, IReadOnlyList<SearchHit> Hits, string ListUrl);

public sealed record SearchResults(string? Text, IReadOnlyList<SearchGroup> Groups);

/// <summary>
/// The search box of the top bar. Each kind is searched by its own list's text search (projects: name, code, investor;
/// companies: name, credit code; leads: name, referrer, investor; activities: code, leader, counterparts, places), so a
/// hit is scoped exactly as the list is: projects, leads and activities by the unit filter, companies as the citywide
/// directory with the user's own project counts (decision 0004). No second way of scoping.
/// </summary>
public sealed class GlobalSearch(IReadDbContextFactory reads, CompanyService companies, LeadReads leads, ActivityService activities, CurrentUser actor, AuditLog audit,
    Kernel.Crypto.PersonalDataCipher cipher)
{
    public const int DefaultTake = 10;
    public const int MaxTake = 50;

    /// <summary>The keyed hash the search page carries in its address instead of a typed phone (docs/security.md 24).</summary>
    public string? PhoneHashOf(string? text) => Kernel.Crypto.PersonalDataCipher.LooksLikePhone(TextInput.Search(text)) ? cipher.PhoneHash(text) : null;

    public async Task<SearchResults> SearchAsync(string? text, int take = DefaultTake, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, "Search");
        if (TextInput.Search(text) is not { } q) return new SearchResults(null, []);
        take = Math.Clamp(take, 1, MaxTake);
        // A phone is never compared in clear: its keyed hash is matched against the column beside each sealed phone.
        if (Kernel.Crypto.PersonalDataCipher.LooksLikePhone(q))
            return await ByPhoneHashAsync(cipher.PhoneHash(q)!, Companies.ContactRules.MaskPhone(Kernel.Crypto.PersonalDataCipher.NormalisePhone(q)), take, ct);
        var query = Uri.EscapeDataString(q);

        SearchGroup projects;
        await using (var db = reads.CreateDbContext())
        {
            var page = await ProjectQueries.PageAsync(db, new ProjectFilter(q, PageSize: take), ct);
            projects = new(SearchKind.Project, page.Total,
                [.. page.Rows.Select(p => new SearchHit(p.Id, p.Name, p.Code, p.InvestorName, p.UnitName, $"/projects/{p.Id}"))], $"/projects?q={query}");
        }
        var companyPage = await companies.ListAsync(new CompanyFilter(q, PageSize: take), ct);
        var leadPage = await leads.PageAsync(new LeadFilter(q, PageSize: take), ct);
        var activityPage = await activities.ListAsync(new ActivityFilter(Search: q, PageSize: take), ct);
        return new SearchResults(q,
        [
            projects,
            new(SearchKind.Company, companyPage.Total,
                [.. companyPage.Rows.Select(c => new SearchHit(c.Id, c.Name, c.CreditCode, c.Origin, null, $"/companies/{c.Id}"))], $"/companies?q={query}"),
            new(SearchKind.Lead, leadPage.Total,
                [.. leadPage.Rows.Select(l => new SearchHit(l.Id, l.Name, null, l.CompanyName, l.UnitName, $"/leads/{l.Id}"))], $"/leads?q={query}"),
            // The activity list keeps its search in the page, not the address: its link opens the list.
            new(SearchKind.Activity, activityPage.Total,
                [.. activityPage.Rows.Select(a => new SearchHit(a.Id, a.Code, null, a.Leader, a.Unit, $"/activities/{a.Id}"))], "/activities"),
        ]);
    }

    /// <summary>
    /// Records holding a phone with this keyed hash: companies by a contact's phone (the citywide directory), talents and
    /// agencies by theirs, the last two scoped to the user's units by the query filters. No link carries the phone.
    /// </summary>
    public async Task<SearchResults> SearchByPhoneHashAsync(string? hash, int take = DefaultTake, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, "Search");
        if (string.IsNullOrWhiteSpace(hash) || hash.Length != 64) return new SearchResults(null, []);
        return await ByPhoneHashAsync(hash, "******", Math.Clamp(take, 1, MaxTake), ct);
    }

    private async Task<SearchResults> ByPhoneHashAsync(string hash, string? shown, int take, CancellationToken ct)
    {
        await using var db = reads.CreateDbContext();
        var companyRows = db.Companies.Where(c => db.CompanyContacts.Any(x => x.CompanyId == c.Id && x.PhoneHash == hash));
        var talentRows = db.TalentPeople.Where(x => x.PhoneHash == hash);
        var agencyRows = db.InvestmentAgencies.Where(x => x.PhoneHash == hash);
        var companyHits = await companyRows.OrderBy(c => c.Name).ThenBy(c => c.Id).Take(take)
            .Select(c => new SearchHit(c.Id, c.Name, c.CreditCode, c.Origin, null, "/companies/" + c.Id)).ToListAsync(ct);
        var talentHits = await talentRows.OrderBy(x => x.Name).ThenBy(x => x.Id).Take(take)
            .Select(x => new SearchHit(x.Id, x.Name, null, x.Organisation, db.Units.Where(u => u.Id == x.UnitId).Select(u => u.Name).First(), "/talents/" + x.Id)).ToListAsync(ct);
        var agencyHits = await agencyRows.OrderBy(x => x.Name).ThenBy(x => x.Id).Take(take)
            .Select(x => new SearchHit(x.Id, x.Name, x.ContractNumber, x.ContactName, db.Units.Where(u => u.Id == x.UnitId).Select(u => u.Name).First(), "/agencies/" + x.Id)).ToListAsync(ct);
        return new SearchResults(shown,
        [
            new(SearchKind.Company, await companyRows.CountAsync(ct), companyHits, "/companies"),
            new(SearchKind.Talent, await talentRows.CountAsync(ct), talentHits, "/talents"),
            new(SearchKind.Agency, await agencyRows.CountAsync(ct), agencyHits, "/agencies"),
        ]);
    }
}
