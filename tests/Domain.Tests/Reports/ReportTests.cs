using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Reports;
using Shouldly;
using Xunit;
using static Coordination.Domain.Tests.TestData;

namespace Coordination.Domain.Tests.Reports;

public sealed class ReportTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock();

    [Fact]
    public void Submit_ValidInput_RecordsTheReport()
    {
        var reportedAt = new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.FromHours(1));

        var report = Submit(reporterName: "  Vera Victim ", reporterEmail: " vera@example.nl ", reportedAt: reportedAt, damage: 249.95m);

        report.Channel.ShouldBe(ReportChannel.FraudHelpdeskReferral);
        report.FraudType.ShouldBe(FraudType.Phishing);
        report.ReporterName.ShouldBe("Vera Victim");
        report.ReporterEmail.ShouldBe("vera@example.nl");
        report.Damage.ShouldBe(Money.Eur(249.95m));
        report.IncidentDate.ShouldBe(new DateOnly(2026, 2, 27));
        report.ReportedAt.ShouldBe(reportedAt);
        report.ReportedAt.Offset.ShouldBe(TimeSpan.Zero);
        report.CaseId.ShouldBeNull();
        report.Identifiers.ShouldBeEmpty();
    }

    [Fact]
    public void Submit_ReportDateAfterClock_ThrowsDateFuture()
    {
        var exception = ShouldFailWith(() => Submit(reportedAt: Now.AddHours(1)), "report.date-future");

        exception.Message.ShouldBe("The report date 2026-03-02 11:00 is in the future.");
    }

    [Fact]
    public void Submit_ReportDateTomorrow_ThrowsDateFuture()
    {
        ShouldFailWith(() => Submit(reportedAt: Now.AddDays(1), incidentDate: Today), "report.date-future");
    }

    [Fact]
    public void Submit_ReportDateAFewMinutesAheadOfClock_IsAcceptedAsClockSkew()
    {
        Submit(reportedAt: Now.AddMinutes(4)).ReportedAt.ShouldBe(Now.AddMinutes(4));
    }

    [Fact]
    public void Submit_IncidentDateAfterReportDate_ThrowsIncidentAfterReport()
    {
        var exception = ShouldFailWith(
            () => Submit(incidentDate: new DateOnly(2026, 3, 4), reportedAt: Now), "report.incident-after-report");

        exception.Message.ShouldBe("The incident date 2026-03-04 is after the report date 2026-03-02.");
    }

    [Fact]
    public void Submit_IncidentOnReportDate_IsAccepted()
    {
        Submit(incidentDate: Today, reportedAt: Now).IncidentDate.ShouldBe(Today);
    }

    [Fact]
    public void Submit_ReportJustAfterLocalMidnightAboutThatDay_IsAccepted()
    {
        // 00:30 in Amsterdam on 2 March is still 1 March in UTC; an incident "today" for the reporter is not in the future.
        var reportedAt = new DateTimeOffset(2026, 3, 2, 0, 30, 0, TimeSpan.FromHours(1));

        Submit(incidentDate: new DateOnly(2026, 3, 2), reportedAt: reportedAt).IncidentDate.ShouldBe(new DateOnly(2026, 3, 2));
    }

    [Theory]
    [InlineData("no-at-sign.example.nl")]
    [InlineData("vera@localhost")]
    [InlineData("vera@@example.nl")]
    [InlineData("ve ra@example.nl")]
    [InlineData("@example.nl")]
    public void Submit_InvalidEmail_ThrowsEmailNamingIt(string email)
    {
        var exception = ShouldFailWith(() => Submit(reporterEmail: email), "report.email");

        exception.Message.ShouldBe($"'{email}' is not an e-mail address.");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Submit_NoEmail_StoresNull(string? email)
    {
        Submit(reporterEmail: email).ReporterEmail.ShouldBeNull();
    }

    [Fact]
    public void Submit_EmailTooLong_ThrowsTooLong()
    {
        var email = new string('a', Report.EmailMaxLength) + "@example.nl";

        var exception = ShouldFailWith(() => Submit(reporterEmail: email), "field.too-long");

        exception.Message.ShouldContain("E-mail may be at most 254 characters");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Submit_NoReporterName_ThrowsRequired(string? name)
    {
        var exception = ShouldFailWith(() => Submit(reporterName: name!), "field.required");

        exception.Message.ShouldBe("Reporter name is required.");
    }

    [Fact]
    public void Submit_DescriptionTooLong_ThrowsTooLong()
    {
        var exception = ShouldFailWith(
            () => Submit(description: new string('x', Report.DescriptionMaxLength + 1)), "field.too-long");

        exception.Message.ShouldContain("Description may be at most 4000 characters (it has 4001)");
    }

    [Fact]
    public void Submit_UnknownChannel_ThrowsUnknownValue()
    {
        var exception = ShouldFailWith(() => Submit(channel: (ReportChannel)42), "field.unknown-value");

        exception.Message.ShouldContain("Channel");
    }

    [Theory]
    [InlineData("06 12345678", "+31612345678")]
    [InlineData("06-12345678", "+31612345678")]
    [InlineData("0612345678", "+31612345678")]
    [InlineData("0031 6 12345678", "+31612345678")]
    [InlineData("0031612345678", "+31612345678")]
    [InlineData("+31 6 1234 5678", "+31612345678")]
    [InlineData("+31 (0)6 12345678", "+31612345678")]
    [InlineData("+31 06 12345678", "+31612345678")]
    [InlineData("(020) 123 4567", "+31201234567")]
    [InlineData("0032 2 123 45 67", "+3221234567")]
    [InlineData("+44 (0)20 7946 0018", "+442079460018")]
    public void NormalizePhone_DutchOrInternationalNumber_ReturnsInternationalForm(string text, string expected)
    {
        Report.NormalizePhone(text).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("0612")]
    [InlineData("12345")]
    [InlineData("06-CALLME12")]
    [InlineData("+31+612345678")]
    [InlineData("+3161234567890123456")]
    public void NormalizePhone_NotAPhoneNumber_ThrowsPhone(string? text)
    {
        var exception = ShouldFailWith(() => Report.NormalizePhone(text), "report.phone");

        exception.Message.ShouldContain($"'{text}' is not a phone number");
        exception.Message.ShouldContain("06 12345678");
    }

    [Theory]
    [InlineData("www.Example.nl/ad/", "https://www.example.nl/ad")]
    [InlineData("HTTP://WWW.EXAMPLE.NL/", "http://www.example.nl")]
    [InlineData("https://www.marktplaats.nl/v/Fietsen/123?ref=x", "https://www.marktplaats.nl/v/Fietsen/123?ref=x")]
    [InlineData("  https://shop.example.nl/ad#reviews ", "https://shop.example.nl/ad")]
    [InlineData("https://shop.example.nl:443/ad", "https://shop.example.nl/ad")]
    [InlineData("http://shop.example.nl:8080/ad", "http://shop.example.nl:8080/ad")]
    public void NormalizeUrl_WebAddress_ReturnsNormalizedForm(string text, string expected)
    {
        Report.NormalizeUrl(text).ShouldBe(expected);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("localhost")]
    [InlineData("ftp://files.example.nl/x")]
    [InlineData("mailto://vera@example")]
    [InlineData("not a web address")]
    public void NormalizeUrl_NotAWebAddress_ThrowsUrl(string? text)
    {
        var exception = ShouldFailWith(() => Report.NormalizeUrl(text), "report.url");

        exception.Message.ShouldBe($"'{text}' is not a web address.");
    }

    [Fact]
    public void NormalizeUrl_TooLong_ThrowsUrlLong()
    {
        var url = "https://example.nl/" + new string('a', ReportIdentifier.ValueMaxLength);

        var exception = ShouldFailWith(() => Report.NormalizeUrl(url), "report.url-long");

        exception.Message.ShouldContain("at most 400 characters");
    }

    [Fact]
    public void AddPhoneNumber_SameNumberWrittenDifferently_IsStoredOnce()
    {
        var report = Submit();

        report.AddPhoneNumber("06 12345678");
        report.AddPhoneNumber("+31 6 1234 5678");
        report.AddPhoneNumber("0031612345678");

        report.Identifiers.ShouldBe([new ReportIdentifier(IdentifierKind.PhoneNumber, "+31612345678")]);
    }

    [Fact]
    public void AddUrl_SameAddressWrittenDifferently_IsStoredOnce()
    {
        var report = Submit();

        report.AddUrl("www.Example.nl/ad/");
        report.AddUrl("https://WWW.EXAMPLE.NL/ad");

        report.Identifiers.ShouldBe([new ReportIdentifier(IdentifierKind.Url, "https://www.example.nl/ad")]);
    }

    [Fact]
    public void AddIban_SameIbanTwice_IsStoredOnceAndListedAsIban()
    {
        var report = Submit();

        report.AddIban(Iban.Parse("nl91 abna 0417 1643 00"));
        report.AddIban(Iban.Parse("NL91ABNA0417164300"));
        report.AddPhoneNumber("06 12345678");

        report.Identifiers.Count.ShouldBe(2);
        report.Ibans.ShouldBe([Iban.Parse("NL91ABNA0417164300")]);
    }

    [Fact]
    public void AddPhoneNumber_Invalid_ThrowsAndAddsNothing()
    {
        var report = Submit();

        ShouldFailWith(() => report.AddPhoneNumber("call me"), "report.phone");

        report.Identifiers.ShouldBeEmpty();
    }

    [Fact]
    public void SetVictimIban_Iban_IsRecorded()
    {
        var report = Submit();

        report.SetVictimIban(Iban.Parse("BE68539007547034"));

        report.VictimIban.ShouldBe(Iban.Parse("BE68539007547034"));
    }

    private Report Submit(
        ReportChannel channel = ReportChannel.FraudHelpdeskReferral,
        string reporterName = "Vera Victim",
        string? reporterEmail = "vera@example.nl",
        string description = "Paid for a bike that never came.",
        decimal damage = 100m,
        DateOnly? incidentDate = null,
        DateTimeOffset? reportedAt = null) =>
        Report.Submit(
            channel,
            FraudType.Phishing,
            reporterName,
            reporterEmail,
            description,
            Money.Eur(damage),
            incidentDate ?? new DateOnly(2026, 2, 27),
            reportedAt ?? Now,
            _clock);
}
