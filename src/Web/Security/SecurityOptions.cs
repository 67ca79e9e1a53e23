namespace Coordination.Web.Security;

/// <summary>The <c>Security</c> configuration section.</summary>
public sealed class SecurityOptions
{
    /// <summary>Configuration section name.</summary>
    public const string Section = "Security";

    /// <summary>
    /// Switches the development sign-in on outside Development (a demo installation). Every page then shows a
    /// "demo sign-in" banner. In Development it is always on.
    /// </summary>
    public bool DevelopmentSignInEnabled { get; set; }

    /// <summary>The claim that carries the agency code in tokens from Entra ID (an optional claim or directory
    /// extension configured in the app registration).</summary>
    public string AgencyClaim { get; set; } = "agency";
}

/// <summary>What the app decided at start-up about sign-in.</summary>
/// <param name="DevelopmentSignIn">The development sign-in is available.</param>
/// <param name="ShowDemoBanner">Pages show the demo banner (development sign-in outside Development).</param>
/// <param name="EntraId">Sign-in goes through Microsoft Entra ID.</param>
public sealed record SignInMode(bool DevelopmentSignIn, bool ShowDemoBanner, bool EntraId);
