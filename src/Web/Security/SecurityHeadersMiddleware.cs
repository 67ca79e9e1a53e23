namespace Coordination.Web.Security;

/// <summary>
/// Sends the security headers on every response: a content security policy that allows only our own scripts and the
/// Blazor circuit's WebSocket, no framing by other sites, no referrer leaking case URLs, no sniffing.
/// </summary>
internal sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    // MudBlazor sets inline style attributes, hence 'unsafe-inline' for styles only; scripts are ours alone.
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; " +
        "connect-src 'self' ws: wss:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'; object-src 'none'";

    public Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }
}
