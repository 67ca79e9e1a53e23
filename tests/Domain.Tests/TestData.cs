using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Parties;
using Coordination.Domain.Reports;
using Microsoft.Extensions.Time.Testing;
using Shouldly;

namespace Coordination.Domain.Tests;

/// <summary>Small builders shared by the domain tests, so each test spells out only what it is about.</summary>
internal static class TestData
{
    /// <summary>Monday 2 March 2026, 10:00 UTC: the moment every test clock starts at.</summary>
    public static readonly DateTimeOffset Now = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    public static readonly DateOnly Today = DateOnly.FromDateTime(Now.UtcDateTime);

    public static FakeTimeProvider Clock() => new(Now);

    /// <summary>A date written as yyyy-MM-dd, for readable theory data.</summary>
    public static DateOnly Date(string text) => DateOnly.ParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A valid Dutch IBAN at the given bank, different for every <paramref name="account"/>.</summary>
    public static Iban Nl(long account, string bankCode = "ABNA") =>
        Iban.FromBban("NL", bankCode + account.ToString("0000000000", System.Globalization.CultureInfo.InvariantCulture));

    public static Report NewReport(
        TimeProvider clock, decimal damage = 100m, DateOnly? incidentDate = null, string description = "Paid for a bike that never came.") =>
        Report.Submit(
            ReportChannel.OnlinePoliceReport,
            FraudType.PurchaseSale,
            "Vera Victim",
            "vera@example.nl",
            description,
            Money.Eur(damage),
            incidentDate ?? Today.AddDays(-3),
            clock.GetUtcNow(),
            clock);

    public static FraudCase NewCase(TimeProvider clock, Report? firstReport = null, int sequence = 1) =>
        FraudCase.Register(CaseNumber.Create(2026, sequence), firstReport ?? NewReport(clock), AgencyId.From(Guid.NewGuid()), clock);

    /// <summary>A money mule whose birthday falls on the offence date, so the age at the offence is exactly <paramref name="age"/>.</summary>
    public static Party SuspectAged(int age, TimeProvider clock, DateOnly? offenceDate = null)
    {
        var offence = offenceDate ?? Today.AddDays(-30);
        return Party.Suspect(CaseId.From(Guid.NewGuid()), PartyRole.MoneyMule, "Sam Mule", offence.AddYears(-age), offence, clock);
    }

    /// <summary>Runs <paramref name="action"/>, expects a <see cref="DomainException"/> with <paramref name="code"/> and returns it.</summary>
    public static DomainException ShouldFailWith(Action action, string code)
    {
        var exception = Should.Throw<DomainException>(action);
        exception.Code.ShouldBe(code);
        exception.Message.ShouldNotBeNullOrWhiteSpace();
        return exception;
    }
}
