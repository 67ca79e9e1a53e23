namespace Coordination.E2E.Tests.Infrastructure;

/// <summary>Sign-in names of users the demo seeder creates in Development: <c>&lt;role&gt;.&lt;agency code&gt;@demo.local</c>.</summary>
public static class DemoUsers
{
    public const string PoliceIntakeOfficer = "policeintakeofficer.pol-on-cyber@demo.local";
    public const string PoliceInvestigator = "policeinvestigator.pol-on-cyber@demo.local";
    public const string PoliceTeamLead = "policeteamlead.pol-on-cyber@demo.local";
    public const string Prosecutor = "prosecutor.om-arr-rdam@demo.local";
    public const string BankFraudOfficerNoordzee = "bankfraudofficer.bank-noordzee@demo.local";
    public const string BankFraudOfficerPolder = "bankfraudofficer.bank-polder@demo.local";
    public const string BankFraudOfficerTulp = "bankfraudofficer.bank-tulp@demo.local";
    public const string HaltOfficer = "haltofficer.halt-nl@demo.local";
    public const string Auditor = "auditor.om-arr-rdam@demo.local";
    public const string Administrator = "administrator.pol-on-cyber@demo.local";

    /// <summary>The team lead of the second police unit (Rotterdam), whose queues no case-flow test touches.</summary>
    public const string PoliceTeamLeadRotterdam = "policeteamlead.pol-rt-digi@demo.local";

    /// <summary>The intake officer of the second police unit (Rotterdam).</summary>
    public const string PoliceIntakeOfficerRotterdam = "policeintakeofficer.pol-rt-digi@demo.local";
}
