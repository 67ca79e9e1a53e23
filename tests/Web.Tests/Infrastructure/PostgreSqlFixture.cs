using Coordination.Web.Tests.Infrastructure;
using Xunit;

[assembly: AssemblyFixture(typeof(PostgreSqlFixture))]

namespace Coordination.Web.Tests.Infrastructure;

/// <summary>One throwaway PostgreSQL server for the whole test assembly, started on first use; each test class gets
/// its own database in it.</summary>
public sealed class PostgreSqlFixture : IAsyncDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private PostgreSqlServer? _server;

    public async Task<PostgreSqlServer> ServerAsync()
    {
        await _gate.WaitAsync(TestContext.Current.CancellationToken);
        try
        {
            return _server ??= await PostgreSqlServer.StartAsync(TestContext.Current.CancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _gate.Dispose();
    }
}
