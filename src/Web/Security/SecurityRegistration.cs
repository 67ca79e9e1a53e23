using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authentication.OpenIdConnect;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Web;

namespace Coordination.Web.Security;

/// <summary>Sign-in (Microsoft Entra ID, or the development sign-in), authorization, need-to-know and audit, headers.</summary>
internal static class SecurityRegistration
{
    public const string DevelopmentScheme = "Coordination.Development";
    public const string AzureAdSection = "AzureAd";

    public static WebApplicationBuilder AddSecurity(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        var development = builder.Environment.IsDevelopment();
        var entraConfigured = !string.IsNullOrWhiteSpace(builder.Configuration[$"{AzureAdSection}:ClientId"]);
        var devSignIn = development || options.DevelopmentSignInEnabled;
        if (!devSignIn && !entraConfigured)
        {
            throw new InvalidOperationException(
                "No identity provider is configured, so nobody could sign in. Configure Microsoft Entra ID in the 'AzureAd' section " +
                "(AzureAd__Instance=https://login.microsoftonline.com/, AzureAd__TenantId, AzureAd__ClientId, AzureAd__ClientSecret or a certificate; see README), " +
                "or for a demonstration only set Security__DevelopmentSignInEnabled=true.");
        }

        var mode = new SignInMode(DevelopmentSignIn: devSignIn, ShowDemoBanner: devSignIn && !development, EntraId: !devSignIn);
        builder.Services.AddSingleton(options);
        builder.Services.AddSingleton(mode);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddScoped<UserContext>();
        builder.Services.AddSingleton<AuditTrail>();
        builder.Services.AddCascadingAuthenticationState();

        if (mode.EntraId)
        {
            builder.Services.AddAuthentication(OpenIdConnectDefaults.AuthenticationScheme)
                .AddMicrosoftIdentityWebApp(builder.Configuration.GetSection(AzureAdSection));
            builder.Services.AddTransient<IClaimsTransformation, EntraClaimsTransformation>();
        }
        else
        {
            builder.Services.AddAuthentication(DevelopmentScheme).AddCookie(DevelopmentScheme, cookie =>
            {
                cookie.LoginPath = "/dev/sign-in";
                cookie.ReturnUrlParameter = "returnUrl";
                cookie.AccessDeniedPath = "/not-found";
                cookie.Cookie.Name = "coordination.auth";
                cookie.Cookie.HttpOnly = true;
                cookie.Cookie.SameSite = SameSiteMode.Lax;
                cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
                cookie.ExpireTimeSpan = TimeSpan.FromHours(8);
                cookie.SlidingExpiration = true;
            });
        }

        // Everything needs a signed-in user unless it says otherwise (health, sign-in, static files, error pages).
        builder.Services.AddAuthorizationBuilder().SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build());
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.HttpOnly = true;

            // We send X-Frame-Options: DENY ourselves; the antiforgery default (SAMEORIGIN) would add a second, weaker value.
            antiforgery.SuppressXFrameOptionsHeader = true;
            antiforgery.Cookie.SameSite = SameSiteMode.Strict;
            antiforgery.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        });
        return builder;
    }

    public static WebApplication UseSecurity(this WebApplication app)
    {
        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }
}
