using Bogus;
using Coordination.Domain.Accounts;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Dispositions;
using Coordination.Domain.Parties;
using Coordination.Domain.Reports;
using Coordination.Domain.WorkItems;

namespace Coordination.Web.Persistence.Seeding;

/// <summary>Builds one demo case up to a given phase, replaying its history at plausible past moments.</summary>
internal sealed class CaseBuilder(
    Faker faker, WorkingDayCalendar calendar, BankDirectory directory, Dictionary<Iban, BankAccount> accounts, DemoData data, DateTimeOffset now)
{
    private static readonly (FraudType Type, string Story)[] _stories =
    [
        (FraudType.PurchaseSale, "Betaald voor een tweedehands {0} via een advertentie; de verkoper levert niet en reageert niet meer."),
        (FraudType.BankHelpdesk, "Gebeld door een 'medewerker van de bank' die vroeg het saldo over te maken naar een kluisrekening."),
        (FraudType.Phishing, "Sms over een verlopen betaalpas; na inloggen op de link is er geld van de rekening afgeschreven."),
        (FraudType.FriendInNeed, "WhatsApp-bericht van 'dochter met een nieuw nummer' die dringend een rekening moest betalen."),
        (FraudType.Romance, "Contact via een datingsite; na maanden om geld gevraagd voor een ziekenhuisrekening in het buitenland."),
        (FraudType.Investment, "Belegd via een platform dat hoge rendementen beloofde; opnemen bleek onmogelijk."),
    ];

    private static readonly string[] _goods = ["fiets", "telefoon", "spelcomputer", "camera", "laptop", "babywagen"];

    public required Agency Unit { get; init; }
    public required Agency Om { get; init; }
    public required Agency Halt { get; init; }
    public required Agency[] Banks { get; init; }

    public void Build(CaseNumber number, CasePhase target, int index)
    {
        var (type, story) = faker.PickRandom(_stories);
        var reportedAt = now.AddDays(-faker.Random.Int(3, 160)).AddMinutes(-faker.Random.Int(0, 600));
        var incident = DateOnly.FromDateTime(reportedAt.UtcDateTime.AddDays(-faker.Random.Int(0, 10)));
        var damage = Money.Eur(type is FraudType.Romance or FraudType.Investment
            ? faker.Random.Int(2_000, 40_000)
            : decimal.Round(faker.Random.Decimal(25m, 3_500m), 2));

        if (target is not (CasePhase.Closed or CasePhase.Parked))
        {
            PlanLiveCase(target, type, story, damage, index);
            return;
        }

        var report = Report.Submit(
            faker.PickRandom<ReportChannel>(), type, faker.Name.FullName(), faker.Internet.Email(), string.Format(System.Globalization.CultureInfo.InvariantCulture, story, faker.PickRandom(_goods)),
            damage, incident, reportedAt, new FixedClock(reportedAt));
        var mule1 = DutchIban(faker.PickRandom(Banks));
        report.AddIban(mule1);
        if (faker.Random.Bool(0.5f))
        {
            report.AddPhoneNumber("06" + faker.Random.ReplaceNumbers("########"));
        }

        if (type == FraudType.PurchaseSale)
        {
            report.AddUrl($"https://www.marktplaats.nl/v/{faker.Random.Number(100_000_000, 999_999_999)}");
        }

        var victimIban = DutchIban(faker.PickRandom(Banks));
        report.SetVictimIban(victimIban);
        data.Reports.Add(report);

        var fraudCase = FraudCase.Register(number, report, Unit.Id, new FixedClock(reportedAt));
        data.Cases.Add(fraudCase);
        data.Parties.Add(Party.Victim(fraudCase.Id, report.ReporterName, DateOnly.FromDateTime(faker.Date.Past(60, now.UtcDateTime.AddYears(-20))), faker.Random.Bool(0.15f), new FixedClock(reportedAt)));
        Account(mule1, reportedAt);
        fraudCase.RecordTransfer(new Transfer(TransferKind.VictimPayment, victimIban, mule1, damage, reportedAt.AddDays(-1)));

        var at = reportedAt;
        if (target == CasePhase.Registered)
        {
            Task(fraudCase, "Civiel of strafbaar? Beoordeel de aangifte", Unit, Role.PoliceIntakeOfficer, at, 5);
            return;
        }

        if (target == CasePhase.Closed && index % 4 == 2)
        {
            fraudCase.Close(CaseEndState.ClosedCivil, Step(ref at, 2));
            return;
        }

        fraudCase.MoveTo(CasePhase.Triage, Step(ref at, 2));
        if (target == CasePhase.Triage)
        {
            Task(fraudCase, "Triage: onderzoeken, parkeren of afsluiten", Unit, Role.PoliceTeamLead, at, 5);
            return;
        }

        if (target == CasePhase.Parked)
        {
            fraudCase.MoveTo(CasePhase.Parked, Step(ref at, 3));
            return;
        }

        fraudCase.MoveTo(CasePhase.Investigation, Step(ref at, 3));
        var mule2 = DutchIban(faker.PickRandom(Banks));
        Account(mule2, at).Identify(faker.Name.FullName(), DateOnly.FromDateTime(faker.Date.Past(8, now.UtcDateTime.AddYears(-16))), new FixedClock(at));
        accounts[mule1].Identify(faker.Name.FullName(), null, new FixedClock(at));
        data.TracedAccounts.Add(TracedAccount.Record(fraudCase.Id, mule1, new FixedClock(at)));
        data.TracedAccounts.Add(TracedAccount.Record(fraudCase.Id, mule2, new FixedClock(at)));
        var onward = Money.Eur(decimal.Round(damage.Amount * 0.9m, 2));
        fraudCase.RecordTransfer(new Transfer(TransferKind.Onward, mule1, mule2, onward, reportedAt));
        fraudCase.RecordCashOut(new CashOut(mule2, onward, reportedAt.AddHours(3), CashOutMethod.AtmWithdrawal));
        var bank = Banks.First(b => b.Id == directory.BankOf(mule2));
        if (target == CasePhase.Investigation)
        {
            Task(fraudCase, $"Beantwoord vordering 126nd Sv voor {mule2.ToPrintString()}", bank, Role.BankFraudOfficer, at, 5);
            return;
        }

        var offence = fraudCase.OffenceDate!.Value;
        var youth = index % 5 == 0;
        var born = youth
            ? offence.AddYears(-faker.Random.Int(14, 17)).AddDays(-faker.Random.Int(1, 300))
            : offence.AddYears(-faker.Random.Int(19, 45)).AddDays(-faker.Random.Int(1, 300));
        var suspect = Party.Suspect(fraudCase.Id, PartyRole.MoneyMule, faker.Name.FullName(), born, offence, new FixedClock(at));
        data.Parties.Add(suspect);
        fraudCase.SubmitToProsecution(Om, Step(ref at, 10));
        if (target == CasePhase.Prosecution)
        {
            Task(fraudCase, "Afdoeningsbeslissing", Om, Role.Prosecutor, at, 20);
            return;
        }

        var decided = Step(ref at, 5);
        var disposition = youth
            ? Disposition.HaltReferral(suspect, faker.Random.Int(4, 20), "prosecutor.om-arr-rdam@demo.local", decided)
            : Disposition.PenaltyOrder(suspect, faker.Random.Int(20, 80), null, Money.Eur(decimal.Round(damage.Amount / 2, 2)), "prosecutor.om-arr-rdam@demo.local", decided);
        data.Dispositions.Add(disposition);
        fraudCase.MoveTo(CasePhase.Execution, decided);
        if (target == CasePhase.Execution)
        {
            Task(fraudCase, youth ? "Halt-afdoening uitvoeren" : "Verzettermijn bewaken", youth ? Halt : Om, youth ? Role.HaltOfficer : Role.ProsecutionClerk, at, 10);
            return;
        }

        if (youth)
        {
            disposition.RecordReferralOutcome(completed: true, Step(ref at, 30));
            fraudCase.Close(CaseEndState.HaltCompleted, Step(ref at, 1));
        }
        else
        {
            at = at.AddDays(Disposition.ObjectionWindowDays + 1);
            disposition.MakeFinal(new FixedClock(at));
            fraudCase.Close(CaseEndState.PenaltyOrderFinal, Step(ref at, 1));
        }
    }

    // An open case is not built by hand: DemoCaseRunner registers its report and works it through the real workflows
    // (a workflow, form and outcomes behind every open task), starting a few days back so its tasks have SLA states.
    private void PlanLiveCase(CasePhase target, FraudType type, string story, Money damage, int index)
    {
        var youth = index % 5 == 0;
        var startedAt = now.AddDays(-faker.Random.Double(0.2, 12));
        var incident = DateOnly.FromDateTime(startedAt.UtcDateTime.AddDays(-faker.Random.Int(0, 10)));
        var offenceAge = youth ? faker.Random.Int(14, 17) : faker.Random.Int(19, 45);
        data.LiveCases.Add(new LiveDemoCase(
            target,
            Unit,
            faker.PickRandom<ReportChannel>(),
            type,
            faker.Name.FullName(),
            faker.Internet.Email(),
            string.Format(System.Globalization.CultureInfo.InvariantCulture, story, faker.PickRandom(_goods)),
            damage.Amount,
            incident,
            DutchIban(faker.PickRandom(Banks)),
            DutchIban(faker.PickRandom(Banks)),
            faker.Random.Bool(0.5f) ? "06" + faker.Random.ReplaceNumbers("########") : null,
            type == FraudType.PurchaseSale ? $"https://www.marktplaats.nl/v/{faker.Random.Number(100_000_000, 999_999_999)}" : null,
            faker.Name.FullName(),
            incident.AddYears(-offenceAge).AddDays(-faker.Random.Int(1, 300)),
            youth,
            startedAt,
            faker.Random.Int(2, 30)));
    }

    // Moves the replay clock forward by up to `maxDays` (never past now) and returns a clock stopped there.
    private FixedClock Step(ref DateTimeOffset at, int maxDays)
    {
        var next = at.AddHours(faker.Random.Int(2, Math.Max(3, maxDays * 24)));
        at = next < now ? next : now;
        return new FixedClock(at);
    }

    private void Task(FraudCase fraudCase, string title, Agency agency, Role role, DateTimeOffset createdAt, int slaWorkingDays) =>
        data.WorkItems.Add(WorkItem.Create(fraudCase.Id, title, agency.Id, role, calendar.AddWorkingDays(createdAt, slaWorkingDays), new FixedClock(createdAt)));

    private BankAccount Account(Iban iban, DateTimeOffset at)
    {
        if (!accounts.TryGetValue(iban, out var account))
        {
            account = BankAccount.Register(iban, directory, new FixedClock(at));
            accounts[iban] = account;
        }

        return account;
    }

    private Iban DutchIban(Agency bank) => Iban.FromBban("NL", bank.BankCode + faker.Random.ReplaceNumbers("##########"));
}
