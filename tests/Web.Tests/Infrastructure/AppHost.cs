using Xunit;
using Coordination.Domain.Agencies;
using Coordination.Domain.Cases;
using Coordination.Domain.Common;
using Coordination.Domain.Reports;
using Coordination.Web.Persistence;
using Mediator;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace Coordination.Web.Tests.Infrastructure;

/// <summary>The real app in-process on a given database, with a controllable clock and the test workflow definitions.</summary>
public sealed class AppHost : IAsyncDisposable
{
    private readonly WebApplicationFactory<Program> _factory;

    private AppHost(WebApplicationFactory<Program> factory) => _factory = factory;

    public IServiceProvider Services => _factory.Services;

    public static AppHost Start(TestDatabase database, FakeTimeProvider clock, string environment = "Testing")
    {
        ArgumentNullException.ThrowIfNull(database);
        var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("Database:Provider", database.Provider.ToString());
            builder.UseSetting("ConnectionStrings:Coordination", database.ConnectionString);
            builder.UseSetting("Workflows:Folder", Path.Combine(AppContext.BaseDirectory, "WorkflowHosting", "Definitions"));
            builder.ConfigureServices(services => services.AddSingleton<TimeProvider>(clock));
        });
        _ = factory.Services; // starts the host: migrations, definition import, start-up sweep
        return new AppHost(factory);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async Task<TResult> SendAsync<TResult>(ICommand<TResult> command)
    {
        await using var scope = Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<IMediator>().Send(command, TestContext.Current.CancellationToken);
    }

    public async Task<CoordinationDbContext> DbAsync() =>
        await Get<IDbContextFactory<CoordinationDbContext>>().CreateDbContextAsync(TestContext.Current.CancellationToken);

    /// <summary>A police unit, an OM office, a bank and a case owned by the unit.</summary>
    public async Task<(FraudCase Case, Agency Unit)> SeedCaseAsync(TimeProvider clock)
    {
        await using var db = await DbAsync();
        var unit = await db.Agencies.FirstOrDefaultAsync(a => a.Code == "POL-TEST", TestContext.Current.CancellationToken);
        if (unit is null)
        {
            unit = Agency.Create("POL-TEST", "Politie Test", AgencyKind.Police);
            db.Agencies.AddRange(unit, Agency.Create("OM-TEST", "OM Test", AgencyKind.ProsecutionService), Agency.CreateBank("BANK-TEST", "Testbank", "TEST"));
        }

        var report = Report.Submit(
            ReportChannel.OnlinePoliceReport, FraudType.PurchaseSale, "Jan Jansen", null, "Fiets betaald, niet geleverd.",
            Money.Eur(250m), DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime.AddDays(-2)), clock.GetUtcNow().AddHours(-1), clock);
        var fraudCase = FraudCase.Register(CaseNumber.Create(2026, Random.Shared.Next(1, 999_999)), report, unit.Id, clock);
        db.AddRange(report, fraudCase);
        await db.SaveChangesAsync(TestContext.Current.CancellationToken);
        return (fraudCase, unit);
    }

    public async ValueTask DisposeAsync() => await _factory.DisposeAsync();
}
