using System.Collections.Concurrent;
using System.Security.Claims;
using Coordination.Domain.Agencies;
using Coordination.Web.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Security;

/// <summary>
/// Maps a principal signed in through Microsoft Entra ID to Coordination's claims: app roles (the <c>roles</c> claim,
/// whose values are Coordination's role names) become roles, and the agency claim (an agency code such as
/// <c>POL-ON-CYBER</c>) becomes the agency id and kind. Roles that do not exist at that kind of agency are dropped;
/// a principal without a known agency gets no Coordination claims and can do nothing.
/// </summary>
internal sealed class EntraClaimsTransformation(SystemDbContexts contexts, SecurityOptions options) : IClaimsTransformation
{
    private static readonly TimeSpan _cacheFor = TimeSpan.FromMinutes(5);
    private readonly ConcurrentDictionary<string, (AgencyId Id, AgencyKind Kind, DateTimeOffset Until)?> _agencies = new(StringComparer.OrdinalIgnoreCase);

    public async Task<ClaimsPrincipal> TransformAsync(ClaimsPrincipal principal)
    {
        ArgumentNullException.ThrowIfNull(principal);
        if (principal.Identity?.IsAuthenticated != true || principal.HasClaim(c => c.Type == CoordinationClaims.AgencyId))
        {
            return principal;
        }

        var userName = (principal.FindFirst("preferred_username") ?? principal.FindFirst(ClaimTypes.Upn) ?? principal.FindFirst(ClaimTypes.Email))?.Value;
        var agencyCode = principal.FindFirst(options.AgencyClaim)?.Value;
        if (userName is null || agencyCode is null || await FindAgencyAsync(agencyCode) is not { } agency)
        {
            return principal;
        }

        var roles = principal.Claims
            .Where(c => c.Type is "roles" or ClaimTypes.Role)
            .Select(c => Enum.TryParse<Role>(c.Value, ignoreCase: false, out var role) ? role : (Role?)null)
            .OfType<Role>()
            .Where(r => RoleRules.Fits(r, agency.Kind))
            .ToHashSet();
        if (roles.Count == 0)
        {
            return principal;
        }

        var user = new CurrentUser(userName.ToLowerInvariant(), principal.FindFirst("name")?.Value ?? userName, agency.Id, agency.Kind, roles);
        var result = principal.Clone();
        result.AddIdentity(user.ToPrincipal().Identities.Single());
        return result;
    }

    private async Task<(AgencyId Id, AgencyKind Kind)?> FindAgencyAsync(string code)
    {
        if (_agencies.TryGetValue(code, out var cached) && cached is { } hit && hit.Until > DateTimeOffset.UtcNow)
        {
            return (hit.Id, hit.Kind);
        }

        await using var db = await contexts.CreateDbContextAsync();
        var upper = code.ToUpperInvariant();
        var agency = await db.Agencies.AsNoTracking().Where(a => a.Code == upper).Select(a => new { a.Id, a.Kind }).FirstOrDefaultAsync();
        if (agency is null)
        {
            return null;
        }

        _agencies[code] = (agency.Id, agency.Kind, DateTimeOffset.UtcNow + _cacheFor);
        return (agency.Id, agency.Kind);
    }
}
