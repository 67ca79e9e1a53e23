using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;
using static Coordination.Domain.Tests.TestData;

namespace Coordination.Domain.Tests.Cases;

public sealed class FraudCaseTests
{
    private readonly FakeTimeProvider _clock = Clock();
    private readonly Agency _om = Agency.Create("OM-ARR-RDAM", "Parket Rotterdam", AgencyKind.ProsecutionService);
    private readonly Agency _police = Agency.Create("POL-RDAM-CYBER", "Team Cybercrime Rotterdam", AgencyKind.Police);

    public static TheoryData<CasePhase, CasePhase> AllowedTransitions => new()
    {
        { CasePhase.Registered, CasePhase.Triage },
        { CasePhase.Triage, CasePhase.Investigation },
        { CasePhase.Triage, CasePhase.Parked },
        { CasePhase.Parked, CasePhase.Investigation },
        { CasePhase.Parked, CasePhase.Triage },
        { CasePhase.Investigation, CasePhase.Prosecution },
        { CasePhase.Prosecution, CasePhase.Execution },
        { CasePhase.Prosecution, CasePhase.Investigation },
        { CasePhase.Execution, CasePhase.Prosecution },
    };

    public static TheoryData<CasePhase, CasePhase> RefusedTransitions => new()
    {
        { CasePhase.Registered, CasePhase.Registered },
        { CasePhase.Registered, CasePhase.Investigation },
        { CasePhase.Registered, CasePhase.Parked },
        { CasePhase.Registered, CasePhase.Prosecution },
        { CasePhase.Registered, CasePhase.Execution },
        { CasePhase.Triage, CasePhase.Registered },
        { CasePhase.Triage, CasePhase.Prosecution },
        { CasePhase.Parked, CasePhase.Prosecution },
        { CasePhase.Parked, CasePhase.Registered },
        { CasePhase.Investigation, CasePhase.Triage },
        { CasePhase.Investigation, CasePhase.Parked },
        { CasePhase.Investigation, CasePhase.Execution },
        { CasePhase.Prosecution, CasePhase.Triage },
        { CasePhase.Execution, CasePhase.Investigation },
        { CasePhase.Execution, CasePhase.Registered },
    };

    [Fact]
    public void Register_FirstReport_OpensCaseAndLinksTheReport()
    {
        var report = NewReport(_clock, damage: 420.50m, incidentDate: new DateOnly(2026, 2, 20));
        var unit = AgencyId.From(Guid.NewGuid());
        _clock.Advance(TimeSpan.FromMinutes(15));

        var fraudCase = FraudCase.Register(CaseNumber.Create(2026, 7), report, unit, _clock);

        fraudCase.Number.Value.ShouldBe("OF-2026-000007");
        fraudCase.Phase.ShouldBe(CasePhase.Registered);
        fraudCase.FraudType.ShouldBe(report.FraudType);
        fraudCase.OwningUnitId.ShouldBe(unit);
        fraudCase.Summary.ShouldBe(report.Description);
        fraudCase.RegisteredAt.ShouldBe(Now.AddMinutes(15));
        fraudCase.PhaseChangedAt.ShouldBe(Now.AddMinutes(15));
        fraudCase.ReportCount.ShouldBe(1);
        fraudCase.ReportedDamage.ShouldBe(Money.Eur(420.50m));
        fraudCase.OffenceDate.ShouldBe(new DateOnly(2026, 2, 20));
        fraudCase.IsClosed.ShouldBeFalse();
        fraudCase.EndState.ShouldBeNull();
        fraudCase.ProsecutionOfficeId.ShouldBeNull();
        report.CaseId.ShouldBe(fraudCase.Id);
    }

    [Fact]
    public void Register_LongDescription_TruncatesSummaryWithEllipsis()
    {
        var report = NewReport(_clock, description: new string('x', 800));

        var fraudCase = NewCase(_clock, report);

        fraudCase.Summary.Length.ShouldBe(FraudCase.SummaryMaxLength);
        fraudCase.Summary.ShouldEndWith("x…");
    }

    [Fact]
    public void Register_DescriptionOfExactlyMaxLength_KeepsItWhole()
    {
        var description = new string('x', FraudCase.SummaryMaxLength);

        NewCase(_clock, NewReport(_clock, description: description)).Summary.ShouldBe(description);
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void MoveTo_AllowedTransition_ChangesPhaseAndTime(CasePhase from, CasePhase to)
    {
        var fraudCase = CaseIn(from);
        _clock.Advance(TimeSpan.FromHours(1));

        fraudCase.MoveTo(to, _clock);

        fraudCase.Phase.ShouldBe(to);
        fraudCase.PhaseChangedAt.ShouldBe(_clock.GetUtcNow());
    }

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public void MoveTo_RefusedTransition_ThrowsPhaseTransition(CasePhase from, CasePhase to)
    {
        var fraudCase = CaseIn(from);
        var changedAt = fraudCase.PhaseChangedAt;
        _clock.Advance(TimeSpan.FromHours(1));

        var exception = ShouldFailWith(() => fraudCase.MoveTo(to, _clock), "case.phase-transition");

        exception.Message.ShouldBe($"Case OF-2026-000001 cannot move from {from} to {to}.");
        fraudCase.Phase.ShouldBe(from);
        fraudCase.PhaseChangedAt.ShouldBe(changedAt);
    }

    [Fact]
    public void MoveTo_Closed_ThrowsCloseWithEndState()
    {
        var fraudCase = CaseIn(CasePhase.Investigation);

        ShouldFailWith(() => fraudCase.MoveTo(CasePhase.Closed, _clock), "case.close-with-end-state").Message.ShouldContain("use Close");
        fraudCase.Phase.ShouldBe(CasePhase.Investigation);
    }

    [Fact]
    public void MoveTo_UnknownPhase_ThrowsUnknownValue()
    {
        ShouldFailWith(() => NewCase(_clock).MoveTo((CasePhase)77, _clock), "field.unknown-value");
    }

    [Theory]
    [InlineData(CasePhase.Registered, CaseEndState.ClosedNoLeads)]
    [InlineData(CasePhase.Parked, CaseEndState.ClosedNoLeads)]
    [InlineData(CasePhase.Investigation, CaseEndState.Transferred)]
    [InlineData(CasePhase.Execution, CaseEndState.PenaltyOrderFinal)]
    [InlineData(CasePhase.Execution, CaseEndState.HaltCompleted)]
    public void Close_WithEndState_IsClosed(CasePhase from, CaseEndState endState)
    {
        var fraudCase = CaseIn(from);
        _clock.Advance(TimeSpan.FromDays(3));

        fraudCase.Close(endState, _clock);

        fraudCase.Phase.ShouldBe(CasePhase.Closed);
        fraudCase.IsClosed.ShouldBeTrue();
        fraudCase.EndState.ShouldBe(endState);
        fraudCase.ClosedAt.ShouldBe(Now.AddDays(3));
        fraudCase.PhaseChangedAt.ShouldBe(Now.AddDays(3));
    }

    [Fact]
    public void Close_CivilAtTheCheck_IsClosedCivil()
    {
        var fraudCase = CaseIn(CasePhase.Registered);

        fraudCase.Close(CaseEndState.ClosedCivil, _clock);

        fraudCase.EndState.ShouldBe(CaseEndState.ClosedCivil);
    }

    [Theory]
    [InlineData(CasePhase.Triage)]
    [InlineData(CasePhase.Parked)]
    [InlineData(CasePhase.Investigation)]
    [InlineData(CasePhase.Execution)]
    public void Close_CivilAfterTheCheck_ThrowsCivilOnlyAtCheck(CasePhase from)
    {
        var fraudCase = CaseIn(from);

        var exception = ShouldFailWith(() => fraudCase.Close(CaseEndState.ClosedCivil, _clock), "case.civil-only-at-check");

        exception.Message.ShouldBe("Only a case at the civil-or-criminal check can be closed as a civil matter.");
        fraudCase.Phase.ShouldBe(from);
        fraudCase.EndState.ShouldBeNull();
    }

    [Fact]
    public void Close_UnknownEndState_ThrowsUnknownValue()
    {
        var fraudCase = NewCase(_clock);

        ShouldFailWith(() => fraudCase.Close((CaseEndState)99, _clock), "field.unknown-value");
        fraudCase.IsClosed.ShouldBeFalse();
    }

    [Theory]
    [InlineData("move")]
    [InlineData("close")]
    [InlineData("link")]
    [InlineData("transfer")]
    [InlineData("cash-out")]
    [InlineData("submit")]
    public void AnyChange_ClosedCase_ThrowsClosed(string change)
    {
        var fraudCase = CaseIn(CasePhase.Investigation);
        fraudCase.Close(CaseEndState.ClosedNoLeads, _clock);
        var newReport = NewReport(_clock, damage: 999m);

        Action act = change switch
        {
            "move" => () => fraudCase.MoveTo(CasePhase.Investigation, _clock),
            "close" => () => fraudCase.Close(CaseEndState.Transferred, _clock),
            "link" => () => fraudCase.LinkReport(newReport),
            "transfer" => () => fraudCase.RecordTransfer(Onward(Nl(1), Nl(2), 10m)),
            "cash-out" => () => fraudCase.RecordCashOut(new CashOut(Nl(1), Money.Eur(10m), Now, CashOutMethod.Crypto)),
            _ => () => fraudCase.SubmitToProsecution(_om, _clock),
        };

        var exception = ShouldFailWith(act, "case.closed");
        exception.Message.ShouldBe("Case OF-2026-000001 is closed and can no longer change.");
        fraudCase.EndState.ShouldBe(CaseEndState.ClosedNoLeads);
        fraudCase.ReportCount.ShouldBe(1);
        fraudCase.Transfers.ShouldBeEmpty();
        fraudCase.CashOuts.ShouldBeEmpty();
        newReport.CaseId.ShouldBeNull();
    }

    [Fact]
    public void LinkReport_MoreReports_SumsDamageAndCounts()
    {
        var fraudCase = NewCase(_clock, NewReport(_clock, damage: 100m));

        fraudCase.LinkReport(NewReport(_clock, damage: 250.50m));
        fraudCase.LinkReport(NewReport(_clock, damage: 0.49m));

        fraudCase.ReportCount.ShouldBe(3);
        fraudCase.ReportedDamage.ShouldBe(Money.Eur(350.99m));
    }

    [Fact]
    public void LinkReport_MoreReports_KeepsTheEarliestIncidentAsOffenceDate()
    {
        var fraudCase = NewCase(_clock, NewReport(_clock, incidentDate: new DateOnly(2026, 2, 10)));

        fraudCase.LinkReport(NewReport(_clock, incidentDate: new DateOnly(2026, 2, 5)));
        fraudCase.OffenceDate.ShouldBe(new DateOnly(2026, 2, 5));

        fraudCase.LinkReport(NewReport(_clock, incidentDate: new DateOnly(2026, 2, 20)));
        fraudCase.OffenceDate.ShouldBe(new DateOnly(2026, 2, 5));
    }

    [Fact]
    public void LinkReport_SameReportAgain_CountsItOnce()
    {
        var second = NewReport(_clock, damage: 250m);
        var fraudCase = NewCase(_clock, NewReport(_clock, damage: 100m));
        fraudCase.LinkReport(second);

        fraudCase.LinkReport(second);

        fraudCase.ReportCount.ShouldBe(2);
        fraudCase.ReportedDamage.ShouldBe(Money.Eur(350m));
    }

    [Fact]
    public void LinkReport_ReportOfAnotherCase_ThrowsAlreadyLinked()
    {
        var report = NewReport(_clock, damage: 500m);
        var first = NewCase(_clock, report, sequence: 1);
        var second = NewCase(_clock, NewReport(_clock, damage: 100m), sequence: 2);

        var exception = ShouldFailWith(() => second.LinkReport(report), "report.already-linked");

        exception.Message.ShouldBe("This report is already linked to another case.");
        report.CaseId.ShouldBe(first.Id);
        second.ReportCount.ShouldBe(1);
        second.ReportedDamage.ShouldBe(Money.Eur(100m));
    }

    [Fact]
    public void RecordTransfer_SameAccountOnBothSides_ThrowsSameAccount()
    {
        var fraudCase = NewCase(_clock);
        var iban = Nl(7);

        var exception = ShouldFailWith(() => fraudCase.RecordTransfer(Onward(iban, iban, 100m)), "transfer.same-account");

        exception.Message.ShouldBe($"A transfer needs two different accounts; both are {iban.Value}.");
        fraudCase.Transfers.ShouldBeEmpty();
    }

    [Fact]
    public void RecordTransfer_ZeroAmount_ThrowsZero()
    {
        var fraudCase = NewCase(_clock);

        ShouldFailWith(() => fraudCase.RecordTransfer(Onward(Nl(1), Nl(2), 0m)), "transfer.zero")
            .Message.ShouldBe("A transfer of € 0.00 cannot be recorded.");
        fraudCase.Transfers.ShouldBeEmpty();
    }

    [Fact]
    public void RecordTransfer_ExactDuplicate_IsIgnored()
    {
        var fraudCase = NewCase(_clock);

        fraudCase.RecordTransfer(Onward(Nl(1), Nl(2), 100m));
        fraudCase.RecordTransfer(Onward(Nl(1), Nl(2), 100m));

        fraudCase.Transfers.Count.ShouldBe(1);
    }

    [Fact]
    public void RecordTransfer_SameAccountsAtAnotherMoment_IsRecordedToo()
    {
        var fraudCase = NewCase(_clock);

        fraudCase.RecordTransfer(Onward(Nl(1), Nl(2), 100m));
        fraudCase.RecordTransfer(Onward(Nl(1), Nl(2), 100m, Now.AddMinutes(1)));
        fraudCase.RecordTransfer(Onward(Nl(1), Nl(2), 101m));

        fraudCase.Transfers.Count.ShouldBe(3);
    }

    [Fact]
    public void RecordCashOut_ExactDuplicate_IsIgnored()
    {
        var fraudCase = NewCase(_clock);
        var cashOut = new CashOut(Nl(3), Money.Eur(400m), Now, CashOutMethod.AtmWithdrawal);

        fraudCase.RecordCashOut(cashOut);
        fraudCase.RecordCashOut(cashOut with { });

        fraudCase.CashOuts.ShouldBe([cashOut]);
    }

    [Fact]
    public void SubmitToProsecution_OmOfficeFromInvestigation_MovesToProsecution()
    {
        var fraudCase = CaseIn(CasePhase.Investigation);
        _clock.Advance(TimeSpan.FromDays(1));

        fraudCase.SubmitToProsecution(_om, _clock);

        fraudCase.Phase.ShouldBe(CasePhase.Prosecution);
        fraudCase.ProsecutionOfficeId.ShouldBe(_om.Id);
        fraudCase.PhaseChangedAt.ShouldBe(_clock.GetUtcNow());
    }

    [Fact]
    public void SubmitToProsecution_PoliceUnit_ThrowsSubmitNotOm()
    {
        var fraudCase = CaseIn(CasePhase.Investigation);

        var exception = ShouldFailWith(() => fraudCase.SubmitToProsecution(_police, _clock), "case.submit-not-om");

        exception.Message.ShouldBe("Team Cybercrime Rotterdam is not an OM office; a case is submitted to the OM.");
        fraudCase.Phase.ShouldBe(CasePhase.Investigation);
        fraudCase.ProsecutionOfficeId.ShouldBeNull();
    }

    [Fact]
    public void SubmitToProsecution_FromTriage_ThrowsPhaseTransition()
    {
        var fraudCase = CaseIn(CasePhase.Triage);

        ShouldFailWith(() => fraudCase.SubmitToProsecution(_om, _clock), "case.phase-transition");

        fraudCase.Phase.ShouldBe(CasePhase.Triage);
        fraudCase.ProsecutionOfficeId.ShouldBeNull();
    }

    [Fact]
    public void MuleChain_RecordedTransfers_BuildsTheChain()
    {
        var fraudCase = NewCase(_clock);
        fraudCase.RecordTransfer(new Transfer(TransferKind.VictimPayment, Nl(1), Nl(2), Money.Eur(500m), Now));
        fraudCase.RecordTransfer(Onward(Nl(2), Nl(3), 450m));
        fraudCase.RecordCashOut(new CashOut(Nl(3), Money.Eur(450m), Now, CashOutMethod.AtmWithdrawal));

        var chain = fraudCase.MuleChain();

        chain.Depth.ShouldBe(2);
        chain.Find(Nl(3)).ShouldNotBeNull().IsCashOutPoint.ShouldBeTrue();
    }

    [Theory]
    [MemberData(nameof(AllowedTransitions))]
    public void CanMoveTo_AllowedTransition_IsTrue(CasePhase from, CasePhase to) =>
        CaseIn(from).CanMoveTo(to).ShouldBeTrue();

    [Theory]
    [MemberData(nameof(RefusedTransitions))]
    public void CanMoveTo_RefusedTransition_IsFalse(CasePhase from, CasePhase to) =>
        CaseIn(from).CanMoveTo(to).ShouldBeFalse();

    [Fact]
    public void CanMoveTo_ClosedCase_IsFalseForEveryPhase()
    {
        var fraudCase = CaseIn(CasePhase.Triage);
        fraudCase.Close(CaseEndState.ClosedNoLeads, _clock);

        Enum.GetValues<CasePhase>().ShouldAllBe(phase => !fraudCase.CanMoveTo(phase));
    }

    private static Transfer Onward(Iban from, Iban to, decimal amount, DateTimeOffset? at = null) =>
        new(TransferKind.Onward, from, to, Money.Eur(amount), at ?? Now);

    // Walks a new case along allowed transitions to the phase a test starts from.
    private FraudCase CaseIn(CasePhase phase)
    {
        CasePhase[] route = phase switch
        {
            CasePhase.Registered => [],
            CasePhase.Triage => [CasePhase.Triage],
            CasePhase.Parked => [CasePhase.Triage, CasePhase.Parked],
            CasePhase.Investigation => [CasePhase.Triage, CasePhase.Investigation],
            CasePhase.Prosecution => [CasePhase.Triage, CasePhase.Investigation, CasePhase.Prosecution],
            CasePhase.Execution => [CasePhase.Triage, CasePhase.Investigation, CasePhase.Prosecution, CasePhase.Execution],
            _ => throw new ArgumentOutOfRangeException(nameof(phase), phase, "Not a starting phase."),
        };
        var fraudCase = NewCase(_clock);
        foreach (var step in route)
        {
            fraudCase.MoveTo(step, _clock);
        }

        fraudCase.Phase.ShouldBe(phase);
        return fraudCase;
    }
}
