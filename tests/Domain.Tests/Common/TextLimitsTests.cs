using Coordination.Domain.Common;
using Shouldly;
using Xunit;

namespace Coordination.Domain.Tests.Common;

public sealed class TextLimitsTests
{
    [Theory]
    [InlineData(null, 5, null)]
    [InlineData("kort", 5, "kort")]
    [InlineData("precies", 7, "precies")]
    [InlineData("te lange tekst", 7, "te lang")]
    public void Cut_PlainText_KeepsAtMostTheLimit(string? value, int max, string? expected) =>
        TextLimits.Cut(value, max).ShouldBe(expected);

    [Fact]
    public void Cut_LimitFallsInsideACharacterOutsideTheBasicPlane_DropsTheWholeCharacter()
    {
        var name = "Jan 😀 de Vries"; // the emoji is two chars, at index 4 and 5

        var cut = TextLimits.Cut(name, 5);

        cut.ShouldBe("Jan ");
        cut!.ShouldAllBe(c => !char.IsSurrogate(c));
    }
}
