using Bogus;
using Coordination.Domain.Accounts;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Dispositions;
using Coordination.Domain.Parties;
using Coordination.Domain.Reports;
using Coordination.Domain.WorkItems;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Persistence.Seeding;

/// <summary>
/// The demo: agencies, one user per role and agency, and about fifty cases spread over every phase. Generated from a
/// fixed seed, so two fresh databases seeded at the same moment hold the same data. Every object is made through the
/// domain's own methods, at the moment it would really have happened, so the demo obeys the same rules as real data.
/// </summary>
internal static class DemoDataSeeder
{
    public const int Seed = 20_260_101;
    public const int CaseCount = 50;

    /// <summary>Seeds an empty database; returns the open cases still to be worked through the workflows, or null
    /// when the database was not empty.</summary>
    public static async Task<IReadOnlyList<LiveDemoCase>?> SeedIfEmptyAsync(SystemDbContexts contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Agencies.AnyAsync(cancellationToken))
        {
            return null;
        }

        var data = Generate(clock.GetUtcNow());
        db.Agencies.AddRange(data.Agencies);
        db.Users.AddRange(data.Users);
        db.Reports.AddRange(data.Reports);
        db.Cases.AddRange(data.Cases);
        db.Parties.AddRange(data.Parties);
        db.BankAccounts.AddRange(data.Accounts);
        db.WorkItems.AddRange(data.WorkItems);
        db.Dispositions.AddRange(data.Dispositions);
        db.TracedAccounts.AddRange(data.TracedAccounts);
        await db.SaveChangesAsync(cancellationToken);
        return data.LiveCases;
    }

    public static DemoData Generate(DateTimeOffset now)
    {
        var data = new DemoData();
        var calendar = new WorkingDayCalendar();
        var faker = new Faker("nl") { Random = new Randomizer(Seed) };

        var policeEast = Agency.Create("POL-ON-CYBER", "Politie Oost-Nederland – Team Cybercrime", AgencyKind.Police);
        var policeRotterdam = Agency.Create("POL-RT-DIGI", "Politie Rotterdam – Team Digitale Criminaliteit", AgencyKind.Police);
        var om = Agency.Create("OM-ARR-RDAM", "OM Arrondissementsparket Rotterdam", AgencyKind.ProsecutionService);
        var banks = new[]
        {
            Agency.CreateBank("BANK-NOORDZEE", "Noordzee Bank", "NZBK"),
            Agency.CreateBank("BANK-POLDER", "Polder Bank", "PLDR"),
            Agency.CreateBank("BANK-TULP", "Tulp Spaarbank", "TULP"),
        };
        var halt = Agency.Create("HALT-NL", "Halt Nederland", AgencyKind.Halt);
        data.Agencies.AddRange([policeEast, policeRotterdam, om, .. banks, halt]);
        var directory = BankDirectory.From(data.Agencies);

        foreach (var agency in data.Agencies)
        {
            foreach (var role in Enum.GetValues<Role>().Where(r => r is not (Role.Administrator or Role.Auditor) && RoleRules.Fits(r, agency.Kind)))
            {
                data.Users.Add(AgencyUser.Create(DemoUserName(role, agency), $"{faker.Name.FirstName()} {faker.Name.LastName()}", agency, role));
            }
        }

        data.Users.Add(AgencyUser.Create(DemoUserName(Role.Administrator, policeEast), $"{faker.Name.FirstName()} {faker.Name.LastName()}", policeEast, Role.Administrator));
        data.Users.Add(AgencyUser.Create(DemoUserName(Role.Auditor, om), $"{faker.Name.FirstName()} {faker.Name.LastName()}", om, Role.Auditor));

        var phases = new[]
        {
            CasePhase.Registered, CasePhase.Registered, CasePhase.Triage, CasePhase.Triage, CasePhase.Parked, CasePhase.Investigation,
            CasePhase.Investigation, CasePhase.Investigation, CasePhase.Prosecution, CasePhase.Execution, CasePhase.Closed, CasePhase.Closed,
        };
        var accounts = new Dictionary<Iban, BankAccount>();
        for (var i = 0; i < CaseCount; i++)
        {
            var caseBuilder = new CaseBuilder(faker, calendar, directory, accounts, data, now)
            {
                Unit = i % 3 == 0 ? policeRotterdam : policeEast,
                Om = om,
                Halt = halt,
                Banks = banks,
            };
            caseBuilder.Build(CaseNumber.Create(now.Year, i + 1), phases[i % phases.Length], i);
        }

        data.Accounts.AddRange(accounts.Values);
        return data;
    }

    /// <summary>The sign-in name of a demo user: role and agency code, e.g. <c>policeintakeofficer.pol-on-cyber@demo.local</c>.</summary>
    public static string DemoUserName(Role role, Agency agency) =>
        $"{role.ToString().ToLowerInvariant()}.{agency.Code.ToLowerInvariant()}@demo.local";
}

/// <summary>Everything the seeder creates.</summary>
internal sealed class DemoData
{
    public List<Agency> Agencies { get; } = [];
    public List<AgencyUser> Users { get; } = [];
    public List<Report> Reports { get; } = [];
    public List<FraudCase> Cases { get; } = [];
    public List<Party> Parties { get; } = [];
    public List<BankAccount> Accounts { get; } = [];
    public List<WorkItem> WorkItems { get; } = [];
    public List<Disposition> Dispositions { get; } = [];
    public List<TracedAccount> TracedAccounts { get; } = [];

    /// <summary>Open cases to be worked through the workflows once they are loaded (<see cref="DemoCaseRunner"/>).</summary>
    public List<LiveDemoCase> LiveCases { get; } = [];
}

/// <summary>An open demo case: its report, the people and accounts in it, how far to work it and from when.</summary>
/// <param name="Target">The phase it should stand in.</param>
/// <param name="Unit">The police unit that registers it.</param>
/// <param name="Channel">How the report came in.</param>
/// <param name="FraudType">Modus operandi.</param>
/// <param name="ReporterName">The victim.</param>
/// <param name="ReporterEmail">The victim's e-mail address.</param>
/// <param name="Description">What happened.</param>
/// <param name="Damage">The damage in euros.</param>
/// <param name="IncidentDate">When it happened.</param>
/// <param name="VictimIban">The victim's account.</param>
/// <param name="MuleIban">The account the victim paid into.</param>
/// <param name="Phone">A phone number of the fraudster, if any.</param>
/// <param name="Url">An advert, if any.</param>
/// <param name="SuspectName">The holder of the mule account, later the suspect.</param>
/// <param name="SuspectBorn">The suspect's date of birth.</param>
/// <param name="Youth">The suspect was a minor at the offence (Halt instead of a penalty order).</param>
/// <param name="StartedAt">When the report was registered.</param>
/// <param name="HoursBetweenSteps">How long each next step took.</param>
internal sealed record LiveDemoCase(
    CasePhase Target, Agency Unit, ReportChannel Channel, FraudType FraudType, string ReporterName, string ReporterEmail, string Description,
    decimal Damage, DateOnly IncidentDate, Iban VictimIban, Iban MuleIban, string? Phone, string? Url, string SuspectName, DateOnly SuspectBorn,
    bool Youth, DateTimeOffset StartedAt, int HoursBetweenSteps);

/// <summary>A clock stopped at one moment: the seeder acts "at" the time each event would have happened.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
