using InvestTrack.Data;
using InvestTrack.Features.Audit;
using InvestTrack.Features.Companies;
using InvestTrack.Features.Network;
using InvestTrack.Infrastructure.Auth;
using Microsoft.EntityFrameworkCore;

namespace InvestTrack.Features.Privacy;

/// <summary>Whose personal value: a talent, an agency's contact, a company's contact person.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PersonalKind>))]
public enum PersonalKind { Talent, Agency, CompanyContact }

[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<PersonalField>))]
public enum PersonalField { Phone, Email }

public sealed record UnmaskRequest(PersonalKind Kind, int Id, PersonalField Field);

public sealed record UnmaskAnswer(string? Value);

/// <summary>
/// 显示: a masked phone or e-mail address shown in full, as a deliberate action (docs/security.md 22). Checked here, in
/// server code: the user's role must allow <see cref="Operation.UnmaskPersonalData"/> (city staff and unit staff, those
/// who edit the records; never leaders, the auditor or the system admin), and the record is read through the scoped
/// context, so another unit's talent or agency is not found, exactly as a missing id. Every value shown is audited
/// (action Unmask, the record and the field), refusals too.
/// </summary>
public sealed class UnmaskService(IDbContextFactory<AppDbContext> dbFactory, CurrentUser actor, AuditLog audit)
{
    public const string Action = "Unmask";

    /// <returns>The value (null when the field is empty), or null answer when the record is not found.</returns>
    /// <exception cref="UnauthorizedAccessException">The role may not unmask (audited).</exception>
    public async Task<UnmaskAnswer?> UnmaskAsync(UnmaskRequest request, CancellationToken ct = default)
    {
        var objectType = ObjectType(request.Kind);
        var objectId = request.Id.ToString(System.Globalization.CultureInfo.InvariantCulture);
        await AdminGuard.DemandAsync(actor, audit, Operation.UnmaskPersonalData, objectType, objectId);
        await using var db = dbFactory.CreateDbContext();
        // Whole entities, so that they are opened as they are materialised (a projected column would be the sealed text).
        object? found = request.Kind switch
        {
            PersonalKind.Talent => await db.TalentPeople.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.Id, ct),
            PersonalKind.Agency => await db.InvestmentAgencies.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.Id, ct),
            PersonalKind.CompanyContact => await db.CompanyContacts.AsNoTracking().SingleOrDefaultAsync(x => x.Id == request.Id, ct),
            _ => null,
        };
        if (found is null) return null;
        var value = (found, request.Field) switch
        {
            (TalentPerson t, PersonalField.Phone) => t.Phone,
            (TalentPerson t, PersonalField.Email) => t.Email,
            (InvestmentAgency a, PersonalField.Phone) => a.Phone,
            (CompanyContact c, PersonalField.Phone) => c.Phone,
            (CompanyContact c, PersonalField.Email) => c.Email,
            _ => null,
        };
        await audit.WriteAsync(Action, objectType, objectId, details: AdminGuard.Serialize(new { field = request.Field.ToString() }), ct: ct);
        return new UnmaskAnswer(value);
    }

    public static string ObjectType(PersonalKind kind) => kind switch
    {
        PersonalKind.Talent => nameof(TalentPerson),
        PersonalKind.Agency => nameof(InvestmentAgency),
        _ => nameof(CompanyContact),
    };
}
