using Coordination.Domain.Common;

namespace Coordination.Domain.Agencies;

/// <summary>Identifies an <see cref="AgencyUser"/>.</summary>
public readonly record struct UserId(Guid Value) : ITypedId<UserId>
{
    /// <inheritdoc />
    public static UserId From(Guid value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>
/// A person working for one agency, with the roles they hold there. Personal accounts only (BIO 5.16.02: no group
/// accounts); the sign-in name links to the identity provider.
/// </summary>
public sealed class AgencyUser : AggregateRoot<UserId>
{
    /// <summary>Maximum length of <see cref="UserName"/>.</summary>
    public const int UserNameMaxLength = 256;

    /// <summary>Maximum length of <see cref="DisplayName"/>.</summary>
    public const int DisplayNameMaxLength = 200;

    private readonly List<RoleAssignment> _roles = [];

    private AgencyUser() { } // EF

    private AgencyUser(string userName, string displayName, AgencyId agencyId)
    {
        UserName = userName;
        DisplayName = displayName;
        AgencyId = agencyId;
    }

    /// <summary>Sign-in name (e.g. the UPN at the identity provider).</summary>
    public string UserName { get; private set; } = null!;

    /// <summary>Name shown to colleagues.</summary>
    public string DisplayName { get; private set; } = null!;

    /// <summary>The agency the person works for.</summary>
    public AgencyId AgencyId { get; private set; }

    /// <summary>False once the account is switched off; history stays.</summary>
    public bool IsActive { get; private set; } = true;

    /// <summary>Roles held at the agency.</summary>
    public IReadOnlyCollection<RoleAssignment> Roles => _roles;

    /// <summary>Creates a user of an agency with at least one role that fits it.</summary>
    public static AgencyUser Create(string userName, string displayName, Agency agency, params Role[] roles)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(roles);
        var user = new AgencyUser(
            Guard.Required(userName, "User name", UserNameMaxLength).ToLowerInvariant(),
            Guard.Required(displayName, "Display name", DisplayNameMaxLength),
            agency.Id);
        if (roles.Length == 0)
        {
            throw new DomainException("user.no-role", "A user needs at least one role.");
        }

        foreach (var role in roles)
        {
            user.Grant(role, agency);
        }

        return user;
    }

    /// <summary>True when the user holds the role.</summary>
    public bool Holds(Role role) => _roles.Any(r => r.Role == role);

    /// <summary>Grants a role that fits the user's agency.</summary>
    public void Grant(Role role, Agency agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        if (agency.Id != AgencyId)
        {
            throw new DomainException("user.other-agency", $"{DisplayName} works for another agency than {agency.Name}.", DisplayName, agency.Name);
        }

        if (!RoleRules.Fits(Guard.Defined(role, "Role"), agency.Kind))
        {
            throw new DomainException("user.role-agency", $"The role {role} does not exist at a {agency.Kind} agency.", role.ToString(), agency.Kind.ToString());
        }

        if (!Holds(role))
        {
            _roles.Add(new RoleAssignment(role));
        }
    }

    /// <summary>Withdraws a role; the last role cannot be withdrawn (deactivate the user instead).</summary>
    public void Revoke(Role role)
    {
        if (_roles.Count == 1 && Holds(role))
        {
            throw new DomainException("user.last-role", "A user keeps at least one role; deactivate the user instead.");
        }

        _roles.RemoveAll(r => r.Role == role);
    }

    /// <summary>Switches the account off.</summary>
    public void Deactivate() => IsActive = false;
}

/// <summary>One role held by a user.</summary>
public sealed record RoleAssignment(Role Role);
