using System.Collections.Frozen;
using System.Text;

namespace Coordination.Domain.Common;

/// <summary>
/// An International Bank Account Number (ISO 13616), stored in its electronic form (no spaces, upper case) and
/// checked with the mod-97 rule and the length of its country.
/// </summary>
public sealed record Iban
{
    /// <summary>The longest IBAN of any country (Saint Lucia, Russia: 33; 34 is the ISO maximum).</summary>
    public const int MaxLength = 34;

    // Lengths per country from the SWIFT IBAN registry for the countries a Dutch fraud case meets most; other
    // countries are accepted with the generic 15–34 bound so a foreign mule account is never refused outright.
    private static readonly FrozenDictionary<string, int> _lengths = new Dictionary<string, int>
    {
        ["NL"] = 18, ["BE"] = 16, ["DE"] = 22, ["FR"] = 27, ["LU"] = 20, ["ES"] = 24, ["IT"] = 27, ["PT"] = 25,
        ["GB"] = 22, ["IE"] = 22, ["AT"] = 20, ["CH"] = 21, ["PL"] = 28, ["RO"] = 24, ["BG"] = 22, ["LT"] = 20,
        ["LV"] = 21, ["EE"] = 20, ["FI"] = 18, ["SE"] = 24, ["DK"] = 18, ["NO"] = 15, ["CZ"] = 24, ["SK"] = 24,
        ["HU"] = 28, ["GR"] = 27, ["CY"] = 28, ["MT"] = 31, ["HR"] = 21, ["SI"] = 19, ["TR"] = 26,
    }.ToFrozenDictionary();

    private Iban(string value) => Value = value;

    /// <summary>The electronic form, e.g. <c>NL91ABNA0417164300</c>.</summary>
    public string Value { get; }

    /// <summary>The two-letter country code.</summary>
    public string CountryCode => Value[..2];

    /// <summary>True for a Dutch IBAN.</summary>
    public bool IsDutch => CountryCode == "NL";

    /// <summary>The four-letter bank code of a Dutch IBAN (e.g. <c>ABNA</c>); null for other countries.</summary>
    public string? BankCode => IsDutch ? Value.Substring(4, 4) : null;

    /// <summary>Parses and validates an IBAN typed by a person (spaces allowed, any case).</summary>
    /// <exception cref="DomainException">The text is not a valid IBAN; the message says what is wrong.</exception>
    public static Iban Parse(string? text)
    {
        if (!TryParse(text, out var iban, out var error))
        {
            throw error!;
        }

        return iban!;
    }

    /// <summary>Tries to parse an IBAN; on failure <paramref name="error"/> says what is wrong.</summary>
    public static bool TryParse(string? text, out Iban? iban, out DomainException? error)
    {
        iban = null;
        error = Validate(text, out var normalized);
        if (error is not null)
        {
            return false;
        }

        iban = new Iban(normalized);
        return true;
    }

    /// <summary>Builds an IBAN from a country and a BBAN (for a Dutch IBAN: bank code + 10-digit account), computing
    /// the check digits.</summary>
    public static Iban FromBban(string countryCode, string bban)
    {
        ArgumentNullException.ThrowIfNull(countryCode);
        ArgumentNullException.ThrowIfNull(bban);
        var country = countryCode.ToUpperInvariant();
        var remainder = Mod97(bban.ToUpperInvariant() + country + "00");
        var check = 98 - remainder;
        return Parse($"{country}{check:00}{bban}");
    }

    /// <summary>The IBAN in groups of four, as printed on a bank card.</summary>
    public string ToPrintString()
    {
        var builder = new StringBuilder(Value.Length + (Value.Length / 4));
        for (var i = 0; i < Value.Length; i++)
        {
            if (i > 0 && i % 4 == 0)
            {
                builder.Append(' ');
            }

            builder.Append(Value[i]);
        }

        return builder.ToString();
    }

    /// <inheritdoc />
    public override string ToString() => Value;

    private static DomainException? Validate(string? text, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrWhiteSpace(text))
        {
            return new DomainException("iban.required", "An IBAN is required.");
        }

        var builder = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if (c is ' ' or '\t' or '-')
            {
                continue;
            }

            if (!char.IsAsciiLetterOrDigit(c))
            {
                return new DomainException(
                    "iban.characters", $"An IBAN may contain only letters and digits; '{c}' is not allowed.", c.ToString());
            }

            builder.Append(char.ToUpperInvariant(c));
        }

        var value = builder.ToString();
        if (value.Length < 15 || value.Length > MaxLength)
        {
            return new DomainException(
                "iban.length", $"An IBAN has 15 to {MaxLength} characters; '{value}' has {value.Length}.", value, value.Length);
        }

        if (!char.IsAsciiLetter(value[0]) || !char.IsAsciiLetter(value[1]) || !char.IsAsciiDigit(value[2]) || !char.IsAsciiDigit(value[3]))
        {
            return new DomainException(
                "iban.format", $"An IBAN starts with a two-letter country code and two check digits; '{value}' does not.", value);
        }

        var country = value[..2];
        if (_lengths.TryGetValue(country, out var expected) && value.Length != expected)
        {
            return new DomainException(
                "iban.country-length",
                $"An IBAN from {country} has {expected} characters; '{value}' has {value.Length}.",
                country,
                expected,
                value.Length);
        }

        if (country == "NL" && !(value.Skip(4).Take(4).All(char.IsAsciiLetter) && value.Skip(8).All(char.IsAsciiDigit)))
        {
            return new DomainException(
                "iban.format-nl", $"A Dutch IBAN is NL, two check digits, a four-letter bank code and ten digits; '{value}' is not.", value);
        }

        if (Mod97(value[4..] + value[..4]) != 1)
        {
            return new DomainException(
                "iban.checksum", $"The check digits of IBAN '{value}' do not match; check for a typing error.", value);
        }

        normalized = value;
        return null;
    }

    // Letters count as two digits (A = 10 … Z = 35); the remainder is computed digit by digit so no big integer is needed.
    private static int Mod97(string rearranged)
    {
        var remainder = 0;
        foreach (var c in rearranged)
        {
            if (char.IsAsciiDigit(c))
            {
                remainder = ((remainder * 10) + (c - '0')) % 97;
            }
            else
            {
                var number = c - 'A' + 10;
                remainder = ((remainder * 100) + number) % 97;
            }
        }

        return remainder;
    }
}
