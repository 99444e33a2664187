using System.Diagnostics;
using System.Globalization;
using System.Security.Claims;

namespace InvestTrack.Infrastructure.Auth;

/// <summary>
/// Who is acting in this DI scope: set per HTTP request by middleware, per Blazor circuit by a circuit
/// handler, or as the system operator on the command line. Every DbContext reads its unit scope from here.
/// </summary>
public sealed class CurrentUser
{
    private static readonly ClaimsPrincipal Anonymous = new(new ClaimsIdentity());

    public ClaimsPrincipal Principal { get; private set; } = Anonymous;
    public string? Address { get; private set; }
    public string? TraceId { get; private set; }
    public bool IsSystem { get; private set; }
    /// <summary>This request's or circuit's refusal is in the trail already: RefusalAudit does not write it again.</summary>
    public bool RefusalAudited { get; private set; }

    public void NoteRefusalAudited() => RefusalAudited = true;

    public void Set(ClaimsPrincipal principal, string? address, string? traceId = null)
    {
        Principal = principal;
        _scope = UnitScope.FromClaimValue(principal.FindFirstValue(AppClaims.UnitScope));
        Address = address;
        TraceId = traceId ?? Activity.Current?.TraceId.ToString();
    }

    /// <summary>The command-line operator: all units, all rights, audited under this name.</summary>
    public void SetSystem(string operatorName)
    {
        Principal = new ClaimsPrincipal(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, operatorName), new Claim(ClaimTypes.Role, "Operator")], "cli"));
        Address = "cli";
        IsSystem = true;
        _scope = UnitScope.Everything;
    }

    public bool IsAuthenticated => Principal.Identity?.IsAuthenticated == true;
    public string? UserId => Principal.FindFirstValue(ClaimTypes.NameIdentifier);
    public string? UserName => Principal.Identity?.Name;
    public string? Role => Principal.FindFirstValue(ClaimTypes.Role);

    public int? UnitId => int.TryParse(Principal.FindFirstValue(AppClaims.UnitId), NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : null;

    private UnitScope _scope = UnitScope.Nothing;

    /// <summary>Nothing until a user is set: every query fails closed.</summary>
    public UnitScope UnitScope => _scope;

    public bool Can(Operation operation) => IsSystem || (Role is { } role && AccessPolicy.Allows(role, operation));
}
