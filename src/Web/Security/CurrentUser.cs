using System.Globalization;
using System.Security.Claims;
using Coordination.Domain.Agencies;

namespace Coordination.Web.Security;

/// <summary>Claim types Coordination puts on a signed-in principal (from Entra ID or the development sign-in).</summary>
public static class CoordinationClaims
{
    /// <summary>The id of the user's agency.</summary>
    public const string AgencyId = "coordination:agency-id";

    /// <summary>The kind of the user's agency (Police, ProsecutionService, Bank, Halt).</summary>
    public const string AgencyKind = "coordination:agency-kind";

    /// <summary>The sign-in name (e-mail / UPN), lower case.</summary>
    public const string UserName = "coordination:user";

    /// <summary>Authentication type of principals built by Coordination itself.</summary>
    public const string AuthenticationType = "Coordination";
}

/// <summary>
/// Who is acting: their sign-in name, agency and roles. Built from the principal; every need-to-know decision and
/// every audit record starts here.
/// </summary>
public sealed record CurrentUser(string UserName, string DisplayName, AgencyId AgencyId, AgencyKind AgencyKind, IReadOnlySet<Role> Roles)
{
    /// <summary>True when the user holds the role.</summary>
    public bool Holds(Role role) => Roles.Contains(role);

    /// <summary>True for police and OM, who may read what a case is about (its kind of fraud); banks and Halt see a
    /// task's case by number only.</summary>
    public bool SeesCaseFacts => AgencyKind is AgencyKind.Police or AgencyKind.ProsecutionService;

    /// <summary>True when the user has a role that works on cases (not only administrator or auditor).</summary>
    public bool HasCaseRole => Roles.Any(r => r is not (Role.Administrator or Role.Auditor));

    /// <summary>The principal carrying this user's claims.</summary>
    public ClaimsPrincipal ToPrincipal(string authenticationType = CoordinationClaims.AuthenticationType)
    {
        var identity = new ClaimsIdentity(authenticationType, ClaimTypes.Name, ClaimTypes.Role);
        identity.AddClaim(new Claim(ClaimTypes.Name, DisplayName));
        identity.AddClaim(new Claim(CoordinationClaims.UserName, UserName));
        identity.AddClaim(new Claim(CoordinationClaims.AgencyId, AgencyId.Value.ToString()));
        identity.AddClaim(new Claim(CoordinationClaims.AgencyKind, AgencyKind.ToString()));
        foreach (var role in Roles)
        {
            identity.AddClaim(new Claim(ClaimTypes.Role, role.ToString()));
        }

        return new ClaimsPrincipal(identity);
    }

    /// <summary>Reads the user from a principal that carries Coordination's claims; null when it does not (not
    /// signed in, or signed in without an agency or role — such a user may do nothing).</summary>
    public static CurrentUser? FromPrincipal(ClaimsPrincipal? principal)
    {
        if (principal?.Identity?.IsAuthenticated != true
            || principal.FindFirst(CoordinationClaims.UserName)?.Value is not { Length: > 0 } userName
            || !Guid.TryParse(principal.FindFirst(CoordinationClaims.AgencyId)?.Value, CultureInfo.InvariantCulture, out var agencyId)
            || !Enum.TryParse<AgencyKind>(principal.FindFirst(CoordinationClaims.AgencyKind)?.Value, out var kind))
        {
            return null;
        }

        var roles = principal.FindAll(ClaimTypes.Role)
            .Select(c => Enum.TryParse<Role>(c.Value, out var role) && RoleRules.Fits(role, kind) ? role : (Role?)null)
            .OfType<Role>()
            .ToHashSet();
        return roles.Count == 0 ? null : new CurrentUser(userName, principal.Identity.Name ?? userName, Domain.Agencies.AgencyId.From(agencyId), kind, roles);
    }
}
