using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Dispositions;
using Coordination.Domain.Parties;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;
using static Coordination.Domain.Tests.TestData;

namespace Coordination.Domain.Tests.Dispositions;

public sealed class DispositionTests
{
    private const string Prosecutor = "olivia.ovj";

    private readonly FakeTimeProvider _clock = Clock();

    [Theory]
    [InlineData(1)]
    [InlineData(50)]
    [InlineData(180)]
    public void PenaltyOrder_HoursWithinLimit_IsDecidedWithObjectionDeadline(int hours)
    {
        var suspect = SuspectAged(20, _clock);

        var order = Disposition.PenaltyOrder(suspect, hours, null, Money.Eur(250m), Prosecutor, _clock);

        order.Kind.ShouldBe(DispositionKind.PenaltyOrder);
        order.Status.ShouldBe(DispositionStatus.Decided);
        order.Hours.ShouldBe(hours);
        order.Compensation.ShouldBe(Money.Eur(250m));
        order.Fine.ShouldBeNull();
        order.CaseId.ShouldBe(suspect.CaseId);
        order.SuspectId.ShouldBe(suspect.Id);
        order.DecidedAt.ShouldBe(Now);
        order.DecidedBy.ShouldBe(Prosecutor);
        order.ObjectionDeadline.ShouldBe(Now.AddDays(14));
    }

    [Theory]
    [InlineData(181)]
    [InlineData(0)]
    [InlineData(-5)]
    public void PenaltyOrder_HoursOutOfRange_ThrowsCommunityServiceHours(int hours)
    {
        var exception = ShouldFailWith(
            () => Disposition.PenaltyOrder(SuspectAged(20, _clock), hours, null, null, Prosecutor, _clock),
            "disposition.community-service-hours");

        exception.Message.ShouldBe($"Community service in a penalty order is 1 to 180 hours (got {hours}).");
    }

    [Fact]
    public void PenaltyOrder_NothingImposed_ThrowsPenaltyEmpty()
    {
        ShouldFailWith(
                () => Disposition.PenaltyOrder(SuspectAged(20, _clock), null, null, null, Prosecutor, _clock), "disposition.penalty-empty")
            .Message.ShouldContain("community service, a fine or compensation");
    }

    [Fact]
    public void PenaltyOrder_FineOnly_IsDecided()
    {
        var order = Disposition.PenaltyOrder(SuspectAged(20, _clock), null, Money.Eur(340m), null, Prosecutor, _clock);

        order.Hours.ShouldBeNull();
        order.Fine.ShouldBe(Money.Eur(340m));
    }

    [Fact]
    public void FileObjection_OnDay14_IsAccepted()
    {
        var order = PenaltyOrder();
        _clock.Advance(TimeSpan.FromDays(14));

        order.FileObjection(_clock);

        order.Status.ShouldBe(DispositionStatus.ObjectionFiled);
        order.SettledAt.ShouldBe(Now.AddDays(14));
    }

    [Fact]
    public void FileObjection_LaterOnDay14_IsAccepted()
    {
        // The window is counted in days: an objection on the last day counts whatever the hour.
        var order = PenaltyOrder();
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 21, 0, 0, TimeSpan.Zero));

        order.FileObjection(_clock);

        order.Status.ShouldBe(DispositionStatus.ObjectionFiled);
    }

    [Fact]
    public void FileObjection_OnDay15_ThrowsObjectionLate()
    {
        var order = PenaltyOrder();
        _clock.Advance(TimeSpan.FromDays(15));

        var exception = ShouldFailWith(() => order.FileObjection(_clock), "disposition.objection-late");

        exception.Message.ShouldBe("The objection window closed on 2026-03-16; the penalty order is final.");
        order.Status.ShouldBe(DispositionStatus.Decided);
    }

    [Fact]
    public void FileObjection_FirstMomentOfDay15_ThrowsObjectionLate()
    {
        var order = PenaltyOrder();
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 17, 0, 0, 0, TimeSpan.Zero));

        ShouldFailWith(() => order.FileObjection(_clock), "disposition.objection-late");
    }

    [Fact]
    public void FileObjection_Twice_ThrowsNotOpen()
    {
        var order = PenaltyOrder();
        order.FileObjection(_clock);

        ShouldFailWith(() => order.FileObjection(_clock), "disposition.not-open")
            .Message.ShouldBe("This PenaltyOrder is already ObjectionFiled.");
    }

    [Fact]
    public void FileObjection_NotAPenaltyOrder_ThrowsWrongKind()
    {
        var settlement = Disposition.Settlement(SuspectAged(20, _clock), Money.Eur(500m), Prosecutor, _clock);

        var exception = ShouldFailWith(() => settlement.FileObjection(_clock), "disposition.wrong-kind");

        exception.Message.ShouldBe("You can only object to a PenaltyOrder; this is a Settlement.");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(13)]
    [InlineData(14)]
    public void MakeFinal_PenaltyOrderWithinObjectionWindow_ThrowsObjectionOpen(int days)
    {
        var order = PenaltyOrder();
        _clock.Advance(TimeSpan.FromDays(days));

        var exception = ShouldFailWith(() => order.MakeFinal(_clock), "disposition.objection-open");

        exception.Message.ShouldBe("The objection window runs until 2026-03-16; the order is not final yet.");
        order.Status.ShouldBe(DispositionStatus.Decided);
    }

    [Fact]
    public void MakeFinal_PenaltyOrderLaterOnDay14_ThrowsObjectionOpen()
    {
        var order = PenaltyOrder();
        _clock.SetUtcNow(new DateTimeOffset(2026, 3, 16, 21, 0, 0, TimeSpan.Zero));

        ShouldFailWith(() => order.MakeFinal(_clock), "disposition.objection-open");
    }

    [Fact]
    public void MakeFinal_PenaltyOrderAfterObjectionWindow_IsFinal()
    {
        var order = PenaltyOrder();
        _clock.Advance(TimeSpan.FromDays(15));

        order.MakeFinal(_clock);

        order.Status.ShouldBe(DispositionStatus.Final);
        order.SettledAt.ShouldBe(Now.AddDays(15));
    }

    [Fact]
    public void MakeFinal_AfterObjection_ThrowsNotOpen()
    {
        var order = PenaltyOrder();
        order.FileObjection(_clock);
        _clock.Advance(TimeSpan.FromDays(30));

        ShouldFailWith(() => order.MakeFinal(_clock), "disposition.not-open");
        order.Status.ShouldBe(DispositionStatus.ObjectionFiled);
    }

    [Fact]
    public void FileObjection_AfterFinal_ThrowsNotOpen()
    {
        var order = PenaltyOrder();
        _clock.Advance(TimeSpan.FromDays(15));
        order.MakeFinal(_clock);

        ShouldFailWith(() => order.FileObjection(_clock), "disposition.not-open");
    }

    [Theory]
    [InlineData("01", "01")]
    [InlineData("02", "02")]
    [InlineData(" 70 ", "70")]
    public void Dismissal_TwoDigitCode_IsFinalAtOnce(string code, string expected)
    {
        var dismissal = Disposition.Dismissal(SuspectAged(20, _clock), code, Prosecutor, _clock);

        dismissal.Kind.ShouldBe(DispositionKind.Dismissal);
        dismissal.DismissalCode.ShouldBe(expected);
        dismissal.Status.ShouldBe(DispositionStatus.Final);
        dismissal.SettledAt.ShouldBe(Now);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("1")]
    [InlineData("001")]
    [InlineData("AB")]
    [InlineData("0 1")]
    [InlineData("٠١")] // Arabic-Indic digits are digits, but not a dismissal code
    public void Dismissal_NotTwoDigits_ThrowsDismissalCode(string? code)
    {
        var exception = ShouldFailWith(
            () => Disposition.Dismissal(SuspectAged(20, _clock), code!, Prosecutor, _clock), "disposition.dismissal-code");

        exception.Message.ShouldBe($"A dismissal code is two digits, such as 01 or 02 (got '{code}').");
    }

    [Fact]
    public void MakeFinal_Dismissal_ThrowsNotOpen()
    {
        var dismissal = Disposition.Dismissal(SuspectAged(20, _clock), "02", Prosecutor, _clock);

        ShouldFailWith(() => dismissal.MakeFinal(_clock), "disposition.not-open").Message.ShouldBe("This Dismissal is already Final.");
    }

    [Theory]
    [InlineData("2026-03-03")]
    [InlineData("2026-09-02")]
    [InlineData("2027-03-02")] // exactly one year
    public void ConditionalDismissal_ProbationUpToOneYear_IsDecided(string endsOn)
    {
        var end = Date(endsOn);

        var dismissal = Disposition.ConditionalDismissal(SuspectAged(20, _clock), end, Prosecutor, _clock);

        dismissal.Kind.ShouldBe(DispositionKind.ConditionalDismissal);
        dismissal.ProbationEndsOn.ShouldBe(end);
        dismissal.Status.ShouldBe(DispositionStatus.Decided);
    }

    [Theory]
    [InlineData("2027-03-03")] // one year and a day
    [InlineData("2028-01-01")]
    [InlineData("2026-03-02")] // the decision date itself
    [InlineData("2026-01-01")]
    public void ConditionalDismissal_ProbationOutOfRange_ThrowsProbation(string endsOn)
    {
        var end = Date(endsOn);

        var exception = ShouldFailWith(
            () => Disposition.ConditionalDismissal(SuspectAged(20, _clock), end, Prosecutor, _clock), "disposition.probation");

        exception.Message.ShouldBe("Probation ends after the decision and at most one year later (by 2027-03-02).");
    }

    [Fact]
    public void MakeFinal_ConditionalDismissalDuringProbation_ThrowsProbationRunning()
    {
        var dismissal = Disposition.ConditionalDismissal(SuspectAged(20, _clock), new DateOnly(2026, 9, 1), Prosecutor, _clock);
        _clock.SetUtcNow(new DateTimeOffset(2026, 8, 31, 23, 59, 0, TimeSpan.Zero));

        var exception = ShouldFailWith(() => dismissal.MakeFinal(_clock), "disposition.probation-running");

        exception.Message.ShouldBe("Probation runs until 2026-09-01.");
    }

    [Fact]
    public void MakeFinal_ConditionalDismissalOnProbationEnd_IsFinal()
    {
        var dismissal = Disposition.ConditionalDismissal(SuspectAged(20, _clock), new DateOnly(2026, 9, 1), Prosecutor, _clock);
        _clock.SetUtcNow(new DateTimeOffset(2026, 9, 1, 8, 0, 0, TimeSpan.Zero));

        dismissal.MakeFinal(_clock);

        dismissal.Status.ShouldBe(DispositionStatus.Final);
    }

    [Fact]
    public void MakeFinal_Settlement_IsFinal()
    {
        var settlement = Disposition.Settlement(SuspectAged(30, _clock), Money.Eur(750m), Prosecutor, _clock);

        settlement.MakeFinal(_clock);

        settlement.Fine.ShouldBe(Money.Eur(750m));
        settlement.Status.ShouldBe(DispositionStatus.Final);
    }

    [Fact]
    public void Summons_Suspect_IsDecided()
    {
        var summons = Disposition.Summons(SuspectAged(30, _clock), Prosecutor, _clock);

        summons.Kind.ShouldBe(DispositionKind.Summons);
        summons.Status.ShouldBe(DispositionStatus.Decided);
        summons.ObjectionDeadline.ShouldBeNull();
    }

    [Theory]
    [InlineData(12)]
    [InlineData(15)]
    [InlineData(17)]
    public void HaltReferral_Aged12To17AtOffence_IsDecided(int age)
    {
        var halt = Disposition.HaltReferral(SuspectAged(age, _clock), 10, Prosecutor, _clock);

        halt.Kind.ShouldBe(DispositionKind.HaltReferral);
        halt.Hours.ShouldBe(10);
        halt.Status.ShouldBe(DispositionStatus.Decided);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(18)]
    [InlineData(25)]
    public void HaltReferral_AgedOutside12To17AtOffence_ThrowsAgeRoute(int age)
    {
        var exception = ShouldFailWith(
            () => Disposition.HaltReferral(SuspectAged(age, _clock), 10, Prosecutor, _clock), "disposition.age-route");

        exception.Message.ShouldBe($"Halt is for suspects aged 12–17 at the offence; Sam Mule was {age}.");
    }

    [Fact]
    public void HaltReferral_SeventeenAtOffenceButAdultNow_IsDecided()
    {
        // The age at the offence decides, not the age at the decision.
        var suspect = Party.Suspect(CaseId.From(Guid.NewGuid()), PartyRole.MoneyMule, "Sam", Date("2008-03-01"), Date("2026-02-28"), _clock);
        suspect.AgeAtOffence.ShouldBe(17);

        Disposition.HaltReferral(suspect, 8, Prosecutor, _clock).Kind.ShouldBe(DispositionKind.HaltReferral);
    }

    [Fact]
    public void HaltReferral_UnknownDateOfBirth_ThrowsAgeUnknown()
    {
        var suspect = Party.Suspect(CaseId.From(Guid.NewGuid()), PartyRole.MoneyMule, "Sam", null, Today, _clock);

        var exception = ShouldFailWith(() => Disposition.HaltReferral(suspect, 10, Prosecutor, _clock), "disposition.age-unknown");

        exception.Message.ShouldBe("Halt depends on the age at the offence; record the suspect's date of birth first.");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(20)]
    public void HaltReferral_HoursWithinLimit_IsDecided(int hours)
    {
        Disposition.HaltReferral(SuspectAged(15, _clock), hours, Prosecutor, _clock).Hours.ShouldBe(hours);
    }

    [Theory]
    [InlineData(21)]
    [InlineData(0)]
    public void HaltReferral_HoursOutOfRange_ThrowsHaltHours(int hours)
    {
        var exception = ShouldFailWith(
            () => Disposition.HaltReferral(SuspectAged(15, _clock), hours, Prosecutor, _clock), "disposition.halt-hours");

        exception.Message.ShouldBe($"A Halt referral is 1 to 20 hours (got {hours}).");
    }

    [Theory]
    [InlineData(12)]
    [InlineData(18)]
    [InlineData(23)]
    public void HackRightReferral_Aged12To23AtOffence_IsDecided(int age)
    {
        Disposition.HackRightReferral(SuspectAged(age, _clock), Prosecutor, _clock).Kind.ShouldBe(DispositionKind.HackRightReferral);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(24)]
    public void HackRightReferral_AgedOutside12To23AtOffence_ThrowsAgeRoute(int age)
    {
        var exception = ShouldFailWith(
            () => Disposition.HackRightReferral(SuspectAged(age, _clock), Prosecutor, _clock), "disposition.age-route");

        exception.Message.ShouldBe($"Hack_Right is for suspects aged 12–23 at the offence; Sam Mule was {age}.");
    }

    [Theory]
    [InlineData(true, DispositionStatus.Final)]
    [InlineData(false, DispositionStatus.Failed)]
    public void RecordReferralOutcome_Halt_IsFinalOrFailed(bool completed, DispositionStatus expected)
    {
        var halt = Disposition.HaltReferral(SuspectAged(15, _clock), 10, Prosecutor, _clock);
        _clock.Advance(TimeSpan.FromDays(40));

        halt.RecordReferralOutcome(completed, _clock);

        halt.Status.ShouldBe(expected);
        halt.SettledAt.ShouldBe(Now.AddDays(40));
    }

    [Fact]
    public void RecordReferralOutcome_HackRightCompleted_IsFinal()
    {
        var hackRight = Disposition.HackRightReferral(SuspectAged(21, _clock), Prosecutor, _clock);

        hackRight.RecordReferralOutcome(completed: true, _clock);

        hackRight.Status.ShouldBe(DispositionStatus.Final);
    }

    [Fact]
    public void RecordReferralOutcome_Twice_ThrowsNotOpen()
    {
        var halt = Disposition.HaltReferral(SuspectAged(15, _clock), 10, Prosecutor, _clock);
        halt.RecordReferralOutcome(completed: false, _clock);

        ShouldFailWith(() => halt.RecordReferralOutcome(completed: true, _clock), "disposition.not-open");
        halt.Status.ShouldBe(DispositionStatus.Failed);
    }

    [Fact]
    public void RecordReferralOutcome_PenaltyOrder_ThrowsNotReferral()
    {
        var order = PenaltyOrder();

        ShouldFailWith(() => order.RecordReferralOutcome(completed: true, _clock), "disposition.not-referral")
            .Message.ShouldBe("A PenaltyOrder has no referral outcome.");
    }

    [Fact]
    public void MakeFinal_Referral_ThrowsReferralOutcome()
    {
        var halt = Disposition.HaltReferral(SuspectAged(15, _clock), 10, Prosecutor, _clock);

        ShouldFailWith(() => halt.MakeFinal(_clock), "disposition.referral-outcome");
        halt.Status.ShouldBe(DispositionStatus.Decided);
    }

    [Theory]
    [InlineData(DispositionKind.Summons)]
    [InlineData(DispositionKind.PenaltyOrder)]
    [InlineData(DispositionKind.Settlement)]
    [InlineData(DispositionKind.Dismissal)]
    [InlineData(DispositionKind.ConditionalDismissal)]
    [InlineData(DispositionKind.HaltReferral)]
    [InlineData(DispositionKind.HackRightReferral)]
    public void AnyDisposition_ForAVictim_ThrowsNotSuspect(DispositionKind kind)
    {
        // A victim with a date of birth, so the youth routes cannot fail on the age first.
        var victim = Party.Victim(CaseId.From(Guid.NewGuid()), "Vera Victim", Date("2011-01-01"), isVulnerable: false, _clock);

        Action decide = kind switch
        {
            DispositionKind.Summons => () => Disposition.Summons(victim, Prosecutor, _clock),
            DispositionKind.PenaltyOrder => () => Disposition.PenaltyOrder(victim, 20, null, null, Prosecutor, _clock),
            DispositionKind.Settlement => () => Disposition.Settlement(victim, Money.Eur(100m), Prosecutor, _clock),
            DispositionKind.Dismissal => () => Disposition.Dismissal(victim, "02", Prosecutor, _clock),
            DispositionKind.ConditionalDismissal => () => Disposition.ConditionalDismissal(victim, Today.AddMonths(6), Prosecutor, _clock),
            DispositionKind.HaltReferral => () => Disposition.HaltReferral(victim, 10, Prosecutor, _clock),
            _ => () => Disposition.HackRightReferral(victim, Prosecutor, _clock),
        };

        var exception = ShouldFailWith(decide, "disposition.not-suspect");
        exception.Message.ShouldBe("Vera Victim is not a suspect; a disposition is about a suspect.");
    }

    [Fact]
    public void Summons_NoProsecutor_ThrowsRequired()
    {
        ShouldFailWith(() => Disposition.Summons(SuspectAged(30, _clock), " ", _clock), "field.required")
            .Message.ShouldBe("Decided by is required.");
    }

    private Disposition PenaltyOrder() => Disposition.PenaltyOrder(SuspectAged(20, _clock), 40, null, null, Prosecutor, _clock);
}
