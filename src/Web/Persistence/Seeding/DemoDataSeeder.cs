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

    public static async Task<bool> SeedIfEmptyAsync(SystemDbContexts contexts, TimeProvider clock, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (await db.Agencies.AnyAsync(cancellationToken))
        {
            return false;
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
        await db.SaveChangesAsync(cancellationToken);
        return true;
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
}

/// <summary>A clock stopped at one moment: the seeder acts "at" the time each event would have happened.</summary>
internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}
