using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Coordination.Web.Persistence;

/// <summary>Told about a save the <see cref="DirectChangeWriter"/> makes, as a SaveChanges interceptor is about EF's.</summary>
internal interface IDirectSaveObserver
{
    /// <summary>The changes are about to be written (the tracker is as it will be written), by these statements.</summary>
    void Saving(DbContext context, IReadOnlyList<string> statements);

    /// <summary>The changes are committed.</summary>
    void Saved(DbContext context);

    /// <summary>Nothing was saved.</summary>
    void Failed(DbContext context);
}

/// <summary>
/// Writes a context's tracked changes with SQL made once per table from the EF model, instead of through EF's update
/// pipeline: the workflow's save (a completed task, the instance row, bookmarks, journal lines, the next task) is the
/// app's hottest write, and EF's per-row work was most of its cost (ADR-009, docs/performance.md). The mapping is not
/// written a second time: table and column names, keys, concurrency tokens and every value conversion come from the
/// model (each value is bound by the property's own type mapping, as EF binds it), so a changed configuration changes
/// this path with it.
/// <para>It does what SaveChanges does for the shapes this model has — one table per entity type, owned collections in
/// their own tables, client-set keys or a database-generated single key column read back — and refuses
/// (<see cref="TrySaveAsync"/> returns null, the caller uses SaveChanges) whatever it does not: inheritance, table
/// splitting, JSON or complex columns, other database-generated values, a changed key or unique value, temporary
/// foreign keys, a caller's transaction, or an order it cannot be sure of. Rows are written deletes first (dependents
/// before principals), then inserts (principals first), then updates; every UPDATE and DELETE carries the row's key
/// and concurrency tokens and must touch exactly one row, or nothing is saved and
/// <see cref="DbUpdateConcurrencyException"/> is thrown; a database error rolls everything back and is thrown as
/// <see cref="DbUpdateException"/>. On PostgreSQL all statements go in one batch that is its own implicit transaction
/// (one round trip); SQLite runs in-process, a command per statement in a transaction.</para>
/// </summary>
internal static class DirectChangeWriter
{
    private const string NpgsqlProvider = "Npgsql.EntityFrameworkCore.PostgreSQL";

    // PostgreSQL's SQLSTATE for division_by_zero: how a statement that must touch one row says it touched none.
    private const string DivisionByZero = "22012";

    private const string ExpectOneRowColumn = "expect_one_row";

    private static readonly ConditionalWeakTable<IEntityType, TablePlan> _plans = [];

    /// <summary>Writes the tracked changes in one transaction and accepts them; null when this writer does not handle
    /// them (nothing was written then). Changes must have been detected already.</summary>
    public static async Task<int?> TrySaveAsync(DbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        // Inside a caller's transaction EF saves behind a savepoint, so a failed save leaves the caller's earlier work
        // and none of its own; this writer would leave part of a failed save there (SQLite) or abort the caller's
        // transaction (PostgreSQL). The workflow's saves never run in one: EF takes these.
        if (db.Database.CurrentTransaction is not null)
        {
            return null;
        }

        var postgres = db.Database.ProviderName == NpgsqlProvider;
        var pending = new List<EntityEntry>();
        foreach (var entry in db.ChangeTracker.Entries())
        {
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                pending.Add(entry);
            }
        }

        if (pending.Count == 0)
        {
            return 0;
        }

        var statements = Plan(db, pending, postgres);
        if (statements is null)
        {
            return null;
        }

        if (statements.Count == 0)
        {
            // Entries marked modified with nothing changed: nothing to write.
            db.ChangeTracker.AcceptAllChanges();
            return 0;
        }

        var observers = Observers(db);
        if (observers.Count > 0)
        {
            var sql = statements.ConvertAll(s => s.Sql);
            foreach (var observer in observers)
            {
                observer.Saving(db, sql);
            }
        }

        try
        {
            await ExecuteAsync(db, statements, postgres, cancellationToken);
        }
        catch
        {
            foreach (var observer in observers)
            {
                observer.Failed(db);
            }

            throw;
        }

        foreach (var statement in statements)
        {
            if (statement.Generated is { } generated)
            {
                var key = generated.Entry.Property(generated.Property);
                key.CurrentValue = FromDatabase(generated.Property, statement.GeneratedValue);
                key.IsTemporary = false;
            }
        }

        db.ChangeTracker.AcceptAllChanges();
        foreach (var observer in observers)
        {
            observer.Saved(db);
        }

        return pending.Count;
    }

    // The statements in a safe order, or null when a change is of a shape this writer leaves to EF.
    private static List<Statement>? Plan(DbContext db, List<EntityEntry> pending, bool postgres)
    {
        var deletes = new List<(int Depth, Statement Statement)>();
        var inserts = new List<(int Depth, Statement Statement)>();
        var updates = new List<(int Depth, Statement Statement)>();
        var foreignKeyMoved = false;
        foreach (var entry in pending)
        {
            var plan = _plans.GetValue(entry.Metadata, type => TablePlan.Build(db, type, postgres));
            if (!plan.Supported || plan.Postgres != postgres)
            {
                return null;
            }

            Statement? statement;
            switch (entry.State)
            {
                case EntityState.Added:
                    statement = plan.Insert(entry);
                    if (statement is null)
                    {
                        return null;
                    }

                    inserts.Add((plan.Depth, statement));
                    break;
                case EntityState.Deleted:
                    deletes.Add((plan.Depth, plan.Delete(entry)));
                    break;
                default:
                    if (plan.Keys.Any(k => entry.Property(k).IsModified))
                    {
                        return null;
                    }

                    // A unique value changed: the row that takes it over (or gives it up) in the same save must be
                    // written in a particular order; EF's ordering knows the unique indexes.
                    if (plan.UniqueColumns.Any(p => entry.Property(p).IsModified))
                    {
                        return null;
                    }

                    foreignKeyMoved |= plan.ForeignKeyColumns.Any(p => entry.Property(p).IsModified);
                    if (plan.Update(entry) is { } update)
                    {
                        updates.Add((plan.Depth, update));
                    }

                    break;
            }
        }

        // A row moved to another principal while rows are deleted: the order that keeps every foreign key valid
        // depends on the rows themselves; EF's own ordering works that out.
        if (foreignKeyMoved && deletes.Count > 0)
        {
            return null;
        }

        // Stable sorts: rows of one depth keep the tracker's order.
        return
        [
            .. deletes.OrderByDescending(d => d.Depth).Select(d => d.Statement),
            .. inserts.OrderBy(i => i.Depth).Select(i => i.Statement),
            .. updates.OrderBy(u => u.Depth).Select(u => u.Statement),
        ];
    }

    private static async Task ExecuteAsync(DbContext db, List<Statement> statements, bool postgres, CancellationToken cancellationToken)
    {
        var database = db.Database;
        var timeout = database.GetCommandTimeout();
        try
        {
            // EF counts opens: a connection the caller opened stays open, one opened here is closed again, so a pooled
            // context goes back without an open connection. The transaction is the provider's own (EF runs nothing in it);
            // on PostgreSQL the batch is its own implicit transaction: all of it commits, or none of it.
            await database.OpenConnectionAsync(cancellationToken);
            try
            {
                var connection = database.GetDbConnection();
                if (postgres)
                {
                    await ExecuteBatchAsync(connection, timeout, statements, cancellationToken);
                    return;
                }

                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                ExecuteOneByOne(connection, transaction, timeout, statements);
                await transaction.CommitAsync(cancellationToken);
            }
            finally
            {
                await database.CloseConnectionAsync();
            }
        }
        catch (DbException ex)
        {
            throw new DbUpdateException("An error occurred while saving the changes; nothing was saved. See the inner exception for details.", ex);
        }
    }

    // SQLite runs in-process and its driver's async methods complete synchronously anyway: the plain calls spare a task
    // per statement.
    private static void ExecuteOneByOne(DbConnection connection, DbTransaction transaction, int? timeout, List<Statement> statements)
    {
        foreach (var statement in statements)
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = statement.Sql;
            if (timeout is { } seconds)
            {
                command.CommandTimeout = seconds;
            }

            foreach (var parameter in statement.Parameters)
            {
                command.Parameters.Add(parameter.Mapping.CreateParameter(command, parameter.Name, parameter.Value, parameter.Nullable));
            }

            if (statement.Generated is not null)
            {
                statement.GeneratedValue = command.ExecuteScalar();
            }
            else
            {
                Check(statement, command.ExecuteNonQuery());
            }
        }
    }

    // No transaction: PostgreSQL runs the batch as one implicit transaction (a failing statement rolls back all of it).
    private static async Task ExecuteBatchAsync(DbConnection connection, int? timeout, List<Statement> statements, CancellationToken cancellationToken)
    {
        await using var batch = connection.CreateBatch();
        if (timeout is { } seconds)
        {
            batch.Timeout = seconds;
        }

        // A type mapping binds a value through a command; the parameters it makes are then moved to the batch's commands.
        await using var scratch = connection.CreateCommand();
        foreach (var statement in statements)
        {
            var command = batch.CreateBatchCommand();
            command.CommandText = statement.Sql;
            foreach (var parameter in statement.Parameters)
            {
                command.Parameters.Add(parameter.Mapping.CreateParameter(scratch, parameter.Name, parameter.Value, parameter.Nullable));
            }

            batch.BatchCommands.Add(command);
        }

        // The statement whose result is read next: an error surfaces when the reader reaches the statement that failed.
        var position = 0;
        try
        {
            await using var reader = await batch.ExecuteReaderAsync(cancellationToken);
            while (true)
            {
                // One result set per statement (see TablePlan.Checked): a generated key, or a row that says it was written.
                var statement = statements[position];
                if (statement.Generated is not null && await reader.ReadAsync(cancellationToken))
                {
                    statement.GeneratedValue = reader.GetValue(0);
                }

                if (position + 1 == statements.Count)
                {
                    break;
                }

                // The next statement's result, or its error, comes with the next result set.
                position++;
                await reader.NextResultAsync(cancellationToken);
            }
        }
        catch (DbException ex) when (ex.SqlState == DivisionByZero)
        {
            // Only the row checks divide; the batch was rolled back as a whole.
            var which = position < statements.Count && statements[position].ExpectOneRow ? statements[position].Describe : "a changed or deleted row";
            throw new DbUpdateConcurrencyException(
                $"The database operation was expected to affect 1 row but affected 0 ({which}): the row was changed or deleted by someone else since it was loaded. Nothing was saved.", ex);
        }
    }

    private static void Check(Statement statement, int rows)
    {
        if (statement.ExpectOneRow && rows != 1)
        {
            throw new DbUpdateConcurrencyException(
                $"The database operation was expected to affect 1 row but affected {rows.ToString(CultureInfo.InvariantCulture)} ({statement.Describe}): " +
                "the row was changed or deleted by someone else since it was loaded. Nothing was saved.");
        }
    }

    private static object? FromDatabase(IProperty property, object? value)
    {
        if (value is null or DBNull)
        {
            throw new DbUpdateException($"The database returned no value for {property.DeclaringType.DisplayName()}.{property.Name}.");
        }

        var mapping = property.GetRelationalTypeMapping();
        var converter = mapping.Converter;
        var providerType = Nullable.GetUnderlyingType(converter?.ProviderClrType ?? property.ClrType) ?? converter?.ProviderClrType ?? property.ClrType;
        var provider = Convert.ChangeType(value, providerType, CultureInfo.InvariantCulture);
        return converter is null ? provider : converter.ConvertFromProvider(provider);
    }

    private static List<IDirectSaveObserver> Observers(DbContext db) =>
        db.GetService<IDbContextOptions>().FindExtension<CoreOptionsExtension>()?.Interceptors?.OfType<IDirectSaveObserver>().ToList() ?? [];

    private sealed record Parameter(string Name, RelationalTypeMapping Mapping, object? Value, bool Nullable);

    private sealed class Statement(string sql, List<Parameter> parameters, bool expectOneRow, string describe)
    {
        public string Sql { get; } = sql;

        public List<Parameter> Parameters { get; } = parameters;

        public bool ExpectOneRow { get; } = expectOneRow;

        public string Describe { get; } = describe;

        public (EntityEntry Entry, IProperty Property)? Generated { get; init; }

        public object? GeneratedValue { get; set; }
    }

    /// <summary>One entity type's table: its columns and statements, worked out once from the model.</summary>
    private sealed class TablePlan
    {
        private readonly Dictionary<ulong, string> _updates = [];
        private string _table = string.Empty;
        private string[] _columnNames = [];
        private RelationalTypeMapping[] _mappings = [];
        private int[] _keyIndexes = [];
        private HashSet<int> _foreignKeyIndexes = [];
        private int[] _tokenIndexes = [];
        private int _generatedKeyIndex = -1;
        private string _insert = string.Empty;
        private string _insertReturningKey = string.Empty;
        private string _delete = string.Empty;
        private Func<int, string> _placeholder = _ => string.Empty;
        // What a failed statement is said to be about, made once (a failure message needs them; every save would not).
        private string _inserting = string.Empty;
        private string _deleting = string.Empty;
        private string _updating = string.Empty;

        public bool Supported { get; private init; }

        public bool Postgres { get; private init; }

        public int Depth { get; private init; }

        public IProperty[] Columns { get; private init; } = [];

        public IProperty[] Keys { get; private init; } = [];

        public IProperty[] ForeignKeyColumns { get; private init; } = [];

        public IProperty[] UniqueColumns { get; private init; } = [];

        public static TablePlan Build(DbContext db, IEntityType type, bool postgres)
        {
            var depth = DepthOf(type, []);
            var table = type.GetTableName();
            var columns = type.GetProperties().ToArray();
            var key = type.FindPrimaryKey();
            var supported = table is not null
                && depth >= 0
                && key is not null
                && type.BaseType is null
                && !type.GetDirectlyDerivedTypes().Any()
                && !type.IsMappedToJson()
                && !type.GetComplexProperties().Any()
                && type.GetViewName() is null
                && type.GetFunctionName() is null
                && type.GetSqlQuery() is null
                && !type.Model.GetEntityTypes().Any(other => other != type && other.GetTableName() == table && other.GetSchema() == type.GetSchema())
                && columns.Length <= 64
                && columns.All(p => p.ValueGenerated == ValueGenerated.Never || (key.Properties.Count == 1 && key.Properties[0] == p))
                && columns.Where(p => p.IsConcurrencyToken).All(p => !p.IsNullable);
            if (!supported)
            {
                return new TablePlan { Supported = false };
            }

            var store = StoreObjectIdentifier.Table(table!, type.GetSchema());
            var sql = db.GetService<ISqlGenerationHelper>();
            var names = columns.Select(p => sql.DelimitIdentifier(p.GetColumnName(store) ?? p.Name)).ToArray();
            var keys = key!.Properties.ToArray();
            var generated = keys.Length == 1 && keys[0].ValueGenerated != ValueGenerated.Never ? Array.IndexOf(columns, keys[0]) : -1;
            var plan = new TablePlan
            {
                Supported = columns.All(p => p.GetColumnName(store) is not null),
                Postgres = postgres,
                Depth = depth,
                Columns = columns,
                Keys = keys,
                ForeignKeyColumns = [.. type.GetForeignKeys().SelectMany(f => f.Properties).Distinct()],
                UniqueColumns = [.. type.GetIndexes().Where(i => i.IsUnique).SelectMany(i => i.Properties).Concat(type.GetKeys().Where(k => !k.IsPrimaryKey()).SelectMany(k => k.Properties)).Distinct()],
                _table = sql.DelimitIdentifier(table!, type.GetSchema()),
                _columnNames = names,
                _mappings = [.. columns.Select(p => p.GetRelationalTypeMapping())],
                _keyIndexes = [.. keys.Select(k => Array.IndexOf(columns, k))],
                _foreignKeyIndexes = [.. type.GetForeignKeys().SelectMany(f => f.Properties).Select(p => Array.IndexOf(columns, p))],
                _tokenIndexes = [.. columns.Select((p, i) => (p, i)).Where(c => c.p.IsConcurrencyToken && !keys.Contains(c.p)).Select(c => c.i)],
                _generatedKeyIndex = generated,
                _inserting = $"insert {type.DisplayName()}",
                _deleting = $"delete {type.DisplayName()}",
                _updating = $"update {type.DisplayName()}",

                // PostgreSQL's batch commands take positional parameters only; SQLite's take names.
                _placeholder = postgres ? i => "$" + (i + 1).ToString(CultureInfo.InvariantCulture) : i => "@p" + i.ToString(CultureInfo.InvariantCulture),
            };
            plan._insert = plan.InsertSql(Enumerable.Range(0, columns.Length).ToArray(), postgres ? "1" : null);
            if (generated >= 0)
            {
                plan._insertReturningKey = plan.InsertSql(Enumerable.Range(0, columns.Length).Where(i => i != generated).ToArray(), names[generated]);
            }

            plan._delete = plan.Checked($"DELETE FROM {plan._table} WHERE {plan.Where(plan._keyIndexes.Concat(plan._tokenIndexes).ToArray(), 0)}");
            return plan;
        }

        public Statement? Insert(EntityEntry entry)
        {
            var parameters = new List<Parameter>(Columns.Length);
            var values = entry.CurrentValues;
            var generateKey = false;
            for (var i = 0; i < Columns.Length; i++)
            {
                // Only a key or a foreign key can hold a temporary value (one EF would replace by the database's).
                if ((i == _generatedKeyIndex || _foreignKeyIndexes.Contains(i)) && entry.Property(Columns[i]).IsTemporary)
                {
                    // Only a database-generated key of its own may still be open; a temporary foreign key (to a row not
                    // yet inserted) needs EF's key propagation.
                    if (i != _generatedKeyIndex || _foreignKeyIndexes.Contains(i))
                    {
                        return null;
                    }

                    generateKey = true;
                    continue;
                }

                parameters.Add(Value(parameters.Count, i, values[Columns[i]]));
            }

            return generateKey
                ? new Statement(_insertReturningKey, parameters, false, _inserting) { Generated = (entry, Columns[_generatedKeyIndex]) }
                : new Statement(_insert, parameters, false, _inserting);
        }

        public Statement Delete(EntityEntry entry)
        {
            var parameters = new List<Parameter>(_keyIndexes.Length + _tokenIndexes.Length);
            var original = entry.OriginalValues;
            foreach (var i in _keyIndexes.Concat(_tokenIndexes))
            {
                parameters.Add(Value(parameters.Count, i, original[Columns[i]]));
            }

            return new Statement(_delete, parameters, true, _deleting);
        }

        public Statement? Update(EntityEntry entry)
        {
            ulong mask = 0;
            var parameters = new List<Parameter>();
            for (var i = 0; i < Columns.Length; i++)
            {
                var property = entry.Property(Columns[i]);
                if (property.IsModified)
                {
                    mask |= 1UL << i;
                    parameters.Add(Value(parameters.Count, i, property.CurrentValue));
                }
            }

            if (mask == 0)
            {
                return null;
            }

            var original = entry.OriginalValues;
            foreach (var i in _keyIndexes.Concat(_tokenIndexes))
            {
                parameters.Add(Value(parameters.Count, i, original[Columns[i]]));
            }

            string? sql;
            lock (_updates)
            {
                if (!_updates.TryGetValue(mask, out sql))
                {
                    var set = Enumerable.Range(0, Columns.Length).Where(i => (mask & (1UL << i)) != 0).ToArray();
                    var assignments = string.Join(", ", set.Select((c, n) => $"{_columnNames[c]} = {_placeholder(n)}"));
                    sql = Checked($"UPDATE {_table} SET {assignments} WHERE {Where(_keyIndexes.Concat(_tokenIndexes).ToArray(), set.Length)}");
                    _updates[mask] = sql;
                }
            }

            return new Statement(sql, parameters, true, _updating);
        }

        private Parameter Value(int position, int column, object? value) =>
            new(Postgres ? string.Empty : "@p" + position.ToString(CultureInfo.InvariantCulture), _mappings[column], value, Columns[column].IsNullable);

        private string Where(int[] columns, int firstPlaceholder) =>
            string.Join(" AND ", columns.Select((c, n) => $"{_columnNames[c]} = {_placeholder(firstPlaceholder + n)}"));

        // On PostgreSQL the whole save is one batch in one implicit transaction (no BEGIN or COMMIT round trips), so a
        // statement that must touch exactly one row checks it in the database: dividing by the count of changed rows
        // fails with division_by_zero when there are none, which rolls the whole batch back. Every statement returns
        // one result set, so results are read statement by statement.
        private string Checked(string statement) =>
            Postgres ? $"WITH changed AS ({statement} RETURNING 1) SELECT 1 / count(*) AS {ExpectOneRowColumn} FROM changed" : statement;

        private string InsertSql(int[] columns, string? returning)
        {
            var text = new StringBuilder()
                .Append("INSERT INTO ").Append(_table).Append(" (")
                .AppendJoin(", ", columns.Select(c => _columnNames[c]))
                .Append(") VALUES (")
                .AppendJoin(", ", columns.Select((_, n) => _placeholder(n)))
                .Append(')');
            if (returning is not null)
            {
                text.Append(" RETURNING ").Append(returning);
            }

            return text.ToString();
        }

        // Principals before dependents: how many foreign-key steps a table is from one that references nothing; -1 when
        // the types reference each other in a cycle (only EF can order those rows).
        private static int DepthOf(IEntityType type, HashSet<IEntityType> visiting)
        {
            if (!visiting.Add(type))
            {
                return -1;
            }

            var depth = 0;
            foreach (var foreignKey in type.GetForeignKeys())
            {
                // Rows of one table that reference each other need ordering row by row.
                if (foreignKey.PrincipalEntityType == type)
                {
                    return -1;
                }

                var principal = DepthOf(foreignKey.PrincipalEntityType, visiting);
                if (principal < 0)
                {
                    return -1;
                }

                depth = Math.Max(depth, principal + 1);
            }

            visiting.Remove(type);
            return depth;
        }
    }
}
