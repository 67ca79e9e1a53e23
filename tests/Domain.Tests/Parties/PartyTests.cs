using Coordination.Domain.Cases;
using Coordination.Domain.Parties;
using Shouldly;
using Xunit;
using static Coordination.Domain.Tests.TestData;

namespace Coordination.Domain.Tests.Parties;

public sealed class PartyTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock();
    private readonly CaseId _caseId = CaseId.From(Guid.NewGuid());

    [Fact]
    public void Suspect_BornAfterOffence_ThrowsBornAfterOffenceWithBothDates()
    {
        var exception = ShouldFailWith(
            () => Party.Suspect(_caseId, PartyRole.MoneyMule, "Sam Mule", new DateOnly(2026, 1, 2), new DateOnly(2026, 1, 1), _clock),
            "party.born-after-offence");

        exception.Message.ShouldBe("The date of birth 2026-01-02 is after the offence date 2026-01-01; check both dates.");
    }

    [Fact]
    public void Suspect_BornOnOffenceDate_IsAcceptedWithAgeZero()
    {
        var party = Party.Suspect(_caseId, PartyRole.Suspect, "Sam", new DateOnly(2026, 1, 1), new DateOnly(2026, 1, 1), _clock);

        party.AgeAtOffence.ShouldBe(0);
    }

    [Fact]
    public void Suspect_OffenceInFuture_ThrowsOffenceFuture()
    {
        var exception = ShouldFailWith(
            () => Party.Suspect(_caseId, PartyRole.MoneyMule, "Sam Mule", new DateOnly(2000, 1, 1), Today.AddDays(1), _clock),
            "party.offence-future");

        exception.Message.ShouldBe("The offence date 2026-03-03 is in the future.");
    }

    [Fact]
    public void Suspect_VictimRole_ThrowsSuspectRole()
    {
        var exception = ShouldFailWith(
            () => Party.Suspect(_caseId, PartyRole.Victim, "Vera", null, Today, _clock), "party.suspect-role");

        exception.Message.ShouldContain("suspect, money mule or recruiter");
    }

    [Theory]
    [InlineData(null)]
    [InlineData(" ")]
    public void Suspect_NoName_ThrowsRequired(string? name)
    {
        ShouldFailWith(() => Party.Suspect(_caseId, PartyRole.Suspect, name!, null, Today, _clock), "field.required")
            .Message.ShouldBe("Name is required.");
    }

    [Fact]
    public void Suspect_ValidInput_RecordsTheParty()
    {
        var party = Party.Suspect(_caseId, PartyRole.Recruiter, "  Rick Recruiter ", new DateOnly(2001, 5, 5), new DateOnly(2026, 2, 1), _clock);

        party.CaseId.ShouldBe(_caseId);
        party.Role.ShouldBe(PartyRole.Recruiter);
        party.FullName.ShouldBe("Rick Recruiter");
        party.DateOfBirth.ShouldBe(new DateOnly(2001, 5, 5));
        party.OffenceDate.ShouldBe(new DateOnly(2026, 2, 1));
        party.IsSuspect.ShouldBeTrue();
        party.IsVulnerable.ShouldBeFalse();
    }

    [Theory]
    [InlineData("2008-03-02", "2026-03-02", 18)] // 18th birthday
    [InlineData("2008-03-03", "2026-03-02", 17)] // the day before
    [InlineData("2008-12-31", "2026-01-01", 17)]
    [InlineData("2008-01-01", "2025-12-31", 17)]
    [InlineData("2008-02-29", "2026-02-27", 17)] // leap-day birthday, non-leap year
    [InlineData("2008-02-29", "2026-02-28", 18)] // counts on 28 February
    [InlineData("2008-02-29", "2026-03-01", 18)]
    [InlineData("2008-02-29", "2024-02-28", 15)] // leap year: not yet on the 28th
    [InlineData("2008-02-29", "2024-02-29", 16)]
    [InlineData("2007-03-01", "2026-02-28", 18)] // born 1 March, non-leap year: not on the 28th
    [InlineData("2007-03-01", "2025-03-01", 18)]
    public void AgeAtOffence_Dates_IsWholeYears(string born, string offence, int expected)
    {
        var party = Party.Suspect(_caseId, PartyRole.MoneyMule, "Sam", Date(born), Date(offence), _clock);

        party.AgeAtOffence.ShouldBe(expected);
    }

    [Theory]
    [InlineData(11, true)]
    [InlineData(12, true)]
    [InlineData(17, true)]
    [InlineData(18, false)]
    [InlineData(23, false)]
    public void IsMinorAtOffence_Age_IsUnder18(int age, bool expected)
    {
        var party = SuspectAged(age, _clock);

        party.AgeAtOffence.ShouldBe(age);
        party.IsMinorAtOffence.ShouldBe(expected);
    }

    [Fact]
    public void IsMinorAtOffence_OneDayBefore18thBirthday_IsTrue()
    {
        var party = Party.Suspect(_caseId, PartyRole.MoneyMule, "Sam", new DateOnly(2008, 2, 2), new DateOnly(2026, 2, 1), _clock);

        party.IsMinorAtOffence.ShouldBeTrue();
    }

    [Fact]
    public void AgeAtOffence_UnknownDateOfBirth_IsNullAndNotMinor()
    {
        var party = Party.Suspect(_caseId, PartyRole.MoneyMule, "Sam", null, Today, _clock);

        party.AgeAtOffence.ShouldBeNull();
        party.IsMinorAtOffence.ShouldBeFalse();
    }

    [Fact]
    public void Victim_ValidInput_IsNotASuspectAndHasNoOffence()
    {
        var party = Party.Victim(_caseId, "Vera Victim", new DateOnly(1950, 6, 1), isVulnerable: true, _clock);

        party.Role.ShouldBe(PartyRole.Victim);
        party.IsSuspect.ShouldBeFalse();
        party.IsVulnerable.ShouldBeTrue();
        party.OffenceDate.ShouldBeNull();
        party.AgeAtOffence.ShouldBeNull();
    }

    [Fact]
    public void Victim_BornInFuture_ThrowsBornInFuture()
    {
        var exception = ShouldFailWith(
            () => Party.Victim(_caseId, "Vera", Today.AddDays(1), isVulnerable: false, _clock), "party.born-in-future");

        exception.Message.ShouldBe("A date of birth (2026-03-03) cannot be in the future.");
    }

    [Theory]
    [InlineData(PartyRole.Victim, false)]
    [InlineData(PartyRole.Suspect, true)]
    [InlineData(PartyRole.MoneyMule, true)]
    [InlineData(PartyRole.Recruiter, true)]
    public void IsSuspect_Role_IsTrueForEveryRoleButVictim(PartyRole role, bool expected)
    {
        var party = role == PartyRole.Victim
            ? Party.Victim(_caseId, "Someone", null, isVulnerable: false, _clock)
            : Party.Suspect(_caseId, role, "Someone", null, Today, _clock);

        party.IsSuspect.ShouldBe(expected);
    }

    [Fact]
    public void Reclassify_SuspectAsMule_ChangesRole()
    {
        var party = Party.Suspect(_caseId, PartyRole.Suspect, "Sam", null, Today, _clock);

        party.Reclassify(PartyRole.MoneyMule);

        party.Role.ShouldBe(PartyRole.MoneyMule);
    }

    [Fact]
    public void Reclassify_SuspectAsVictim_ThrowsReclassify()
    {
        var party = Party.Suspect(_caseId, PartyRole.Suspect, "Sam", null, Today, _clock);

        ShouldFailWith(() => party.Reclassify(PartyRole.Victim), "party.reclassify");

        party.Role.ShouldBe(PartyRole.Suspect);
    }

    [Fact]
    public void Reclassify_Victim_ThrowsReclassify()
    {
        var party = Party.Victim(_caseId, "Vera", null, isVulnerable: false, _clock);

        var exception = ShouldFailWith(() => party.Reclassify(PartyRole.Recruiter), "party.reclassify");

        exception.Message.ShouldContain("Only a suspect can be reclassified");
        party.Role.ShouldBe(PartyRole.Victim);
    }

    [Theory]
    [InlineData("2000-01-01", "2000-01-01", 0)]
    [InlineData("2000-01-01", "2000-12-31", 0)]
    [InlineData("2000-01-01", "2001-01-01", 1)]
    [InlineData("1996-02-29", "2000-02-28", 3)]
    [InlineData("1996-02-29", "2000-02-29", 4)]
    public void AgeOn_Dates_IsWholeYears(string born, string on, int expected)
    {
        Party.AgeOn(Date(born), Date(on))
            .ShouldBe(expected);
    }
}
