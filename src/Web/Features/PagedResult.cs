namespace Coordination.Web.Features;

/// <summary>One page of a list computed on the server, with the total so the UI can page.</summary>
public sealed record PagedResult<T>(IReadOnlyList<T> Items, int Total, int Page, int PageSize);

/// <summary>Paging limits.</summary>
public static class Paging
{
    /// <summary>Largest page a caller may ask for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>A page size clamped to 1..<see cref="MaxPageSize"/>.</summary>
    public static int Clamp(int pageSize) => Math.Clamp(pageSize, 1, MaxPageSize);
}
