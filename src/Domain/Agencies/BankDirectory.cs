using Coordination.Domain.Common;

namespace Coordination.Domain.Agencies;

/// <summary>
/// The configurable table from Dutch bank code to the bank (agency) that holds the account. It is built from the
/// registered banks, so an administrator changes it by changing a bank's code, not by changing code.
/// </summary>
public sealed class BankDirectory
{
    private readonly Dictionary<string, AgencyId> _byCode;

    /// <summary>Builds the directory from (bank code, agency) pairs.</summary>
    /// <exception cref="DomainException">Two banks claim the same code.</exception>
    public BankDirectory(IEnumerable<(string BankCode, AgencyId Bank)> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        _byCode = new Dictionary<string, AgencyId>(StringComparer.OrdinalIgnoreCase);
        foreach (var (code, bank) in entries)
        {
            if (!_byCode.TryAdd(code, bank))
            {
                throw new DomainException("bank-directory.duplicate", $"Bank code {code} is registered to two banks.", code);
            }
        }
    }

    /// <summary>Builds the directory from the registered agencies (non-banks are ignored).</summary>
    public static BankDirectory From(IEnumerable<Agency> agencies) =>
        new(agencies.Where(a => a.Kind == AgencyKind.Bank && a.BankCode is not null).Select(a => (a.BankCode!, a.Id)));

    /// <summary>The bank holding a Dutch account, or null for a foreign IBAN or an unknown bank code.</summary>
    public AgencyId? BankOf(Iban iban)
    {
        ArgumentNullException.ThrowIfNull(iban);
        return iban.BankCode is { } code && _byCode.TryGetValue(code, out var bank) ? bank : null;
    }
}
