using System.Collections.Concurrent;
using InvestTrack.Data;
using InvestTrack.Features.ReferenceData;
using InvestTrack.Kernel;
using InvestTrack.Resources;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;

namespace InvestTrack.Features.Network;

/// <summary>
/// The field checks every network form shares. Each message names its field (the label comes from the resources),
/// and nothing is copied onto an entity until every field is valid.
/// </summary>
internal sealed class NetworkChecks(IStringLocalizer<NetworkResource> t)
{
    // Parsing needs the reference lists; they are read once per province, not per save.
    private static readonly ConcurrentDictionary<string, Places> PlacesByProvince = new(StringComparer.Ordinal);

    public Dictionary<string, string> Errors { get; } = new(StringComparer.Ordinal);

    public bool Any => Errors.Count > 0;

    public void Add(string key, string message) => Errors.TryAdd(key, message);

    /// <summary>Trimmed text or null; refused when required and blank, too long, or holding control or invisible-only text.</summary>
    public string? Text(string key, string label, string? value, int max, bool required = false)
    {
        var text = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (text is null)
        {
            if (required) Add(key, t["Error.Required", label]);
            return null;
        }
        if (text.Length > max) Add(key, t["Error.TooLong", label, max]);
        else if (TextInput.ProblemOf(text, max) is { } problem) Add(key, $"{label}{DisplayFormat.Colon}{SharedResource.Text(problem)}");
        return text;
    }

    /// <summary>A phone as company contacts take it: the masked value sent back unchanged keeps the stored number.</summary>
    public string? Phone(string key, string label, string? value, string? stored)
    {
        var phone = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (phone is null) return null;
        if (stored is not null && phone == Companies.ContactRules.MaskPhone(stored)) return stored;
        if (phone.Length > 30 || !Companies.ContactRules.IsPhone(phone)) Add(key, t["Error.Phone", label]);
        return phone;
    }

    public string? Email(string key, string label, string? value, string? stored)
    {
        var email = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (email is null) return null;
        if (stored is not null && email == PersonalData.MaskEmail(stored)) return stored;
        if (email.Length > 200 || !Companies.ContactRules.IsEmail(email)) Add(key, t["Error.Email", label]);
        return email;
    }

    public DateOnly Date(string key, string label, DateOnly? value)
    {
        if (value is null) Add(key, t["Error.Required", label]);
        return value ?? default;
    }

    /// <summary>An end before its start is refused at the end's field.</summary>
    public void Order(string endKey, string endLabel, string startLabel, DateOnly start, DateOnly end)
    {
        if (!Errors.ContainsKey(endKey) && end < start) Add(endKey, t["Error.EndBeforeStart", endLabel, startLabel]);
    }

    /// <summary>The unit a record belongs to: given, or the user's own; refused when outside the user's scope (as a missing one).</summary>
    public async Task<int> UnitAsync(AppDbContext db, string key, int? unitId, int? ownUnitId, CancellationToken ct)
    {
        var id = unitId ?? ownUnitId;
        if (id is null)
        {
            Add(key, t["Error.Required", t["Field.Unit"]]);
            return 0;
        }
        // The unit filter is not on Units, so the scope is asked here, as ProjectService does.
        if (!(db.ScopeIsAll || db.ScopeUnitIds.Contains(id.Value)) || !await db.Units.AnyAsync(u => u.Id == id.Value, ct))
            Add(key, t["Error.UnitNotFound"]);
        return id.Value;
    }

    /// <summary>A province/city as written (北京市, 山东省济南市); an unknown place is refused with its text.</summary>
    public async Task<Place?> PlaceAsync(AppDbContext db, string key, string label, string? text, CancellationToken ct)
    {
        if (text is null || Errors.ContainsKey(key)) return null;
        var province = await db.CitySettings.AsNoTracking().Select(c => c.ProvinceCode).SingleAsync(ct);
        var place = PlacesByProvince.GetOrAdd(province, Places.FromFiles).Parse(text);
        if (place is null) Add(key, t["Error.UnknownPlace", label, text]);
        return place;
    }
}
