using Coordination.Domain.Common;

namespace Coordination.Domain.Cases;

/// <summary>Identifies a <see cref="TracedAccount"/>.</summary>
public readonly record struct TracedAccountId(Guid Value) : ITypedId<TracedAccountId>
{
    /// <inheritdoc />
    public static TracedAccountId From(Guid value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>
/// An account a case has looked into itself: its holder looked up for this case, or a production order of this case
/// answered about it. What is known about an account (holder, status) is shared by every case that meets it, so a case
/// sees it only for the accounts it traced: naming an IBAN in a report, or finding it as the counter-account of a
/// transfer, is not enough.
/// </summary>
public sealed class TracedAccount : AggregateRoot<TracedAccountId>
{
    private TracedAccount() { } // EF

    /// <summary>The case that traced the account.</summary>
    public CaseId CaseId { get; private set; }

    /// <summary>The account.</summary>
    public Iban Iban { get; private set; } = null!;

    /// <summary>When the case first traced it.</summary>
    public DateTimeOffset Since { get; private set; }

    /// <summary>Records that <paramref name="caseId"/> traced <paramref name="iban"/>.</summary>
    public static TracedAccount Record(CaseId caseId, Iban iban, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(iban);
        ArgumentNullException.ThrowIfNull(clock);
        return new TracedAccount { CaseId = caseId, Iban = iban, Since = clock.GetUtcNow() };
    }
}
