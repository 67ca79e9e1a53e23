using Coordination.Domain.Accounts;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Shouldly;
using Xunit;
using static Coordination.Domain.Tests.TestData;

namespace Coordination.Domain.Tests.Accounts;

public sealed class BankAccountTests
{
    private readonly Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = Clock();
    private readonly Agency _abn = Agency.CreateBank("BANK-ABN", "ABN AMRO", "ABNA");
    private readonly Agency _ing = Agency.CreateBank("BANK-ING", "ING", "INGB");
    private readonly BankDirectory _directory;

    public BankAccountTests() => _directory = BankDirectory.From([_abn, _ing]);

    [Fact]
    public void Register_DutchIban_FindsTheBankInTheDirectory()
    {
        var account = BankAccount.Register(Nl(1, "INGB"), _directory, _clock);

        account.BankId.ShouldBe(_ing.Id);
        account.Status.ShouldBe(AccountStatus.Unknown);
        account.StatusChangedAt.ShouldBe(Now);
        account.IsAbroad.ShouldBeFalse();
        account.HolderName.ShouldBeNull();
    }

    [Fact]
    public void Register_DutchIbanOfUnknownBank_HasNoBank()
    {
        var account = BankAccount.Register(Nl(1, "RABO"), _directory, _clock);

        account.BankId.ShouldBeNull();
        account.IsAbroad.ShouldBeFalse();
    }

    [Theory]
    [InlineData("BE68539007547034")]
    [InlineData("DE89370400440532013000")]
    [InlineData("GB82WEST12345698765432")]
    public void Register_ForeignIban_IsAbroadWithoutBank(string iban)
    {
        var account = BankAccount.Register(Iban.Parse(iban), _directory, _clock);

        account.IsAbroad.ShouldBeTrue();
        account.BankId.ShouldBeNull();
    }

    [Fact]
    public void Identify_UnknownAccount_RecordsHolderAndBecomesIdentified()
    {
        var account = Register();
        _clock.Advance(TimeSpan.FromHours(3));

        account.Identify("  Sam Mule ", new DateOnly(2007, 4, 1), _clock);

        account.Status.ShouldBe(AccountStatus.Identified);
        account.HolderName.ShouldBe("Sam Mule");
        account.HolderDateOfBirth.ShouldBe(new DateOnly(2007, 4, 1));
        account.StatusChangedAt.ShouldBe(Now.AddHours(3));
    }

    [Fact]
    public void Identify_FrozenAccount_RecordsHolderAndStaysFrozen()
    {
        var account = Register();
        account.Freeze(_clock);
        _clock.Advance(TimeSpan.FromHours(1));

        account.Identify("Sam Mule", null, _clock);

        account.Status.ShouldBe(AccountStatus.Frozen);
        account.HolderName.ShouldBe("Sam Mule");
        account.StatusChangedAt.ShouldBe(Now);
    }

    [Fact]
    public void Identify_NoName_ThrowsRequired()
    {
        var account = Register();

        ShouldFailWith(() => account.Identify(" ", null, _clock), "field.required").Message.ShouldBe("Holder name is required.");
        account.Status.ShouldBe(AccountStatus.Unknown);
    }

    [Fact]
    public void Freeze_IdentifiedAccount_BecomesFrozen()
    {
        var account = Register();
        account.Identify("Sam Mule", null, _clock);
        _clock.Advance(TimeSpan.FromMinutes(10));

        account.Freeze(_clock);

        account.Status.ShouldBe(AccountStatus.Frozen);
        account.StatusChangedAt.ShouldBe(Now.AddMinutes(10));
    }

    [Fact]
    public void Block_FrozenAccount_BecomesBlocked()
    {
        var account = Register();
        account.Freeze(_clock);

        account.Block(_clock);

        account.Status.ShouldBe(AccountStatus.Blocked);
    }

    [Fact]
    public void Freeze_BlockedAccount_ThrowsFreezeBlocked()
    {
        var account = Register();
        account.Block(_clock);

        var exception = ShouldFailWith(() => account.Freeze(_clock), "account.freeze-blocked");

        exception.Message.ShouldBe($"Account {account.Iban} is already blocked, which includes its funds.");
        account.Status.ShouldBe(AccountStatus.Blocked);
    }

    [Fact]
    public void Close_BlockedAccount_BecomesClosed()
    {
        var account = Register();
        account.Block(_clock);
        _clock.Advance(TimeSpan.FromDays(2));

        account.Close(_clock);

        account.Status.ShouldBe(AccountStatus.Closed);
        account.StatusChangedAt.ShouldBe(Now.AddDays(2));
    }

    [Theory]
    [InlineData("identify")]
    [InlineData("freeze")]
    [InlineData("block")]
    [InlineData("close")]
    public void AnyChange_ClosedAccount_ThrowsClosed(string action)
    {
        var account = Register();
        account.Close(_clock);
        _clock.Advance(TimeSpan.FromHours(1));

        Action change = action switch
        {
            "identify" => () => account.Identify("Sam Mule", null, _clock),
            "freeze" => () => account.Freeze(_clock),
            "block" => () => account.Block(_clock),
            _ => () => account.Close(_clock),
        };

        var exception = ShouldFailWith(change, "account.closed");
        exception.Message.ShouldBe($"Account {account.Iban} is closed; you cannot {action} it.");
        account.Status.ShouldBe(AccountStatus.Closed);
        account.StatusChangedAt.ShouldBe(Now);
    }

    [Fact]
    public void TryMarkSignalled_FirstCase_ClaimsTheSignal()
    {
        var account = Register();
        var caseId = CaseId.From(Guid.NewGuid());
        _clock.Advance(TimeSpan.FromMinutes(5));

        account.TryMarkSignalled(caseId, _clock).ShouldBeTrue();

        account.SignalledForCaseId.ShouldBe(caseId);
        account.SignalledAt.ShouldBe(Now.AddMinutes(5));
    }

    [Fact]
    public void TryMarkSignalled_SameCaseAgain_IsTrueAndKeepsTheFirstMoment()
    {
        var account = Register();
        var caseId = CaseId.From(Guid.NewGuid());
        account.TryMarkSignalled(caseId, _clock);
        _clock.Advance(TimeSpan.FromHours(1));

        account.TryMarkSignalled(caseId, _clock).ShouldBeTrue();

        account.SignalledAt.ShouldBe(Now);
    }

    [Fact]
    public void TryMarkSignalled_AnotherCaseAfterwards_IsFalseAndKeepsTheFirstCase()
    {
        var account = Register();
        var first = CaseId.From(Guid.NewGuid());
        account.TryMarkSignalled(first, _clock);

        account.TryMarkSignalled(CaseId.From(Guid.NewGuid()), _clock).ShouldBeFalse();

        account.SignalledForCaseId.ShouldBe(first);
    }

    [Fact]
    public void TryMarkSignalled_ClosedAccount_IsFalseAndRecordsNothing()
    {
        var account = Register();
        account.Close(_clock);

        account.TryMarkSignalled(CaseId.From(Guid.NewGuid()), _clock).ShouldBeFalse();

        account.SignalledAt.ShouldBeNull();
        account.SignalledForCaseId.ShouldBeNull();
    }

    private BankAccount Register() => BankAccount.Register(Nl(42), _directory, _clock);
}
