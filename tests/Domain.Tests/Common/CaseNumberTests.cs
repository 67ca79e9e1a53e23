using Coordination.Domain.Common;
using Shouldly;
using Xunit;
using static Coordination.Domain.Tests.TestData;

namespace Coordination.Domain.Tests.Common;

public sealed class CaseNumberTests
{
    [Theory]
    [InlineData(2026, 123, "OF-2026-000123")]
    [InlineData(2000, 1, "OF-2000-000001")]
    [InlineData(2999, 999_999, "OF-2999-999999")]
    public void Create_YearAndSequence_FormatsValue(int year, int sequence, string expected)
    {
        var number = CaseNumber.Create(year, sequence);

        number.Value.ShouldBe(expected);
        number.ToString().ShouldBe(expected);
        number.Value.Length.ShouldBe(CaseNumber.Length);
        number.Year.ShouldBe(year);
        number.Sequence.ShouldBe(sequence);
    }

    [Theory]
    [InlineData(1999)]
    [InlineData(3000)]
    [InlineData(0)]
    public void Create_YearOutOfRange_ThrowsYear(int year)
    {
        var exception = ShouldFailWith(() => CaseNumber.Create(year, 1), "case-number.year");

        exception.Message.ShouldContain($"got {year}");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1_000_000)]
    public void Create_SequenceOutOfRange_ThrowsSequence(int sequence)
    {
        var exception = ShouldFailWith(() => CaseNumber.Create(2026, sequence), "case-number.sequence");

        exception.Message.ShouldContain("between 1 and 999999");
    }

    [Theory]
    [InlineData("OF-2026-000123")]
    [InlineData("of-2026-000123")]
    [InlineData("  OF-2026-000123 ")]
    public void Parse_CaseNumberText_ReturnsEqualCaseNumber(string text)
    {
        CaseNumber.Parse(text).ShouldBe(CaseNumber.Create(2026, 123));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("OF-26-000123")]
    [InlineData("OF-2026-123")]
    [InlineData("OF-2026-0001234")]
    [InlineData("XX-2026-000123")]
    [InlineData("OF2026000123")]
    [InlineData("OF-2026-00012A")]
    public void Parse_NotACaseNumber_ThrowsFormat(string? text)
    {
        var exception = ShouldFailWith(() => CaseNumber.Parse(text), "case-number.format");

        exception.Message.ShouldContain("expected the form OF-2026-000123");
    }

    [Fact]
    public void Parse_SequenceZero_ThrowsSequence()
    {
        ShouldFailWith(() => CaseNumber.Parse("OF-2026-000000"), "case-number.sequence");
    }

    [Fact]
    public void Parse_YearBefore2000_ThrowsYear()
    {
        ShouldFailWith(() => CaseNumber.Parse("OF-1999-000001"), "case-number.year");
    }

    [Fact]
    public void Equality_DifferentSequence_IsNotEqual()
    {
        CaseNumber.Create(2026, 1).ShouldNotBe(CaseNumber.Create(2026, 2));
        CaseNumber.Create(2026, 1).ShouldNotBe(CaseNumber.Create(2025, 1));
    }
}
