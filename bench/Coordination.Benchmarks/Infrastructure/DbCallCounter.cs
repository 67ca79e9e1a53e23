using System.Collections.Concurrent;
using System.Data.Common;
using Coordination.Web.Persistence;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Coordination.Benchmarks.Infrastructure;

/// <summary>
/// Counts the database round trips EF makes and the time spent in them (executing commands and committing), so a
/// measured operation can be split into "waiting for the database" and "everything else". Optionally keeps the SQL.
/// </summary>
internal sealed class DbCallCounter
{
    private long _commands;
    private long _commandTicks;
    private long _commits;
    private long _commitTicks;
    private long _saveChanges;
    private long _compilations;
    private long _saveChangesTicks;

    public DbCallCounter()
    {
        Commands = new CommandPart(this);
        Transactions = new TransactionPart(this);
        SaveChanges = new SaveChangesPart(this);
    }

    /// <summary>Keep the text of every command in <see cref="Captured"/>.</summary>
    public bool Capture { get; set; }

    public ConcurrentQueue<string> Captured { get; } = new();

    public IInterceptor Commands { get; }

    public IInterceptor Transactions { get; }

    public IInterceptor SaveChanges { get; }

    /// <summary>Queries EF had to compile (a miss of its query cache), as counted from its log.</summary>
    public long QueryCompilations => Interlocked.Read(ref _compilations);

    /// <summary>Feed for DbContextOptionsBuilder.LogTo, filtered to <see cref="CoreEventId.QueryCompilationStarting"/>.</summary>
    public void OnQueryCompilation(EventData eventData) => Interlocked.Increment(ref _compilations);

    public DbCalls Snapshot() => new(
        Interlocked.Read(ref _commands), TimeSpan.FromTicks(Interlocked.Read(ref _commandTicks)),
        Interlocked.Read(ref _commits), TimeSpan.FromTicks(Interlocked.Read(ref _commitTicks)),
        Interlocked.Read(ref _saveChanges), TimeSpan.FromTicks(Interlocked.Read(ref _saveChangesTicks)));

    private void Command(DbCommand command, TimeSpan duration)
    {
        Interlocked.Increment(ref _commands);
        Interlocked.Add(ref _commandTicks, duration.Ticks);
        if (Capture)
        {
            Captured.Enqueue(command.CommandText);
        }
    }

    private void Commit(TimeSpan duration)
    {
        Interlocked.Increment(ref _commits);
        Interlocked.Add(ref _commitTicks, duration.Ticks);
        if (Capture)
        {
            Captured.Enqueue("COMMIT");
        }
    }

    // EF's SaveChanges from its first interceptor call to its last: DetectChanges, the update pipeline, the commands
    // and the commit (not what an overriding SaveChangesAsync does before calling the base). The workflow's saves go
    // through the app's DirectChangeWriter instead, which tells its observers when it starts writing its statements
    // and when they are committed: that span is timed the same way, and its statements kept like EF's commands.
    private sealed class SaveChangesPart(DbCallCounter owner) : SaveChangesInterceptor, IDirectSaveObserver
    {
        public void Saving(DbContext context, IReadOnlyList<string> statements)
        {
            _started[context] = System.Diagnostics.Stopwatch.GetTimestamp();
            if (owner.Capture)
            {
                foreach (var statement in statements)
                {
                    owner.Captured.Enqueue(statement);
                }
            }
        }

        public void Saved(DbContext context)
        {
            if (_started.TryRemove(context, out var started))
            {
                Interlocked.Increment(ref owner._saveChanges);
                Interlocked.Add(ref owner._saveChangesTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
            }
        }

        public void Failed(DbContext context) => _started.TryRemove(context, out _);

        private readonly ConcurrentDictionary<object, long> _started = new(ReferenceEqualityComparer.Instance);

        public override ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            _started[eventData.Context!] = System.Diagnostics.Stopwatch.GetTimestamp();
            return ValueTask.FromResult(result);
        }

        public override ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            if (_started.TryRemove(eventData.Context!, out var started))
            {
                Interlocked.Increment(ref owner._saveChanges);
                Interlocked.Add(ref owner._saveChangesTicks, System.Diagnostics.Stopwatch.GetElapsedTime(started).Ticks);
            }

            return ValueTask.FromResult(result);
        }

        public override Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            _started.TryRemove(eventData.Context!, out _);
            return Task.CompletedTask;
        }
    }

    private sealed class CommandPart(DbCallCounter owner) : DbCommandInterceptor
    {
        public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
        {
            owner.Command(command, eventData.Duration);
            return result;
        }

        public override ValueTask<DbDataReader> ReaderExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
        {
            owner.Command(command, eventData.Duration);
            return ValueTask.FromResult(result);
        }

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            owner.Command(command, eventData.Duration);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            owner.Command(command, eventData.Duration);
            return ValueTask.FromResult(result);
        }

        public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
        {
            owner.Command(command, eventData.Duration);
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            owner.Command(command, eventData.Duration);
            return ValueTask.FromResult(result);
        }
    }

    private sealed class TransactionPart(DbCallCounter owner) : DbTransactionInterceptor
    {
        public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => owner.Commit(eventData.Duration);

        public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            owner.Commit(eventData.Duration);
            return Task.CompletedTask;
        }
    }
}

/// <summary>Round trips and the time spent in them.</summary>
internal readonly record struct DbCalls(long Commands, TimeSpan CommandTime, long Commits, TimeSpan CommitTime, long SaveChanges, TimeSpan SaveChangesTime)
{
    public TimeSpan Total => CommandTime + CommitTime;

    public static DbCalls operator -(DbCalls after, DbCalls before) =>
        new(after.Commands - before.Commands, after.CommandTime - before.CommandTime, after.Commits - before.Commits, after.CommitTime - before.CommitTime,
            after.SaveChanges - before.SaveChanges, after.SaveChangesTime - before.SaveChangesTime);
}
