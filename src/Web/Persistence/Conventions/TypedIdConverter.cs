using System.Linq.Expressions;
using Coordination.Domain.Common;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Coordination.Web.Persistence.Conventions;

/// <summary>Stores any <see cref="ITypedId{TSelf}"/> as its Guid.</summary>
internal sealed class TypedIdConverter<TId> : ValueConverter<TId, Guid>
    where TId : struct, ITypedId<TId>
{
    public TypedIdConverter()
        : base(id => id.Value, FromGuid())
    {
    }

    // An expression tree cannot call a static abstract interface member directly, so the call to TId.From is built by hand.
    private static Expression<Func<Guid, TId>> FromGuid()
    {
        var value = Expression.Parameter(typeof(Guid), "value");
        var from = typeof(TId).GetMethod(nameof(ITypedId<TId>.From), [typeof(Guid)])
            ?? throw new InvalidOperationException($"{typeof(TId).Name} has no From(Guid).");
        return Expression.Lambda<Func<Guid, TId>>(Expression.Call(from, value), value);
    }
}
