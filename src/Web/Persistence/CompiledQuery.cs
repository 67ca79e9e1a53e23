using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Coordination.Web.Persistence;

/// <summary>
/// A query compiled once per model (EF.CompileAsyncQuery) for the paths that run on every workflow step: EF then skips
/// building and looking up the query's cache key on each call. EF binds a compiled query to the model it first ran
/// with, and this process can hold several (SQLite and PostgreSQL contexts, every test host its own), so the compiled
/// delegate is kept per model. Query filters still apply: they read the executing context's restriction on each call.
/// </summary>
/// <typeparam name="TParam">The query's parameter.</typeparam>
/// <typeparam name="TResult">Its single result.</typeparam>
internal sealed class CompiledQuery<TParam, TResult>
{
    private readonly ConditionalWeakTable<IModel, Func<CoordinationDbContext, TParam, CancellationToken, Task<TResult>>> _byModel = [];
    private readonly ConditionalWeakTable<IModel, Func<CoordinationDbContext, TParam, CancellationToken, Task<TResult>>>.CreateValueCallback _compile;

    public CompiledQuery(Expression<Func<CoordinationDbContext, TParam, CancellationToken, TResult>> query) =>
        _compile = _ => EF.CompileAsyncQuery(query);

    /// <summary>Runs the query on <paramref name="db"/>.</summary>
    public Task<TResult> ExecuteAsync(CoordinationDbContext db, TParam parameter, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _byModel.GetValue(db.Model, _compile)(db, parameter, cancellationToken);
    }
}
