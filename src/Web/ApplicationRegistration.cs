using Mediator;

namespace Coordination.Web;

/// <summary>Registers the use cases (Mediator) and the shared services they use.</summary>
internal static class ApplicationRegistration
{
    public static WebApplicationBuilder AddApplication(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddMediator((MediatorOptions options) => options.ServiceLifetime = ServiceLifetime.Scoped);
        return builder;
    }
}
