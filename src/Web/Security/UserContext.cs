using Microsoft.AspNetCore.Components.Authorization;

namespace Coordination.Web.Security;

/// <summary>
/// The acting user of the current scope (an HTTP request or a Blazor circuit) and where they connect from. Handlers
/// and the pipeline ask it; tests and background jobs set it explicitly.
/// </summary>
public sealed class UserContext(IHttpContextAccessor http, IServiceProvider services)
{
    private CurrentUser? _explicit;
    private string? _origin;

    /// <summary>Where the request comes from: the client's IP address, or "circuit" / "job".</summary>
    public string Origin => _origin ??= http.HttpContext?.Connection.RemoteIpAddress?.ToString() ?? "circuit";

    /// <summary>Acts as <paramref name="user"/> for the rest of this scope (tests, jobs on behalf of a user).</summary>
    public void ActAs(CurrentUser user, string origin)
    {
        _explicit = user;
        _origin = origin;
    }

    /// <summary>The signed-in user, or null.</summary>
    public async ValueTask<CurrentUser?> GetAsync()
    {
        if (_explicit is not null)
        {
            return _explicit;
        }

        if (http.HttpContext?.User is { Identity.IsAuthenticated: true } principal)
        {
            return CurrentUser.FromPrincipal(principal);
        }

        // In a Blazor circuit there is no HttpContext; the circuit's authentication state is the source.
        if (services.GetService(typeof(AuthenticationStateProvider)) is AuthenticationStateProvider provider)
        {
            try
            {
                return CurrentUser.FromPrincipal((await provider.GetAuthenticationStateAsync()).User);
            }
            catch (InvalidOperationException)
            {
                // Not inside a circuit (e.g. a plain request scope): nobody is signed in here.
                return null;
            }
        }

        return null;
    }
}
