using Coordination.Domain.Common;

namespace Coordination.Domain.Cases;

/// <summary>Identifies a <see cref="CaseNote"/>.</summary>
public readonly record struct CaseNoteId(Guid Value) : ITypedId<CaseNoteId>
{
    /// <inheritdoc />
    public static CaseNoteId From(Guid value) => new(value);

    /// <inheritdoc />
    public override string ToString() => Value.ToString();
}

/// <summary>
/// A note in a case file: what an officer wants colleagues to know that no form asks for. Notes are never edited or
/// deleted — a correction is a new note — so the file keeps what was known when.
/// </summary>
public sealed class CaseNote : AggregateRoot<CaseNoteId>
{
    /// <summary>Maximum length of <see cref="Text"/>.</summary>
    public const int TextMaxLength = 4000;

    /// <summary>Maximum length of <see cref="Author"/>.</summary>
    public const int AuthorMaxLength = 256;

    private CaseNote() { } // EF

    /// <summary>The case the note belongs to.</summary>
    public CaseId CaseId { get; private set; }

    /// <summary>Who wrote it (sign-in name).</summary>
    public string Author { get; private set; } = null!;

    /// <summary>The note.</summary>
    public string Text { get; private set; } = null!;

    /// <summary>When it was written.</summary>
    public DateTimeOffset WrittenAt { get; private set; }

    /// <summary>Writes a note in an open or closed case (a closed case still gets notes: a victim calls back).</summary>
    public static CaseNote Write(CaseId caseId, string author, string text, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return new CaseNote
        {
            CaseId = caseId,
            Author = Guard.Required(author, nameof(Author), AuthorMaxLength),
            Text = Guard.Required(text, nameof(Text), TextMaxLength),
            WrittenAt = clock.GetUtcNow(),
        };
    }
}
