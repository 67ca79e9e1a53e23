namespace Coordination.Domain.Agencies;

/// <summary>The roles a person can hold within their agency; tasks are offered to a role at an agency.</summary>
public enum Role
{
    /// <summary>Police intake officer: registers and checks reports.</summary>
    PoliceIntakeOfficer,

    /// <summary>Police investigator: traces money, drafts production orders, hears suspects.</summary>
    PoliceInvestigator,

    /// <summary>Police team lead: triage, SLA monitoring, rebalancing.</summary>
    PoliceTeamLead,

    /// <summary>Bank fraud-desk officer: answers production orders and signals addressed to their bank.</summary>
    BankFraudOfficer,

    /// <summary>Bank fraud-desk team lead.</summary>
    BankTeamLead,

    /// <summary>Public prosecutor (officier van justitie).</summary>
    Prosecutor,

    /// <summary>Prosecution clerk (parketsecretaris).</summary>
    ProsecutionClerk,

    /// <summary>Halt officer.</summary>
    HaltOfficer,

    /// <summary>Administrator: manages workflow definitions and users, reads no case content by this role.</summary>
    Administrator,

    /// <summary>Auditor: reads the audit trail, not case content.</summary>
    Auditor,
}

/// <summary>Which roles belong to which kind of agency.</summary>
public static class RoleRules
{
    /// <summary>True when a person of <paramref name="kind"/> may hold <paramref name="role"/>.</summary>
    public static bool Fits(Role role, AgencyKind kind) => role switch
    {
        Role.PoliceIntakeOfficer or Role.PoliceInvestigator or Role.PoliceTeamLead => kind == AgencyKind.Police,
        Role.BankFraudOfficer or Role.BankTeamLead => kind == AgencyKind.Bank,
        Role.Prosecutor or Role.ProsecutionClerk => kind == AgencyKind.ProsecutionService,
        Role.HaltOfficer => kind == AgencyKind.Halt,
        Role.Administrator or Role.Auditor => true,
        _ => false,
    };
}
