using System.Globalization;
using Microsoft.AspNetCore.Localization;
using Coordination.Web.Security;
using MudBlazor.Services;

namespace Coordination.Web.Components;

/// <summary>Blazor Server with MudBlazor, Dutch by default and English on request, and the plain HTTP endpoints.</summary>
internal static class UserInterfaceRegistration
{
    public static readonly CultureInfo[] SupportedCultures = [new("nl-NL"), new("en-GB")];

    public static WebApplicationBuilder AddUserInterface(this WebApplicationBuilder builder)
    {
        builder.Services.AddLocalization();
        // A page sends what the user typed to the server over the circuit; a workflow definition (JSON, tens of KB) in the
        // administrators' editor would not fit the default 32 KB message. Definitions are refused above
        // PublishWorkflowDefinitionHandler.MaxLength, well under this.
        builder.Services.AddRazorComponents().AddInteractiveServerComponents()
            .AddHubOptions(options => options.MaximumReceiveMessageSize = 512 * 1024);
        builder.Services.AddMudServices();
        builder.Services.Configure<RequestLocalizationOptions>(options =>
        {
            options.DefaultRequestCulture = new RequestCulture(SupportedCultures[0]);
            options.SupportedCultures = SupportedCultures;
            options.SupportedUICultures = SupportedCultures;
            // The user's explicit choice (cookie) wins over the browser's language.
            options.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });
        return builder;
    }

    public static WebApplication UseUserInterface(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/error", createScopeForErrors: true);
            app.UseHsts();
        }

        app.UseStatusCodePagesWithReExecute("/not-found");
        app.UseRequestLocalization();
        app.UseSecurity();
        app.UseAntiforgery();
        app.MapStaticAssets().AllowAnonymous();
        // Our own CSP already says frame-ancestors 'none'; Blazor's default header would add a second, weaker one.
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode(options => options.ContentSecurityFrameAncestorsPolicy = null);
        return app;
    }

    public static WebApplication MapEndpoints(this WebApplication app)
    {
        app.MapHealthChecks("/health").AllowAnonymous();
        app.MapSignIn();

        // Sets the language cookie and returns to the page the user was on (local URLs only: no open redirect).
        app.MapGet("/culture", (string culture, string? returnUrl, HttpContext http) =>
        {
            var chosen = SupportedCultures.FirstOrDefault(c => c.Name.Equals(culture, StringComparison.OrdinalIgnoreCase)
                || c.TwoLetterISOLanguageName.Equals(culture, StringComparison.OrdinalIgnoreCase));
            if (chosen is not null)
            {
                http.Response.Cookies.Append(
                    CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(chosen)),
                    new CookieOptions { MaxAge = TimeSpan.FromDays(365), HttpOnly = true, SameSite = SameSiteMode.Lax, IsEssential = true, Secure = http.Request.IsHttps });
            }

            return Results.LocalRedirect(returnUrl is { Length: > 0 } && returnUrl.StartsWith('/') && !returnUrl.StartsWith("//", StringComparison.Ordinal) ? returnUrl : "/");
        }).AllowAnonymous();
        return app;
    }
}
