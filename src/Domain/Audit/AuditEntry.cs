using Coordination.Domain.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Coordination.Domain.Audit;

/// <summary>What was done (NEN 7513-style event types).</summary>
public enum AuditAction
{
    /// <summary>Read (open a case, view a person).</summary>
    Read,

    /// <summary>Search.</summary>
    Search,

    /// <summary>Export or print.</summary>
    Export,

    /// <summary>Create.</summary>
    Create,

    /// <summary>Update.</summary>
    Update,

    /// <summary>Delete.</summary>
    Delete,

    /// <summary>Claim a task.</summary>
    Claim,

    /// <summary>Complete a task.</summary>
    Complete,

    /// <summary>Sign in or out.</summary>
    SignIn,

    /// <summary>Stop something for good (a workflow), with a reason.</summary>
    Cancel,
}

/// <summary>How the attempt ended.</summary>
public enum AuditResult
{
    /// <summary>Allowed and done.</summary>
    Succeeded,

    /// <summary>Refused by the need-to-know policy.</summary>
    Denied,

    /// <summary>Allowed but failed.</summary>
    Failed,
}

/// <summary>
/// One line of the append-only audit trail with the BIO 8.15.01 fields (action, object, result, origin, actor,
/// timestamp) plus the subject, the agency acted for and the purpose. Each entry carries the hash of the previous one,
/// so changing or deleting any entry breaks the chain from that point on.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Maximum length of the text fields.</summary>
    public const int ActorMaxLength = 256, ObjectTypeMaxLength = 64, IdMaxLength = 64, OriginMaxLength = 128, PurposeMaxLength = 500;

    /// <summary>Length of a hex SHA-256 hash.</summary>
    public const int HashLength = 64;

    /// <summary>The hash that precedes the first entry.</summary>
    public static readonly string GenesisHash = new('0', HashLength);

    private AuditEntry() { } // EF

    /// <summary>Position in the chain, from 1, without gaps.</summary>
    public long Sequence { get; private set; }

    /// <summary>When it happened (UTC).</summary>
    public DateTimeOffset At { get; private set; }

    /// <summary>Who did it.</summary>
    public string Actor { get; private set; } = null!;

    /// <summary>The agency the actor acted for.</summary>
    public Guid? OnBehalfOfAgencyId { get; private set; }

    /// <summary>What was done.</summary>
    public AuditAction Action { get; private set; }

    /// <summary>Kind of object, e.g. <c>FraudCase</c>.</summary>
    public string ObjectType { get; private set; } = null!;

    /// <summary>The object's id.</summary>
    public string? ObjectId { get; private set; }

    /// <summary>The person whose data was touched, if any.</summary>
    public string? SubjectId { get; private set; }

    /// <summary>Result.</summary>
    public AuditResult Result { get; private set; }

    /// <summary>Where the request came from (IP address, circuit).</summary>
    public string? Origin { get; private set; }

    /// <summary>For reads of persons: why.</summary>
    public string? Purpose { get; private set; }

    /// <summary>Hash of the previous entry.</summary>
    public string PreviousHash { get; private set; } = null!;

    /// <summary>Hash of this entry (covers every field above and <see cref="PreviousHash"/>).</summary>
    public string Hash { get; private set; } = null!;

    /// <summary>Creates the entry that follows <paramref name="previous"/> (null for the first).</summary>
    public static AuditEntry Append(
        AuditEntry? previous, DateTimeOffset at, string actor, Guid? onBehalfOfAgencyId, AuditAction action, string objectType,
        string? objectId, string? subjectId, AuditResult result, string? origin, string? purpose)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(objectType);
        var entry = new AuditEntry
        {
            Sequence = (previous?.Sequence ?? 0) + 1,
            At = TruncateToMicroseconds(at.ToUniversalTime()),
            Actor = Truncate(actor, ActorMaxLength)!,
            OnBehalfOfAgencyId = onBehalfOfAgencyId,
            Action = action,
            ObjectType = Truncate(objectType, ObjectTypeMaxLength)!,
            ObjectId = Truncate(objectId, IdMaxLength),
            SubjectId = Truncate(subjectId, IdMaxLength),
            Result = result,
            Origin = Truncate(origin, OriginMaxLength),
            Purpose = Truncate(purpose, PurposeMaxLength),
            PreviousHash = previous?.Hash ?? GenesisHash,
        };
        entry.Hash = entry.ComputeHash();
        return entry;
    }

    /// <summary>Recomputes the hash from the stored fields.</summary>
    public string ComputeHash()
    {
        // A fixed, culture-free layout with a separator that cannot occur in the fields' meaning keeps the hash stable
        // across machines and versions; the timestamp is in UTC ticks because a database may round the text form.
        var canonical = string.Join(
            '\u001f',
            Sequence.ToString(CultureInfo.InvariantCulture),
            At.UtcTicks.ToString(CultureInfo.InvariantCulture),
            Actor,
            OnBehalfOfAgencyId?.ToString() ?? string.Empty,
            Action.ToString(),
            ObjectType,
            ObjectId ?? string.Empty,
            SubjectId ?? string.Empty,
            Result.ToString(),
            Origin ?? string.Empty,
            Purpose ?? string.Empty,
            PreviousHash);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));
    }

    // PostgreSQL keeps microseconds; a timestamp with 100-ns ticks would read back different and break its own hash.
    private static DateTimeOffset TruncateToMicroseconds(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);

    private static string? Truncate(string? value, int max) => TextLimits.Cut(value, max);
}

/// <summary>Checks an audit trail for tampering.</summary>
public static class AuditChain
{
    /// <summary>
    /// Walks the entries in sequence order and returns the sequence number of the first entry that is missing, altered
    /// or out of chain; null when the whole trail is intact.
    /// </summary>
    public static long? FirstBrokenLink(IEnumerable<AuditEntry> entriesInOrder)
    {
        ArgumentNullException.ThrowIfNull(entriesInOrder);
        var expectedSequence = 1L;
        var previousHash = AuditEntry.GenesisHash;
        foreach (var entry in entriesInOrder)
        {
            if (entry.Sequence != expectedSequence || entry.PreviousHash != previousHash || entry.ComputeHash() != entry.Hash)
            {
                return Math.Min(entry.Sequence, expectedSequence);
            }

            previousHash = entry.Hash;
            expectedSequence++;
        }

        return null;
    }
}
