using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.Playwright;

namespace Coordination.E2E.Tests.Infrastructure;

/// <summary>
/// axe-core, installed from npm at test time by ./test.sh (never committed), injected into a page and run against the
/// WCAG 2.0 and 2.1 A and AA rules: Dutch government sites must meet WCAG 2.1 AA.
/// </summary>
public static class Axe
{
    /// <summary>Where ./test.sh installs axe-core, relative to the repository root.</summary>
    public const string ScriptPath = "tests/E2E.Tests/.axe/node_modules/axe-core/axe.min.js";

    /// <summary>The command that installs it (what ./test.sh runs when the file is missing).</summary>
    public const string InstallCommand = "npm install --no-save --prefix tests/E2E.Tests/.axe axe-core@4.14.1";

    private static readonly string[] _tags = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"];
    private static readonly string[] _failingImpacts = ["serious", "critical"];
    private static readonly Lazy<string> _source = new(Load);

    // Evaluated through the DevTools protocol rather than added as a <script> tag: the app's Content-Security-Policy
    // (script-src 'self') rightly refuses inline scripts, and the test must not weaken it to look inside.
    private const string RunScript = """
        async (tags) => {
          const result = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
          return result.violations.map(v => ({
            id: v.id,
            impact: v.impact ?? '',
            help: v.help,
            helpUrl: v.helpUrl,
            nodes: v.nodes.length,
            targets: v.nodes.slice(0, 5).map(n => n.target.map(t => Array.isArray(t) ? t.join(' >>> ') : t).join(' ')),
            summary: v.nodes.length > 0 ? (v.nodes[0].failureSummary ?? '').replace(/\s+/g, ' ').trim() : '',
          }));
        }
        """;

    /// <summary>Runs axe on the page as it is now and returns every violation, of any impact.</summary>
    public static async Task<IReadOnlyList<AxeViolation>> RunAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (!await page.EvaluateAsync<bool>("() => typeof window.axe === 'object'"))
        {
            await page.EvaluateAsync(_source.Value);
        }

        var result = await page.EvaluateAsync<JsonElement>(RunScript, _tags);
        return [.. result.EnumerateArray().Select(v => new AxeViolation(
            v.GetProperty("id").GetString() ?? string.Empty,
            v.GetProperty("impact").GetString() ?? string.Empty,
            v.GetProperty("help").GetString() ?? string.Empty,
            v.GetProperty("helpUrl").GetString() ?? string.Empty,
            v.GetProperty("nodes").GetInt32(),
            [.. v.GetProperty("targets").EnumerateArray().Select(t => t.GetString() ?? string.Empty)],
            v.GetProperty("summary").GetString() ?? string.Empty))];
    }

    /// <summary>The violations a test fails on: impact serious or critical.</summary>
    public static IReadOnlyList<AxeViolation> Serious(IEnumerable<AxeViolation> violations) =>
        [.. violations.Where(v => _failingImpacts.Contains(v.Impact))];

    /// <summary>One line per violation: rule id, impact, help, the first offending element, how many there are and
    /// what axe says is wrong with the first.</summary>
    public static string Describe(IEnumerable<AxeViolation> violations)
    {
        var text = new StringBuilder();
        foreach (var v in violations)
        {
            text.Append(CultureInfo.InvariantCulture, $"  - {v.Id} [{v.Impact}] {v.Help} — {v.Nodes} element(s), first {v.FirstTarget}: {v.FirstFailure} {v.HelpUrl}").AppendLine();
            if (v.Targets.Count > 1)
            {
                text.Append(CultureInfo.InvariantCulture, $"      also: {string.Join(", ", v.Targets.Skip(1))}{(v.Nodes > v.Targets.Count ? ", …" : string.Empty)}").AppendLine();
            }
        }

        return text.ToString();
    }

    private static string Load()
    {
        var path = RepositoryRoot.Combine(ScriptPath.Split('/'));
        return File.Exists(path)
            ? File.ReadAllText(path)
            : throw new InvalidOperationException(
                $"axe-core is not installed: {path} is missing. The accessibility tests need it; install it with " +
                $"`{InstallCommand}` in the repository root (./test.sh does this when it is missing).");
    }
}

/// <summary>One axe rule that failed on a page.</summary>
public sealed record AxeViolation(string Id, string Impact, string Help, string HelpUrl, int Nodes, IReadOnlyList<string> Targets, string FirstFailure)
{
    /// <summary>The CSS selector of the first offending element.</summary>
    public string FirstTarget => Targets.Count > 0 ? Targets[0] : "(no element)";
}
