using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Microsoft.Extensions.Time.Testing;
using Shouldly;
using Xunit;

namespace Coordination.Domain.Tests.Cases;

public sealed class CaseNoteTests
{
    private static readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 3, 2, 9, 30, 0, TimeSpan.Zero));
    private static readonly CaseId _case = CaseId.From(Guid.Parse("0c0c0000-0000-4000-8000-000000000001"));

    [Fact]
    public void Write_Text_TrimsItAndStampsAuthorAndTime()
    {
        var note = CaseNote.Write(_case, "rechercheur@politie.test", "  Slachtoffer belde terug.\n", _clock);

        (note.CaseId, note.Author, note.Text, note.WrittenAt).ShouldBe((_case, "rechercheur@politie.test", "Slachtoffer belde terug.", _clock.GetUtcNow()));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    public void Write_NoText_ThrowsRequired(string? text)
    {
        Should.Throw<DomainException>(() => CaseNote.Write(_case, "a@b.test", text!, _clock)).Code.ShouldBe("field.required");
    }

    [Fact]
    public void Write_TextOverTheLimit_ThrowsTooLongWithBothLengths()
    {
        var exception = Should.Throw<DomainException>(() => CaseNote.Write(_case, "a@b.test", new string('x', CaseNote.TextMaxLength + 1), _clock));

        exception.Code.ShouldBe("field.too-long");
        exception.Arguments.ShouldBe(["Text", CaseNote.TextMaxLength, CaseNote.TextMaxLength + 1]);
    }
}
