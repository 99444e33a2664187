using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Infrastructure.Auth;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Network;

public sealed record AgencyFilter(string? Text = null, int? UnitId = null, bool? Active = null, bool Descending = false, int Page = 1, int PageSize = 50);

/// <summary>An agency as every answer gives it: the contact's phone masked.</summary>
public sealed record AgencyView(int Id, int UnitId, string UnitName, string Name, string? ContractNumber, DateOnly PeriodFrom, DateOnly PeriodTo,
    string? FeeTerms, string? ContactName, string? MaskedPhone, string? Notes, int Version);

public sealed class AgencyForm
{
    public string Name { get; set; } = "";
    public string? ContractNumber { get; set; }
    public DateOnly? PeriodFrom { get; set; }
    public DateOnly? PeriodTo { get; set; }
    public string? FeeTerms { get; set; }
    public string? ContactName { get; set; }
    public string? ContactPhone { get; set; }
    public string? Notes { get; set; }
    public int? UnitId { get; set; }

    public static AgencyForm Of(AgencyView v) => new()
    {
        Name = v.Name, ContractNumber = v.ContractNumber, PeriodFrom = v.PeriodFrom, PeriodTo = v.PeriodTo, FeeTerms = v.FeeTerms,
        ContactName = v.ContactName, ContactPhone = v.MaskedPhone, Notes = v.Notes, UnitId = v.UnitId,
    };
}

/// <summary>Entrusted agencies (委托招商) under contract with a unit; unit-scoped, the contact's phone never leaves unmasked.</summary>
public sealed class AgencyService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit,
    IStringLocalizer<NetworkResource> t, TimeProvider clock) : INetworkRecords<AgencyForm, AgencyView>
{
    internal const string ObjectType = nameof(InvestmentAgency);

    public async Task<NetworkPage<AgencyView>> ListAsync(AgencyFilter filter, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var (items, total, page, size) = await NetworkSave.PageAsync(Rows(db, filter, Today()), filter.Page, filter.PageSize, ct);
        return new NetworkPage<AgencyView>([.. items.Select(v => Masked(db, v))], total, page, size);
    }

    public async Task<AgencyView?> FindAsync(int id, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ViewRecords, ObjectType, EventService.Id(id));
        await using var db = dbFactory.CreateDbContext();
        var row = await Rows(db, new AgencyFilter(), Today(), id).SingleOrDefaultAsync(ct);
        return row is null ? null : Masked(db, row);
    }

    public async Task<NetworkResult> CreateAsync(AgencyForm form, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var agency = new InvestmentAgency { Name = "", CreatedAt = clock.GetUtcNow() };
        return await NetworkSave.CreateAsync(db, agency, () => agency.Id, x => ApplyAsync(db, x, form, ct), t, ct);
    }

    public async Task<NetworkResult> UpdateAsync(int id, AgencyForm form, int version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, EventService.Id(id));
        await using var db = dbFactory.CreateDbContext();
        return await NetworkSave.UpdateAsync(db, db.InvestmentAgencies.Where(x => x.Id == id), id, version, x => ApplyAsync(db, x, form, ct), t, ct);
    }

    public async Task<NetworkResult> DeleteAsync(int id, int version, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.EditRecords, ObjectType, EventService.Id(id));
        await using var db = dbFactory.CreateDbContext();
        return await NetworkSave.DeleteAsync(db, db.InvestmentAgencies.Where(x => x.Id == id), id, version, t, ct);
    }

    public async Task<ExportFile> ExportAsync(AgencyFilter filter, NetworkExportFormat format, CancellationToken ct = default)
    {
        await AdminGuard.DemandAsync(actor, audit, Operation.ExportRecords, ObjectType);
        await using var db = dbFactory.CreateDbContext();
        var rows = (await Rows(db, filter, Today()).Take(EventService.MaxExportRows).ToListAsync(ct)).Select(v => Masked(db, v)).ToList();
        var sheet = ExportSheet.Of("委托招商机构", rows,
            ExportColumn<AgencyView>.Text(t["Agency.Name"], r => r.Name),
            ExportColumn<AgencyView>.Text(t["Agency.ContractNumber"], r => r.ContractNumber),
            ExportColumn<AgencyView>.Date(t["Agency.PeriodFrom"], r => r.PeriodFrom),
            ExportColumn<AgencyView>.Date(t["Agency.PeriodTo"], r => r.PeriodTo),
            ExportColumn<AgencyView>.Text(t["Agency.FeeTerms"], r => r.FeeTerms),
            ExportColumn<AgencyView>.Text(t["Agency.ContactName"], r => r.ContactName),
            ExportColumn<AgencyView>.Text(t["Field.Phone"], r => r.MaskedPhone),
            ExportColumn<AgencyView>.Text(t["Field.Unit"], r => r.UnitName));
        return await NetworkSave.ExportAsync(audit, clock, sheet, format, "委托招商机构清单", "agencies", ObjectType, rows.Count, filter, ct);
    }

    private DateOnly Today() => ChinaTime.Today(clock);

    private static IQueryable<AgencyView> Rows(AppDbContext db, AgencyFilter filter, DateOnly today, int? id = null)
    {
        var agencies = db.InvestmentAgencies.AsNoTracking();
        if (id is { } only) agencies = agencies.Where(a => a.Id == only);
        if (TextInput.Search(filter.Text) is { } text)
            agencies = agencies.Where(a => a.Name.Contains(text) || (a.ContractNumber != null && a.ContractNumber.Contains(text)));
        if (filter.UnitId is { } unitId) agencies = agencies.Where(a => a.UnitId == unitId);
        if (filter.Active is true) agencies = agencies.Where(a => a.PeriodFrom <= today && a.PeriodTo >= today);
        if (filter.Active is false) agencies = agencies.Where(a => a.PeriodFrom > today || a.PeriodTo < today);
        agencies = filter.Descending ? agencies.OrderByDescending(a => a.Name).ThenBy(a => a.Id) : agencies.OrderBy(a => a.Name).ThenBy(a => a.Id);
        return agencies.Select(a => new AgencyView(a.Id, a.UnitId, db.Units.Where(u => u.Id == a.UnitId).Select(u => u.Name).First(), a.Name,
            a.ContractNumber, a.PeriodFrom, a.PeriodTo, a.FeeTerms, a.ContactName, a.Phone, a.Notes, a.Version));
    }

    /// <summary>The contact's phone, projected sealed in SQL, opened (Data/PersonalDataSealing.cs) and masked.</summary>
    private static AgencyView Masked(AppDbContext db, AgencyView v) =>
        v with { MaskedPhone = PersonalData.MaskPhone(PersonalDataSealing.Open<InvestmentAgency>(db, nameof(InvestmentAgency.Phone), v.Id, v.MaskedPhone)) };

    private async Task<Dictionary<string, string>?> ApplyAsync(AppDbContext db, InvestmentAgency agency, AgencyForm form, CancellationToken ct)
    {
        var check = new NetworkChecks(t);
        var name = check.Text("name", t["Agency.Name"], form.Name, 200, required: true);
        var contract = check.Text("contractNumber", t["Agency.ContractNumber"], form.ContractNumber, 50);
        var from = check.Date("periodFrom", t["Agency.PeriodFrom"], form.PeriodFrom);
        var to = check.Date("periodTo", t["Agency.PeriodTo"], form.PeriodTo);
        if (form.PeriodFrom is not null) check.Order("periodTo", t["Agency.PeriodTo"], t["Agency.PeriodFrom"], from, to);
        var fee = check.Text("feeTerms", t["Agency.FeeTerms"], form.FeeTerms, 1000);
        var contact = check.Text("contactName", t["Agency.ContactName"], form.ContactName, 50);
        var phone = check.Phone("contactPhone", t["Field.Phone"], form.ContactPhone, agency.Phone);
        var notes = check.Text("notes", t["Field.Notes"], form.Notes, 2000);
        var unitId = await check.UnitAsync(db, "unitId", form.UnitId ?? (agency.Id == 0 ? null : agency.UnitId), actor.UnitId, ct);
        if (check.Any) return check.Errors;
        (agency.Name, agency.ContractNumber, agency.PeriodFrom, agency.PeriodTo, agency.FeeTerms) = (name!, contract, from, to, fee);
        (agency.ContactName, agency.Phone, agency.Notes, agency.UnitId) = (contact, phone, notes, unitId);
        return null;
    }
}
