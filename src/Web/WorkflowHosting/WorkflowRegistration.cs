using Coordination.Domain.Common;
using Coordination.Web.Jobs;
using Coordination.Web.Persistence;
using Coordination.Web.WorkflowHosting.Steps;
using Coordination.Workflow.Runtime;
using Hangfire;
using Hangfire.InMemory;
using Hangfire.PostgreSql;

namespace Coordination.Web.WorkflowHosting;

/// <summary>Hosts the workflow runtime: its ports on our database, Hangfire to wake it, the definitions in workflows/.</summary>
internal static partial class WorkflowRegistration
{
    public const string SweepJobId = "workflow-timer-sweep";

    public static WebApplicationBuilder AddWorkflow(this WebApplicationBuilder builder)
    {
        var calendar = new WorkingDayCalendar();
        builder.Services.AddSingleton(calendar);
        builder.Services.AddSingleton<WorkflowEffectHandler>();
        builder.Services.AddCaseSteps();
        builder.Services.AddSingleton<WorkflowStores>();
        builder.Services.AddSingleton<Features.WorkItems.WorkItemCompletion>();
        builder.Services.AddSingleton<DatabaseDefinitionSource>();
        builder.Services.AddSingleton<IWorkflowDefinitionSource>(sp => sp.GetRequiredService<DatabaseDefinitionSource>());
        builder.Services.AddSingleton<IWorkflowScheduler, HangfireWorkflowScheduler>();
        builder.Services.AddWorkflowRuntime(options => options.AddWorkingDays = calendar.AddWorkingDays);
        builder.Services.AddTransient<FireTimerJob>();
        builder.Services.AddTransient<SweepDueTimersJob>();

        // Hangfire only wakes the engine; due times live in our own tables. PostgreSQL deployments share one durable
        // job store between servers; the embedded SQLite setup keeps jobs in memory and the start-up and minutely
        // sweep recover any wake-up lost with the process.
        var provider = builder.Configuration.GetSection(DatabaseOptions.Section)["Provider"];
        var connectionString = builder.Configuration.GetConnectionString(PersistenceRegistration.ConnectionStringName);
        var postgres = string.Equals(provider, nameof(DatabaseProvider.PostgreSql), StringComparison.OrdinalIgnoreCase);
        if (!postgres)
        {
            // This app's own job store, registered before AddHangfire so its clients and server take it: configuring
            // the storage through Hangfire's global configuration would make it the process-wide JobStorage.Current,
            // which another app in the same process (every test host) replaces and disposes under this one.
            builder.Services.AddSingleton<JobStorage>(_ => new InMemoryStorage());
        }

        builder.Services.AddHangfire((services, config) =>
        {
            config.UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings()
                .UseLogProvider(new HangfireLogProvider(services.GetRequiredService<ILoggerFactory>()));
            if (postgres)
            {
                config.UsePostgreSqlStorage(options => options.UseNpgsqlConnection(connectionString));
            }
        });
        builder.Services.AddHangfireServer(options =>
        {
            options.WorkerCount = Math.Max(2, Environment.ProcessorCount);
            options.SchedulePollingInterval = TimeSpan.FromSeconds(5);
        });
        return builder;
    }

    /// <summary>Imports workflows/*.json as published versions, schedules the timer sweep and fires overdue timers.</summary>
    public static async Task InitializeWorkflowsAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(WorkflowRegistration));
        var source = app.Services.GetRequiredService<DatabaseDefinitionSource>();
        var folder = app.Configuration["Workflows:Folder"] ?? Path.Combine(AppContext.BaseDirectory, "workflows");
        if (Directory.Exists(folder))
        {
            foreach (var file in Directory.EnumerateFiles(folder, "*.json").Order(StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (await source.PublishAsync(await File.ReadAllTextAsync(file), name, CancellationToken.None))
                {
                    LogPublished(logger, name);
                }
            }
        }

        app.Services.GetRequiredService<IRecurringJobManager>()
            .AddOrUpdate<SweepDueTimersJob>(SweepJobId, job => job.ExecuteAsync(CancellationToken.None), Cron.Minutely());
        await app.Services.GetRequiredService<SweepDueTimersJob>().ExecuteAsync(CancellationToken.None);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Published workflow definition {File}")]
    private static partial void LogPublished(ILogger logger, string file);
}
