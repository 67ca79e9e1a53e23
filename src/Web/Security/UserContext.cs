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

        // The scope's own authentication state comes first: in a Blazor circuit an ambient HttpContext may belong to
        // another connection's call that set off this work (e.g. a change notice), never to this circuit's user.
        if (services.GetService(typeof(AuthenticationStateProvider)) is AuthenticationStateProvider provider)
        {
            try
            {
                return CurrentUser.FromPrincipal((await provider.GetAuthenticationStateAsync()).User);
            }
            catch (InvalidOperationException)
            {
                // Not a circuit or a rendering request (e.g. a plain endpoint): the request's own user is the source.
            }
        }

        return http.HttpContext?.User is { Identity.IsAuthenticated: true } principal ? CurrentUser.FromPrincipal(principal) : null;
    }
}
