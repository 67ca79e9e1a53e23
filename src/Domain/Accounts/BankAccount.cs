using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;

namespace Coordination.Domain.Accounts;

/// <summary>Identifies a <see cref="BankAccount"/>.</summary>
public readonly record struct BankAccountId(Guid Value) : ITypedId<BankAccountId>
{
    /// <inheritdoc />
    public static BankAccountId From(Guid value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>What is known and done about an account.</summary>
public enum AccountStatus
{
    /// <summary>Only the IBAN is known.</summary>
    Unknown,

    /// <summary>The holder is known (bank data referral or the bank's answer).</summary>
    Identified,

    /// <summary>Funds held by the bank or seized.</summary>
    Frozen,

    /// <summary>Account blocked by the bank.</summary>
    Blocked,

    /// <summary>Account closed; final.</summary>
    Closed,
}

/// <summary>
/// An account that appears in one or more cases. One record per IBAN across all cases, so what one bank learns
/// (holder, block) is there for the next case that meets the account.
/// </summary>
public sealed class BankAccount : AggregateRoot<BankAccountId>
{
    /// <summary>Maximum length of <see cref="HolderName"/>.</summary>
    public const int HolderNameMaxLength = 200;

    private BankAccount() { } // EF

    /// <summary>The account number.</summary>
    public Iban Iban { get; private set; } = null!;

    /// <summary>The bank holding it, derived from the bank code; null for foreign or unknown banks.</summary>
    public AgencyId? BankId { get; private set; }

    /// <summary>Status.</summary>
    public AccountStatus Status { get; private set; }

    /// <summary>Holder's name once known.</summary>
    public string? HolderName { get; private set; }

    /// <summary>Holder's date of birth once known.</summary>
    public DateOnly? HolderDateOfBirth { get; private set; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset StatusChangedAt { get; private set; }

    /// <summary>When the police signalled the bank about this account (the third report on it); null when never.</summary>
    public DateTimeOffset? SignalledAt { get; private set; }

    /// <summary>The case whose report triggered the signal.</summary>
    public CaseId? SignalledForCaseId { get; private set; }

    /// <summary>True for an account outside the Netherlands (a trace ends there).</summary>
    public bool IsAbroad => !Iban.IsDutch;

    /// <summary>Registers an account, finding its bank in the directory.</summary>
    public static BankAccount Register(Iban iban, BankDirectory banks, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(iban);
        ArgumentNullException.ThrowIfNull(banks);
        ArgumentNullException.ThrowIfNull(clock);
        return new BankAccount
        {
            Iban = iban,
            BankId = banks.BankOf(iban),
            Status = AccountStatus.Unknown,
            StatusChangedAt = clock.GetUtcNow(),
        };
    }

    /// <summary>Records the holder.</summary>
    public void Identify(string holderName, DateOnly? holderDateOfBirth, TimeProvider clock)
    {
        EnsureNotClosed("identify");
        HolderName = Guard.Required(holderName, "Holder name", HolderNameMaxLength);
        HolderDateOfBirth = holderDateOfBirth;
        if (Status == AccountStatus.Unknown)
        {
            ChangeStatus(AccountStatus.Identified, clock);
        }
    }

    /// <summary>
    /// Claims the one signal to the bank this account ever gets (convenant LMIO–banks: the third report on an IBAN).
    /// True when <paramref name="caseId"/> holds the signal: it claims it now, or it claimed it before (so a retried
    /// step sends the same signal, not a second one); false when another case already signalled the account, or the
    /// account is closed and there is nothing left to block.
    /// </summary>
    public bool TryMarkSignalled(CaseId caseId, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        if (SignalledForCaseId is { } holder)
        {
            return holder == caseId;
        }

        if (Status == AccountStatus.Closed)
        {
            return false;
        }

        SignalledForCaseId = caseId;
        SignalledAt = clock.GetUtcNow();
        return true;
    }

    /// <summary>Records that the funds are frozen.</summary>
    public void Freeze(TimeProvider clock)
    {
        EnsureNotClosed("freeze");
        if (Status == AccountStatus.Blocked)
        {
            throw new DomainException("account.freeze-blocked", $"Account {Iban} is already blocked, which includes its funds.", Iban.Value);
        }

        ChangeStatus(AccountStatus.Frozen, clock);
    }

    /// <summary>Records that the bank blocked the account.</summary>
    public void Block(TimeProvider clock)
    {
        EnsureNotClosed("block");
        ChangeStatus(AccountStatus.Blocked, clock);
    }

    /// <summary>Records that the account was closed.</summary>
    public void Close(TimeProvider clock)
    {
        EnsureNotClosed("close");
        ChangeStatus(AccountStatus.Closed, clock);
    }

    private void ChangeStatus(AccountStatus status, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        Status = status;
        StatusChangedAt = clock.GetUtcNow();
    }

    private void EnsureNotClosed(string action)
    {
        if (Status == AccountStatus.Closed)
        {
            throw new DomainException("account.closed", $"Account {Iban} is closed; you cannot {action} it.", Iban.Value, action);
        }
    }
}
