using Coordination.Domain.Audit;
using Coordination.Web.Persistence;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Security;

/// <summary>One audit record to append.</summary>
public sealed record AuditRecord(
    CurrentUser? Actor, AuditAction Action, string ObjectType, string? ObjectId, string? SubjectId, AuditResult Result, string Origin, string? Purpose);

/// <summary>The result of verifying the chain: intact, or the first entry that is missing, altered or out of order.</summary>
public sealed record AuditVerification(long Entries, long? FirstBrokenSequence)
{
    /// <summary>The command-line option that verifies the trail and exits.</summary>
    public const string CommandLineOption = "--verify-audit";

    /// <summary>True when the whole trail is intact.</summary>
    public bool Intact => FirstBrokenSequence is null;
}

/// <summary>
/// Appends to and verifies the hash-chained audit trail. Appends are serialized in this process; across processes the
/// sequence number is the key, so a concurrent append by another server fails and is retried on the new tail.
/// </summary>
public sealed class AuditTrail(SystemDbContexts contexts, TimeProvider clock) : IDisposable
{
    /// <summary>The actor recorded when nobody is signed in.</summary>
    public const string Anonymous = "anonymous";

    private const int Attempts = 8;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>Appends a record after the current tail.</summary>
    public async Task AppendAsync(AuditRecord record, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(record);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                await using var db = await contexts.CreateDbContextAsync(cancellationToken);
                await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
                if (db.Database.IsNpgsql())
                {
                    // Servers sharing one PostgreSQL take turns at the tail: the lock is held until this transaction ends.
                    await db.Database.ExecuteSqlRawAsync("SELECT pg_advisory_xact_lock(72201)", cancellationToken);
                }

                var tail = await db.AuditEntries.AsNoTracking().OrderByDescending(a => a.Sequence).FirstOrDefaultAsync(cancellationToken);
                db.AuditEntries.Add(AuditEntry.Append(
                    tail, clock.GetUtcNow(), record.Actor?.UserName ?? Anonymous, record.Actor?.AgencyId.Value, record.Action, record.ObjectType,
                    record.ObjectId, record.SubjectId, record.Result, record.Origin, record.Purpose));
                try
                {
                    await db.SaveChangesAsync(cancellationToken);
                    await transaction.CommitAsync(cancellationToken);
                    return;
                }
                catch (DbUpdateException) when (attempt < Attempts)
                {
                    // Another process appended the same sequence number first (SQLite shared by two processes);
                    // take the new tail and try again after a short, growing pause.
                    await Task.Delay(TimeSpan.FromMilliseconds(5 * attempt * attempt), cancellationToken);
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Walks the whole trail in order and reports the first broken link.</summary>
    public async Task<AuditVerification> VerifyAsync(CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var count = await db.AuditEntries.LongCountAsync(cancellationToken);

        // Streamed, not loaded: the trail only grows.
        var broken = AuditChain.FirstBrokenLink(db.AuditEntries.AsNoTracking().OrderBy(a => a.Sequence).AsEnumerable());
        return new AuditVerification(count, broken);
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();
}

/// <summary>The command-line verification.</summary>
internal static class AuditVerificationCommand
{
    /// <summary>Verifies the trail, prints the result and returns the exit code (0 intact, 3 broken).</summary>
    public static async Task<int> VerifyAuditTrailAsync(this WebApplication app)
    {
        var result = await app.Services.GetRequiredService<AuditTrail>().VerifyAsync(CancellationToken.None);
        await Console.Out.WriteLineAsync(result.Intact
            ? $"Audit trail intact: {result.Entries} entries verified."
            : $"Audit trail BROKEN: entry {result.FirstBrokenSequence} is missing, altered or out of order ({result.Entries} entries).");
        return result.Intact ? 0 : 3;
    }
}
