using Coordination.Domain.Agencies;
using Coordination.Web.Persistence;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;

namespace Coordination.Web.Security;

/// <summary>The sign-in and sign-out endpoints. The development sign-in exists only when it is switched on.</summary>
internal static class SignInEndpoints
{
    public static WebApplication MapSignIn(this WebApplication app)
    {
        var mode = app.Services.GetRequiredService<SignInMode>();
        if (mode.DevelopmentSignIn)
        {
            // Signs in as a seeded user: their agency and roles come from the Users table, never from the form.
            app.MapPost("/dev/sign-in", async ([FromForm] string userName, [FromForm] string? returnUrl, HttpContext http, SystemDbContexts contexts) =>
            {
                await using var db = await contexts.CreateDbContextAsync(http.RequestAborted);
                var name = (userName ?? string.Empty).Trim().ToLowerInvariant();
                var account = await db.Users.AsNoTracking().FirstOrDefaultAsync(u => u.UserName == name && u.IsActive, http.RequestAborted);
                var agency = account is null ? null : await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == account.AgencyId, http.RequestAborted);
                if (account is null || agency is null)
                {
                    return Results.LocalRedirect("/dev/sign-in?error=unknown-user");
                }

                var user = new CurrentUser(account.UserName, account.DisplayName, agency.Id, agency.Kind, account.Roles.Select(r => r.Role).Where(r => RoleRules.Fits(r, agency.Kind)).ToHashSet());
                await http.SignInAsync(SecurityRegistration.DevelopmentScheme, user.ToPrincipal(SecurityRegistration.DevelopmentScheme));
                return Results.LocalRedirect(IsLocal(returnUrl) ? returnUrl! : "/");
            }).AllowAnonymous();
        }

        // Starts sign-in with whichever provider is active (Entra ID, or the development sign-in page).
        app.MapGet("/sign-in", (string? returnUrl) =>
            Results.Challenge(new AuthenticationProperties { RedirectUri = IsLocal(returnUrl) ? returnUrl : "/" })).AllowAnonymous();

        app.MapPost("/sign-out", async (HttpContext http) =>
        {
            if (mode.EntraId)
            {
                await http.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
                return Results.SignOut(new AuthenticationProperties { RedirectUri = "/" }, [OpenIdConnectDefaults.AuthenticationScheme]);
            }

            await http.SignOutAsync(SecurityRegistration.DevelopmentScheme);
            return Results.LocalRedirect("/");
        });
        return app;
    }

    private static bool IsLocal(string? url) => url is { Length: > 0 } && url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) && !url.StartsWith("/\\", StringComparison.Ordinal);
}
