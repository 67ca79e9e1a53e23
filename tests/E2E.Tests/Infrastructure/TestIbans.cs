using System.Globalization;
using System.Numerics;
using System.Text;

namespace Coordination.E2E.Tests.Infrastructure;

/// <summary>
/// Valid Dutch IBANs at the demo banks, computed here (ISO 13616 mod-97 check digits) so the browser tests need nothing
/// of the app's assemblies. Each test uses its own account numbers, so tests running side by side on one database never
/// share an account (a shared IBAN would link their cases).
/// </summary>
public static class TestIbans
{
    /// <summary>Bank codes of the demo banks.</summary>
    public const string Noordzee = "NZBK";

    public const string Polder = "PLDR";

    public const string Tulp = "TULP";

    private static int _next = Random.Shared.Next(100_000, 900_000);

    /// <summary>A Dutch IBAN at <paramref name="bankCode"/> for a ten-digit account number.</summary>
    public static string Nl(string bankCode, long account)
    {
        ArgumentNullException.ThrowIfNull(bankCode);
        var bban = bankCode + account.ToString("0000000000", CultureInfo.InvariantCulture);
        var digits = new StringBuilder();
        foreach (var c in bban + "NL00")
        {
            digits.Append(char.IsAsciiLetter(c) ? (char.ToUpperInvariant(c) - 'A' + 10).ToString(CultureInfo.InvariantCulture) : c.ToString());
        }

        var check = 98 - (int)(BigInteger.Parse(digits.ToString(), CultureInfo.InvariantCulture) % 97);
        return $"NL{check.ToString("00", CultureInfo.InvariantCulture)}{bban}";
    }

    /// <summary>A Dutch IBAN at <paramref name="bankCode"/> that no other call in this test run returns; random
    /// per run, so a rerun on the same database would not link to an earlier run's case either.</summary>
    public static string Fresh(string bankCode) => Nl(bankCode, 7_000_000_000L + Interlocked.Increment(ref _next));
}
