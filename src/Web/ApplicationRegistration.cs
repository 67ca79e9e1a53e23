using Coordination.Web.Persistence.Seeding;
using Coordination.Web.Security;
using Mediator;

namespace Coordination.Web;

/// <summary>Registers the use cases (Mediator) and the shared services they use.</summary>
internal static class ApplicationRegistration
{
    public static WebApplicationBuilder AddApplication(this WebApplicationBuilder builder)
    {
        // Development's clock can replay the demo's open cases at past moments; everywhere else it is the system clock.
        builder.Services.AddSingleton(builder.Environment.IsDevelopment() ? new DemoClock() : TimeProvider.System);
        builder.Services.AddMediator((MediatorOptions options) =>
        {
            // Scoped: a use case runs with the user of its scope (request or circuit).
            options.ServiceLifetime = ServiceLifetime.Scoped;
            options.PipelineBehaviors = [typeof(LoggingBehavior<,>), typeof(NeedToKnowBehavior<,>), typeof(AuditBehavior<,>)];
        });
        return builder;
    }
}
