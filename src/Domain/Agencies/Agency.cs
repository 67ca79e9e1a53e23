using System.Text.RegularExpressions;
using Coordination.Domain.Common;

namespace Coordination.Domain.Agencies;

/// <summary>An organisation in the chain: a police unit, an OM office, a bank or Halt.</summary>
public sealed partial class Agency : AggregateRoot<AgencyId>
{
    /// <summary>Maximum length of <see cref="Code"/>.</summary>
    public const int CodeMaxLength = 32;

    /// <summary>Maximum length of <see cref="Name"/>.</summary>
    public const int NameMaxLength = 200;

    /// <summary>Length of a Dutch bank code (the letters 5–8 of a Dutch IBAN).</summary>
    public const int BankCodeLength = 4;

    private Agency() { } // EF

    private Agency(string code, string name, AgencyKind kind, string? bankCode)
    {
        Code = code;
        Name = name;
        Kind = kind;
        BankCode = bankCode;
    }

    /// <summary>Short unique code, e.g. <c>POL-ON-CYBER</c>.</summary>
    public string Code { get; private set; } = null!;

    /// <summary>Display name.</summary>
    public string Name { get; private set; } = null!;

    /// <summary>Kind of organisation.</summary>
    public AgencyKind Kind { get; private set; }

    /// <summary>For a bank: the four-letter code in its Dutch IBANs, by which accounts are routed to it.</summary>
    public string? BankCode { get; private set; }

    /// <summary>Registers an agency that is not a bank.</summary>
    public static Agency Create(string code, string name, AgencyKind kind)
    {
        if (Guard.Defined(kind, "Agency kind") == AgencyKind.Bank)
        {
            throw new DomainException("agency.bank-needs-code", "A bank is registered with its bank code; use the bank registration.");
        }

        return new Agency(ValidCode(code), Guard.Required(name, "Name", NameMaxLength), kind, bankCode: null);
    }

    /// <summary>Registers a bank with the bank code of its Dutch IBANs.</summary>
    public static Agency CreateBank(string code, string name, string bankCode) =>
        new(ValidCode(code), Guard.Required(name, "Name", NameMaxLength), AgencyKind.Bank, ValidBankCode(bankCode));

    /// <summary>Renames the agency.</summary>
    public void Rename(string name) => Name = Guard.Required(name, "Name", NameMaxLength);

    /// <summary>Changes the bank code (banks merge and rebrand); only for banks.</summary>
    public void ChangeBankCode(string bankCode)
    {
        if (Kind != AgencyKind.Bank)
        {
            throw new DomainException("agency.not-a-bank", $"{Name} is not a bank and has no bank code.", Name);
        }

        BankCode = ValidBankCode(bankCode);
    }

    private static string ValidCode(string code)
    {
        var value = Guard.Required(code, "Code", CodeMaxLength).ToUpperInvariant();
        if (!CodePattern().IsMatch(value))
        {
            throw new DomainException("agency.code", $"An agency code uses letters, digits and dashes only; '{value}' does not.", value);
        }

        return value;
    }

    private static string ValidBankCode(string bankCode)
    {
        var value = (bankCode ?? string.Empty).Trim().ToUpperInvariant();
        if (value.Length != BankCodeLength || !value.All(char.IsAsciiLetter))
        {
            throw new DomainException(
                "agency.bank-code", $"A bank code is four letters, as in the IBAN NL91 ABNA …; '{bankCode}' is not.", bankCode);
        }

        return value;
    }

    [GeneratedRegex("^[A-Z0-9][A-Z0-9-]*$", RegexOptions.CultureInvariant, 1000)]
    private static partial Regex CodePattern();
}
