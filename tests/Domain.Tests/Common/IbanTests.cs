using Coordination.Domain.Common;
using Shouldly;
using Xunit;
using static Coordination.Domain.Tests.TestData;

namespace Coordination.Domain.Tests.Common;

// The valid IBANs are the examples of the SWIFT IBAN registry; their check digits were verified independently (mod 97)
// and not derived from the code under test.
public sealed class IbanTests
{
    [Theory]
    [InlineData("NL91ABNA0417164300", "NL91ABNA0417164300")]
    [InlineData("NL91 ABNA 0417 1643 00", "NL91ABNA0417164300")]
    [InlineData("nl91 abna 0417 1643 00", "NL91ABNA0417164300")]
    [InlineData("  NL91-ABNA-0417-1643-00\t", "NL91ABNA0417164300")]
    [InlineData("BE68539007547034", "BE68539007547034")]
    [InlineData("be68 5390 0754 7034", "BE68539007547034")]
    [InlineData("DE89 3704 0044 0532 0130 00", "DE89370400440532013000")]
    [InlineData("GB82WEST12345698765432", "GB82WEST12345698765432")]
    [InlineData("gb82 west 1234 5698 7654 32", "GB82WEST12345698765432")]
    public void Parse_ValidIbanWithSpacesOrLowerCase_ReturnsElectronicForm(string text, string expected)
    {
        Iban.Parse(text).Value.ShouldBe(expected);
    }

    [Fact]
    public void Parse_BadChecksum_ThrowsChecksumNamingTheIban()
    {
        var exception = ShouldFailWith(() => Iban.Parse("NL91ABNA0417164301"), "iban.checksum");

        exception.Message.ShouldContain("NL91ABNA0417164301");
        exception.Message.ShouldContain("check digits");
    }

    [Theory]
    [InlineData("NL19ABNA0417164300")] // check digits swapped
    [InlineData("NL91ABNA0417163400")] // two account digits swapped
    [InlineData("NL91INGB0417164300")] // other bank code
    [InlineData("BE68539007547035")]
    [InlineData("DE89370400440532013001")]
    public void Parse_TypingError_ThrowsChecksum(string text)
    {
        ShouldFailWith(() => Iban.Parse(text), "iban.checksum");
    }

    [Fact]
    public void Parse_DutchIbanOfWrongLength_ThrowsCountryLengthWithBothLengths()
    {
        var exception = ShouldFailWith(() => Iban.Parse("NL91ABNA04171643001"), "iban.country-length");

        exception.Message.ShouldContain("from NL has 18 characters");
        exception.Message.ShouldContain("has 19");
        exception.Arguments.ShouldBe(["NL", 18, 19]);
    }

    [Theory]
    [InlineData("NL91ABNA041716430", 17)]
    [InlineData("BE685390075470341", 17)]
    [InlineData("DE8937040044053201300", 21)]
    public void Parse_KnownCountryWithWrongLength_ThrowsCountryLength(string text, int length)
    {
        var exception = ShouldFailWith(() => Iban.Parse(text), "iban.country-length");

        exception.Message.ShouldContain($"has {length}");
    }

    [Fact]
    public void Parse_IllegalCharacter_ThrowsCharactersNamingTheCharacter()
    {
        var exception = ShouldFailWith(() => Iban.Parse("NL91 ABNA 0417 1643 0#"), "iban.characters");

        exception.Message.ShouldContain("'#'");
        exception.Message.ShouldContain("only letters and digits");
    }

    [Theory]
    [InlineData("NL91.ABNA.0417.1643.00", ".")]
    [InlineData("NL91ABNA041716430é", "é")]
    [InlineData("NL91_ABNA_0417164300", "_")]
    public void Parse_NonAlphanumericCharacter_ThrowsCharacters(string text, string character)
    {
        var exception = ShouldFailWith(() => Iban.Parse(text), "iban.characters");

        exception.Arguments.ShouldBe([character]);
    }

    [Theory]
    [InlineData("NL91")]
    [InlineData("NL91ABNA")]
    [InlineData("NL91 ABNA 0417 16")] // 14 characters, one below the minimum
    public void Parse_TooShort_ThrowsLength(string text)
    {
        var exception = ShouldFailWith(() => Iban.Parse(text), "iban.length");

        exception.Message.ShouldContain("15 to 34 characters");
    }

    [Fact]
    public void Parse_LongerThanAnyIban_ThrowsLength()
    {
        const string text = "LC55HEMM000100010012001200013015001"; // one more than the ISO maximum of 34
        text.Length.ShouldBe(35);

        var exception = ShouldFailWith(() => Iban.Parse(text), "iban.length");

        exception.Message.ShouldContain("has 35");
    }

    [Theory]
    [InlineData("9191ABNA0417164300")] // digit where the country code goes
    [InlineData("N191ABNA0417164300")]
    [InlineData("NLAAABNA0417164300")] // letters where the check digits go
    [InlineData("NL9AABNA0417164300")]
    [InlineData("ABNA0417164300NL91")] // country code at the end
    public void Parse_NotStartingWithCountryAndCheckDigits_ThrowsFormat(string text)
    {
        var exception = ShouldFailWith(() => Iban.Parse(text), "iban.format");

        exception.Message.ShouldContain("two-letter country code and two check digits");
    }

    [Theory]
    [InlineData("NL91AB1A0417164300")] // digit in the bank code
    [InlineData("NL91ABNA04171643X0")] // letter in the account number
    public void Parse_DutchIbanWithWrongStructure_ThrowsFormatNl(string text)
    {
        var exception = ShouldFailWith(() => Iban.Parse(text), "iban.format-nl");

        exception.Message.ShouldContain("four-letter bank code and ten digits");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public void Parse_Missing_ThrowsRequired(string? text)
    {
        var exception = ShouldFailWith(() => Iban.Parse(text), "iban.required");

        exception.Message.ShouldBe("An IBAN is required.");
    }

    [Fact]
    public void Parse_CountryWithoutKnownLength_IsAcceptedWhenChecksumMatches()
    {
        // Kosovo is not in the table of lengths; a foreign mule account must never be refused outright.
        var iban = Iban.Parse("XK05 1212 0123 4567 8906");

        iban.Value.ShouldBe("XK051212012345678906");
        iban.CountryCode.ShouldBe("XK");
    }

    [Fact]
    public void TryParse_Invalid_ReturnsFalseAndTheError()
    {
        Iban.TryParse("NL91ABNA0417164301", out var iban, out var error).ShouldBeFalse();

        iban.ShouldBeNull();
        error.ShouldNotBeNull().Code.ShouldBe("iban.checksum");
    }

    [Fact]
    public void TryParse_Valid_ReturnsTrueAndTheIban()
    {
        Iban.TryParse("nl91abna0417164300", out var iban, out var error).ShouldBeTrue();

        iban.ShouldNotBeNull().Value.ShouldBe("NL91ABNA0417164300");
        error.ShouldBeNull();
    }

    [Theory]
    [InlineData("NL", "ABNA0417164300", "NL91ABNA0417164300")]
    [InlineData("BE", "539007547034", "BE68539007547034")]
    [InlineData("DE", "370400440532013000", "DE89370400440532013000")]
    [InlineData("GB", "WEST12345698765432", "GB82WEST12345698765432")]
    [InlineData("XK", "1212012345678906", "XK051212012345678906")]
    public void FromBban_KnownAccount_ComputesTheRegistryCheckDigits(string country, string bban, string expected)
    {
        Iban.FromBban(country, bban).Value.ShouldBe(expected);
    }

    [Fact]
    public void FromBban_CheckDigitsBelowTen_PadsWithLeadingZero()
    {
        Iban.FromBban("NL", "RABO0000000001").Value.ShouldBe("NL03RABO0000000001");
    }

    [Fact]
    public void FromBban_LowerCaseInput_ReturnsUpperCaseIban()
    {
        Iban.FromBban("nl", "abna0417164300").Value.ShouldBe("NL91ABNA0417164300");
    }

    [Theory]
    [InlineData("ABNA")]
    [InlineData("INGB")]
    [InlineData("RABO")]
    [InlineData("SNSB")]
    public void FromBban_ManyAccounts_RoundTripThroughParse(string bankCode)
    {
        for (var account = 0L; account < 2_000_000_000L; account += 7_654_321L)
        {
            var bban = bankCode + account.ToString("0000000000", System.Globalization.CultureInfo.InvariantCulture);

            var iban = Iban.FromBban("NL", bban);

            iban.Value[4..].ShouldBe(bban);
            Iban.Parse(iban.Value).ShouldBe(iban);
            Iban.Parse(iban.ToPrintString().ToLowerInvariant()).ShouldBe(iban);
        }
    }

    [Fact]
    public void FromBban_InvalidBban_Throws()
    {
        ShouldFailWith(() => Iban.FromBban("NL", "ABNA04171643"), "iban.country-length");
    }

    [Theory]
    [InlineData("NL91ABNA0417164300", "ABNA")]
    [InlineData("NL03RABO0000000001", "RABO")]
    [InlineData("BE68539007547034", null)]
    [InlineData("DE89370400440532013000", null)]
    [InlineData("GB82WEST12345698765432", null)]
    public void BankCode_Iban_IsTheDutchBankCodeOrNull(string text, string? expected)
    {
        var iban = Iban.Parse(text);

        iban.BankCode.ShouldBe(expected);
        iban.IsDutch.ShouldBe(expected is not null);
    }

    [Theory]
    [InlineData("NL91ABNA0417164300", "NL91 ABNA 0417 1643 00")]
    [InlineData("BE68539007547034", "BE68 5390 0754 7034")]
    [InlineData("GB82WEST12345698765432", "GB82 WEST 1234 5698 7654 32")]
    public void ToPrintString_Iban_GroupsOfFour(string text, string expected)
    {
        Iban.Parse(text).ToPrintString().ShouldBe(expected);
    }

    [Fact]
    public void Equality_SameAccountTypedDifferently_IsEqual()
    {
        var typed = Iban.Parse("nl91 abna 0417 1643 00");
        var electronic = Iban.Parse("NL91ABNA0417164300");

        typed.ShouldBe(electronic);
        typed.GetHashCode().ShouldBe(electronic.GetHashCode());
        typed.ToString().ShouldBe("NL91ABNA0417164300");
        typed.ShouldNotBe(Iban.Parse("BE68539007547034"));
    }
}
