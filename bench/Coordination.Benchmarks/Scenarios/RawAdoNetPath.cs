using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Coordination.Benchmarks.Infrastructure;
using Coordination.Domain.WorkItems;
using Coordination.Web.Persistence;
using Coordination.Web.WorkflowHosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Coordination.Benchmarks.Scenarios;

/// <summary>What the raw path remembers about an instance between its operations (the runtime keeps nothing).</summary>
internal sealed class RawInstance
{
    public required Guid InstanceId { get; init; }

    public required Guid CaseId { get; init; }

    public required Guid AgencyId { get; set; }

    /// <summary>Written back unchanged on every step: the raw path runs no engine and serializes nothing.</summary>
    public required string StateJson { get; set; }

    public required long Revision { get; set; }

    public required long JournalSequence { get; set; }

    public required int TaskNumber { get; set; }
}

/// <summary>
/// The hand-written ceiling: one ADO.NET transaction that writes exactly the rows the runtime's SaveChanges writes for
/// a complete-and-advance (traced with the "sql" scenario) — the work item completed with its history event, the
/// instance row's state and revision (with the revision check), the bookmark swapped, three journal lines, the next
/// work item with its "created" event. No engine, no serialization, no change tracking. <c>read: true</c> also reads
/// what a real implementation would have to read first (item, bookmark → instance, instance row, case).
/// </summary>
internal sealed partial class RawAdoNetPath(BenchDatabase database, TimeProvider clock) : IAsyncDisposable
{
    private const string CompleteItem =
        """UPDATE "WorkItems" SET "ClosedAt" = @0, "Outcome" = @1, "Status" = @2, "Version" = @3 WHERE "Id" = @4 AND "Version" = @5""";

    private const string InsertItemEvent =
        """INSERT INTO "WorkItemEvents" ("Actor", "Assignee", "At", "Kind", "WorkItemId") VALUES (@0, @1, @2, @3, @4)""";

    private const string UpdateInstance =
        """UPDATE "WorkflowInstances" SET "Revision" = @0, "StateJson" = @1, "UpdatedAt" = @2 WHERE "Id" = @3 AND "Revision" = @4""";

    private const string DeleteBookmark = """DELETE FROM "WorkflowBookmarks" WHERE "Id" = @0""";

    private const string InsertBookmark =
        """INSERT INTO "WorkflowBookmarks" ("Id", "ActivityId", "InstanceId", "Kind", "Name") VALUES (@0, @1, @2, @3, @4)""";

    private const string InsertJournal =
        """INSERT INTO "WorkflowJournal" ("InstanceId", "Sequence", "ActivityId", "Actor", "At", "Event", "Payload") VALUES (@0, @1, @2, @3, @4, @5, @6)""";

    private const string InsertItem =
        """
        INSERT INTO "WorkItems" ("Id", "ActivityId", "Assignee", "AtRiskAt", "CandidateAgencyId", "CandidateRole", "CaseId", "ClosedAt", "CreatedAt", "DueAt",
            "EscalatedAt", "EscalatedToAgencyId", "EscalatedToRole", "FormData", "Outcome", "Status", "Title", "TitleEnglish", "Version", "WorkflowInstanceId")
        VALUES (@0, @1, NULL, @11, @2, @3, @4, NULL, @5, @6, NULL, NULL, NULL, NULL, NULL, @7, @8, @9, 0, @10)
        """;

    private const string ReadItem = """SELECT "Version", "Status", "CaseId" FROM "WorkItems" WHERE "Id" = @0""";

    private const string ReadBookmark = """SELECT "InstanceId" FROM "WorkflowBookmarks" WHERE "Id" = @0""";

    private const string ReadInstance = """SELECT "Revision", "StateJson" FROM "WorkflowInstances" WHERE "Id" = @0""";

    private const string ReadCase = """SELECT "OwningUnitId" FROM "Cases" WHERE "Id" = @0""";

    private readonly bool _postgres = database.Provider == DatabaseProvider.PostgreSql;
    // The connection string as the app makes it (statements prepared on the server after a few uses): the same
    // settings for both paths.
    private readonly NpgsqlDataSource? _npgsql = database.Provider == DatabaseProvider.PostgreSql
        ? NpgsqlDataSource.Create(PersistenceRegistration.PostgreSqlConnectionString(database.ConnectionString))
        : null;

    // Each statement's text in the provider's placeholder style, made once: a hand-written path has its SQL ready.
    private readonly Dictionary<string, string> _sql = [];

    /// <summary>Reads, through EF and outside any measurement, what the raw path needs to know about fresh instances.</summary>
    public static async Task<Dictionary<Guid, RawInstance>> LoadAsync(CoordinationApp app, IReadOnlyCollection<Guid> instanceIds)
    {
        ArgumentNullException.ThrowIfNull(app);
        var ids = instanceIds.ToList();
        var nullableIds = ids.Select(i => (Guid?)i).ToList();
        await using var db = app.Db();
        var records = await db.WorkflowInstances.AsNoTracking().Where(i => ids.Contains(i.Id)).ToListAsync();
        var items = await db.WorkItems.AsNoTracking()
            .Where(w => w.Status == WorkItemStatus.Open && nullableIds.Contains(w.WorkflowInstanceId))
            .Select(w => new { w.WorkflowInstanceId, w.CaseId, w.CandidateAgencyId })
            .ToListAsync();
        var sequences = await db.WorkflowJournal.Where(j => ids.Contains(j.InstanceId))
            .GroupBy(j => j.InstanceId).Select(g => new { g.Key, Last = g.Max(j => j.Sequence) })
            .ToDictionaryAsync(g => g.Key, g => g.Last);
        var byInstance = items.ToDictionary(w => w.WorkflowInstanceId!.Value);
        return records.ToDictionary(r => r.Id, r => new RawInstance
        {
            InstanceId = r.Id,
            CaseId = byInstance[r.Id].CaseId.Value,
            AgencyId = byInstance[r.Id].CandidateAgencyId.Value,
            StateJson = r.StateJson,
            Revision = r.Revision,
            JournalSequence = sequences[r.Id],
            TaskNumber = 1,
        });
    }

    /// <summary>
    /// Completes a claimed task and creates the next one, as one transaction. <paramref name="implicitBatch"/>
    /// (PostgreSQL only) sends the writes the way the runtime does there: one batch without BEGIN/COMMIT, which
    /// PostgreSQL runs as one implicit transaction, with the one-row checks made in the database.
    /// </summary>
    public async Task CompleteAsync(ClaimedTask task, RawInstance instance, bool read, bool implicitBatch = false)
    {
        ArgumentNullException.ThrowIfNull(instance);
        await using var connection = await OpenAsync();
        await using var transaction = implicitBatch && _postgres ? null : await connection.BeginTransactionAsync();
        var version = task.Version;
        if (read)
        {
            version = await ReadAsync(connection, transaction ?? throw new InvalidOperationException("Reads run in the explicit transaction."), task, instance);
        }

        var now = clock.GetUtcNow();
        var next = instance.TaskNumber + 1;
        var nextTask = Guid.CreateVersion7();
        var completed = $"task{instance.TaskNumber.ToString(CultureInfo.InvariantCulture)}";
        var created = $"task{next.ToString(CultureInfo.InvariantCulture)}";
        var sequence = instance.JournalSequence;
        Statement[] statements =
        [
            new(InsertItemEvent, [CoordinationApp.Worker, CoordinationApp.Worker, now, nameof(WorkItemEventKind.Completed), task.ItemId]),
            new(CompleteItem, [now, CoordinationApp.Outcome, nameof(WorkItemStatus.Completed), version + 1, task.ItemId, version], ExpectOneRow: true),
            new(InsertItem, [nextTask, created, instance.AgencyId, "PoliceInvestigator", instance.CaseId, now, now + WorkflowEffectHandler.DefaultTaskDuration,
                nameof(WorkItemStatus.Open), $"Taak {next.ToString(CultureInfo.InvariantCulture)}", $"Task {next.ToString(CultureInfo.InvariantCulture)}", instance.InstanceId,
                now + (WorkflowEffectHandler.DefaultTaskDuration * (1 - WorkItem.AtRiskShare))]),
            new(DeleteBookmark, [task.ItemId], ExpectOneRow: true),
            new(UpdateInstance, [instance.Revision + 1, instance.StateJson, now, instance.InstanceId, instance.Revision], ExpectOneRow: true),
            new(InsertJournal, [instance.InstanceId, sequence + 1, completed, CoordinationApp.Worker, now, "Resumed", CoordinationApp.Outcome]),
            new(InsertJournal, [instance.InstanceId, sequence + 2, completed, CoordinationApp.Worker, now, "Executed", CoordinationApp.Outcome]),
            new(InsertJournal, [instance.InstanceId, sequence + 3, created, CoordinationApp.Worker, now, "Waiting", "PoliceInvestigator"]),
            new(InsertItemEvent, [WorkItem.SystemActor, null, now, nameof(WorkItemEventKind.Created), nextTask]),
            new(InsertBookmark, [nextTask, created, instance.InstanceId, "Task", null]),
        ];
        await ExecuteAsync(connection, transaction, statements);
        if (transaction is not null)
        {
            await transaction.CommitAsync();
        }

        instance.Revision++;
        instance.JournalSequence += 3;
        instance.TaskNumber = next;
    }

    private async Task<int> ReadAsync(DbConnection connection, DbTransaction transaction, ClaimedTask task, RawInstance instance)
    {
        int version;
        Guid caseId;
        await using (var reader = await Command(connection, transaction, new(ReadItem, [task.ItemId])).ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync() || reader.GetString(1) != nameof(WorkItemStatus.Claimed))
            {
                throw new InvalidOperationException($"Work item {task.ItemId} is not claimed.");
            }

            version = reader.GetInt32(0);
            caseId = ReadGuid(reader, 2);
        }

        Guid instanceId;
        await using (var reader = await Command(connection, transaction, new(ReadBookmark, [task.ItemId])).ExecuteReaderAsync())
        {
            instanceId = await reader.ReadAsync() ? ReadGuid(reader, 0) : throw new InvalidOperationException($"No bookmark {task.ItemId}.");
        }

        await using (var reader = await Command(connection, transaction, new(ReadInstance, [instanceId])).ExecuteReaderAsync())
        {
            if (!await reader.ReadAsync())
            {
                throw new InvalidOperationException($"No instance {instanceId}.");
            }

            instance.Revision = reader.GetInt64(0);
            instance.StateJson = reader.GetString(1);
        }

        await using (var reader = await Command(connection, transaction, new(ReadCase, [caseId])).ExecuteReaderAsync())
        {
            instance.AgencyId = await reader.ReadAsync() ? ReadGuid(reader, 0) : throw new InvalidOperationException($"No case {caseId}.");
        }

        return version;
    }

    private async Task ExecuteAsync(DbConnection connection, DbTransaction? transaction, Statement[] statements)
    {
        if (_postgres)
        {
            // One round trip, as EF batches its writes on PostgreSQL. Without a transaction the batch is its own
            // implicit one, and a one-row check must fail inside the database to roll it back (as the app's writer does).
            await using var batch = ((NpgsqlConnection)connection).CreateBatch();
            batch.Transaction = (NpgsqlTransaction?)transaction;
            foreach (var statement in statements)
            {
                var command = batch.CreateBatchCommand();
                command.CommandText = transaction is null && statement.ExpectOneRow
                    ? $"WITH changed AS ({Sql(statement.Sql)} RETURNING 1) SELECT 1 / count(*) FROM changed"
                    : Sql(statement.Sql);
                foreach (var value in statement.Values)
                {
                    command.Parameters.Add(new NpgsqlParameter { Value = ToDatabase(value) });
                }

                batch.BatchCommands.Add(command);
            }

            await batch.ExecuteNonQueryAsync();
            for (var i = 0; i < statements.Length && transaction is not null; i++)
            {
                Check(statements[i], batch.BatchCommands[i].RecordsAffected);
            }

            return;
        }

        // SQLite runs in-process: a command per statement, as EF does there.
        foreach (var statement in statements)
        {
            await using var command = Command(connection, transaction!, statement);
            Check(statement, await command.ExecuteNonQueryAsync());
        }
    }

    private static void Check(Statement statement, int rows)
    {
        if (statement.ExpectOneRow && rows != 1)
        {
            throw new InvalidOperationException($"Expected one row, got {rows.ToString(CultureInfo.InvariantCulture)}: {statement.Sql}");
        }
    }

    private DbCommand Command(DbConnection connection, DbTransaction transaction, Statement statement)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = Sql(statement.Sql);
        for (var i = 0; i < statement.Values.Length; i++)
        {
            var parameter = command.CreateParameter();
            if (!_postgres)
            {
                parameter.ParameterName = "@p" + i.ToString(CultureInfo.InvariantCulture);
            }

            parameter.Value = ToDatabase(statement.Values[i]);
            command.Parameters.Add(parameter);
        }

        return command;
    }

    // The app's storage conventions: SQLite keeps Guids as upper-case text and times as UTC ticks; PostgreSQL takes
    // uuid and timestamptz (UTC).
    private object ToDatabase(object? value) => value switch
    {
        null => DBNull.Value,
        Guid guid when !_postgres => guid.ToString().ToUpperInvariant(),
        DateTimeOffset at when !_postgres => at.UtcTicks,
        DateTimeOffset at => at.ToUniversalTime(),
        _ => value,
    };

    private Guid ReadGuid(DbDataReader reader, int ordinal) => _postgres ? reader.GetGuid(ordinal) : Guid.Parse(reader.GetString(ordinal));

    public async ValueTask DisposeAsync()
    {
        if (_npgsql is not null)
        {
            await _npgsql.DisposeAsync();
        }
    }

    private string Sql(string template)
    {
        if (!_sql.TryGetValue(template, out var sql))
        {
            // PostgreSQL: positional $1.. (batch commands take no names); SQLite: @p0...
            sql = _postgres
                ? Placeholder().Replace(template, m => "$" + (int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) + 1).ToString(CultureInfo.InvariantCulture))
                : Placeholder().Replace(template, "@p$1");
            _sql[template] = sql;
        }

        return sql;
    }

    private async Task<DbConnection> OpenAsync()
    {
        if (_npgsql is not null)
        {
            return await _npgsql.OpenConnectionAsync();
        }

        var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    [GeneratedRegex("@([0-9]+)")]
    private static partial Regex Placeholder();

    private sealed record Statement(string Sql, object?[] Values, bool ExpectOneRow = false);
}
