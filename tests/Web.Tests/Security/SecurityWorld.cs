using Coordination.Domain.Accounts;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Dispositions;
using Coordination.Domain.Parties;
using Coordination.Domain.Reports;
using Coordination.Domain.WorkItems;
using Coordination.Web.Security;
using Coordination.Web.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;
using Xunit;

namespace Coordination.Web.Tests.Security;

/// <summary>
/// Two police units, two OM offices, two banks and Halt. Case A belongs to unit A, is submitted to OM 1 and has tasks
/// at every kind of agency; case B belongs to unit B and nobody else. One user per role where it matters.
/// </summary>
public sealed class SecurityWorld
{
    private SecurityWorld()
    {
    }

    public Agency PoliceA { get; } = Agency.Create("POL-A", "Politie A", AgencyKind.Police);
    public Agency PoliceB { get; } = Agency.Create("POL-B", "Politie B", AgencyKind.Police);
    public Agency Om1 { get; } = Agency.Create("OM-1", "OM 1", AgencyKind.ProsecutionService);
    public Agency Om2 { get; } = Agency.Create("OM-2", "OM 2", AgencyKind.ProsecutionService);
    public Agency BankX { get; } = Agency.CreateBank("BANK-X", "Bank X", "XBNK");
    public Agency BankY { get; } = Agency.CreateBank("BANK-Y", "Bank Y", "YBNK");
    public Agency Halt { get; } = Agency.Create("HALT", "Halt", AgencyKind.Halt);

    public FraudCase CaseA { get; private set; } = null!;
    public FraudCase CaseB { get; private set; } = null!;
    public Party VictimA { get; private set; } = null!;
    public Party MinorA { get; private set; } = null!;
    public Party VictimB { get; private set; } = null!;
    public WorkItem PoliceTaskA { get; private set; } = null!;
    public WorkItem BankXTask { get; private set; } = null!;
    public WorkItem BankYTask { get; private set; } = null!;
    public WorkItem OmTask { get; private set; } = null!;
    public WorkItem HaltTask { get; private set; } = null!;
    public WorkItem PoliceTaskB { get; private set; } = null!;

    public IReadOnlyDictionary<string, CurrentUser> Users { get; private set; } = null!;

    public static async Task<SecurityWorld> CreateAsync(AppHost host, FakeTimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(clock);
        var w = new SecurityWorld();
        var reportA = Report.Submit(ReportChannel.OnlinePoliceReport, FraudType.FriendInNeed, "Anna Vos", null, "Vriend-in-nood via WhatsApp.", Money.Eur(900m), new DateOnly(2026, 2, 20), clock.GetUtcNow().AddDays(-5), clock);
        var x = Iban.FromBban("NL", "XBNK0000000001");
        var y = Iban.FromBban("NL", "YBNK0000000002");
        reportA.AddIban(x);
        w.CaseA = FraudCase.Register(CaseNumber.Create(2026, 1), reportA, w.PoliceA.Id, clock);
        w.CaseA.RecordTransfer(new Transfer(TransferKind.VictimPayment, Iban.Parse("NL91ABNA0417164300"), x, Money.Eur(900m), clock.GetUtcNow().AddDays(-6)));
        w.CaseA.RecordTransfer(new Transfer(TransferKind.Onward, x, y, Money.Eur(850m), clock.GetUtcNow().AddDays(-6)));
        w.CaseA.MoveTo(CasePhase.Triage, clock);
        w.CaseA.MoveTo(CasePhase.Investigation, clock);
        w.CaseA.SubmitToProsecution(w.Om1, clock);
        var reportB = Report.Submit(ReportChannel.PoliceStation, FraudType.PurchaseSale, "Bert Bos", null, "Fiets niet geleverd.", Money.Eur(120m), new DateOnly(2026, 2, 21), clock.GetUtcNow().AddDays(-4), clock);
        w.CaseB = FraudCase.Register(CaseNumber.Create(2026, 2), reportB, w.PoliceB.Id, clock);

        w.VictimA = Party.Victim(w.CaseA.Id, "Anna Vos", new DateOnly(1950, 1, 1), isVulnerable: true, clock);
        w.MinorA = Party.Suspect(w.CaseA.Id, PartyRole.MoneyMule, "Kees Minderjarig", new DateOnly(2010, 5, 5), new DateOnly(2026, 2, 20), clock);
        var adult = Party.Suspect(w.CaseA.Id, PartyRole.Recruiter, "Rob Ronselaar", new DateOnly(1990, 5, 5), new DateOnly(2026, 2, 20), clock);
        w.VictimB = Party.Victim(w.CaseB.Id, "Bert Bos", null, isVulnerable: false, clock);
        var halt = Disposition.HaltReferral(w.MinorA, 10, "ovj@om1.test", clock);
        var penalty = Disposition.PenaltyOrder(adult, 60, null, null, "ovj@om1.test", clock);

        var due = clock.GetUtcNow().AddDays(5);
        w.PoliceTaskA = WorkItem.Create(w.CaseA.Id, "Vordering opstellen", w.PoliceA.Id, Role.PoliceInvestigator, due, clock);
        w.BankXTask = WorkItem.Create(w.CaseA.Id, "Vordering 126nd beantwoorden (X)", w.BankX.Id, Role.BankFraudOfficer, due, clock);
        w.BankYTask = WorkItem.Create(w.CaseA.Id, "Vordering 126nd beantwoorden (Y)", w.BankY.Id, Role.BankFraudOfficer, due, clock);
        w.OmTask = WorkItem.Create(w.CaseA.Id, "Afdoeningsbeslissing", w.Om1.Id, Role.Prosecutor, due, clock);
        w.HaltTask = WorkItem.Create(w.CaseA.Id, "Halt-afdoening", w.Halt.Id, Role.HaltOfficer, due, clock);
        w.PoliceTaskB = WorkItem.Create(w.CaseB.Id, "Aangifte beoordelen", w.PoliceB.Id, Role.PoliceInvestigator, due, clock);

        var directory = BankDirectory.From([w.BankX, w.BankY]);
        await using (var db = await host.DbAsync())
        {
            db.Agencies.AddRange(w.PoliceA, w.PoliceB, w.Om1, w.Om2, w.BankX, w.BankY, w.Halt);
            db.AddRange(reportA, reportB, w.CaseA, w.CaseB, w.VictimA, w.MinorA, adult, w.VictimB, halt, penalty);
            db.AddRange(w.PoliceTaskA, w.BankXTask, w.BankYTask, w.OmTask, w.HaltTask, w.PoliceTaskB);
            db.AddRange(BankAccount.Register(x, directory, clock), BankAccount.Register(y, directory, clock));
            await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        }

        w.Users = new Dictionary<string, CurrentUser>
        {
            ["intakeA"] = AppHost.User("intake@pol-a.test", w.PoliceA, Role.PoliceIntakeOfficer),
            ["investigatorA"] = AppHost.User("investigator@pol-a.test", w.PoliceA, Role.PoliceInvestigator),
            ["leadA"] = AppHost.User("lead@pol-a.test", w.PoliceA, Role.PoliceTeamLead),
            ["investigatorB"] = AppHost.User("investigator@pol-b.test", w.PoliceB, Role.PoliceInvestigator),
            ["bankXOfficer"] = AppHost.User("officer@bank-x.test", w.BankX, Role.BankFraudOfficer),
            ["bankXLead"] = AppHost.User("lead@bank-x.test", w.BankX, Role.BankTeamLead),
            ["bankYOfficer"] = AppHost.User("officer@bank-y.test", w.BankY, Role.BankFraudOfficer),
            ["prosecutor1"] = AppHost.User("ovj@om-1.test", w.Om1, Role.Prosecutor),
            ["clerk1"] = AppHost.User("clerk@om-1.test", w.Om1, Role.ProsecutionClerk),
            ["prosecutor2"] = AppHost.User("ovj@om-2.test", w.Om2, Role.Prosecutor),
            ["haltOfficer"] = AppHost.User("officer@halt.test", w.Halt, Role.HaltOfficer),
            ["adminA"] = AppHost.User("admin@pol-a.test", w.PoliceA, Role.Administrator),
            ["auditor"] = AppHost.User("auditor@om-1.test", w.Om1, Role.Auditor),
        };
        return w;
    }
}
