using System.Text.Json;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.Playwright;

namespace Coordination.E2E.Tests.Infrastructure;

/// <summary>
/// The app's Dutch interface strings (src/Web/Resources/SharedResource.resx) that differ from their English
/// translation, and a look for them on a page: in each text node and in the aria-label, title and placeholder
/// attributes. A string with arguments (<c>{0}</c>) matches with anything in their place.
/// </summary>
public static partial class DutchLabels
{
    private static readonly Lazy<IReadOnlyList<(string Key, string Dutch, Regex Pattern)>> _labels = new(Load);

    // Every piece of text a user or a screen reader gets, whitespace collapsed.
    private const string CollectScript = """
        () => {
          const texts = [];
          const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT, {
            acceptNode: n => n.parentElement && ['SCRIPT', 'STYLE', 'TEMPLATE'].includes(n.parentElement.tagName) ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT
          });
          while (walker.nextNode()) { texts.push(walker.currentNode.nodeValue); }
          for (const e of document.querySelectorAll('[aria-label],[title],[placeholder]')) {
            for (const a of ['aria-label', 'title', 'placeholder']) { if (e.hasAttribute(a)) { texts.push(e.getAttribute(a)); } }
          }
          texts.push(document.title);
          return texts.map(t => t.replace(/\s+/g, ' ').trim()).filter(t => t.length > 0);
        }
        """;

    /// <summary>How many Dutch strings are looked for.</summary>
    public static int Count => _labels.Value.Count;

    /// <summary>Each Dutch interface string found on the page as it is now, as "key: text".</summary>
    public static async Task<IReadOnlyList<string>> FindAsync(IPage page)
    {
        ArgumentNullException.ThrowIfNull(page);
        var texts = (await page.EvaluateAsync<JsonElement>(CollectScript)).EnumerateArray().Select(t => t.GetString() ?? string.Empty).Distinct().ToList();
        return [.. _labels.Value
            .SelectMany(label => texts.Where(text => label.Pattern.IsMatch(text)).Select(text => $"{label.Key}: \"{text}\""))
            .Distinct()];
    }

    private static List<(string Key, string Dutch, Regex Pattern)> Load()
    {
        var dutch = Read("SharedResource.resx");
        var english = Read("SharedResource.en.resx");
        return [.. dutch
            .Where(d => !english.TryGetValue(d.Key, out var en) || !string.Equals(en, d.Value, StringComparison.Ordinal))
            .Select(d => (d.Key, d.Value, Pattern(d.Value)))];
    }

    private static Dictionary<string, string> Read(string file) =>
        XDocument.Load(RepositoryRoot.Combine("src", "Web", "Resources", file)).Root!
            .Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => Collapse((string?)d.Element("value") ?? string.Empty));

    private static Regex Pattern(string text)
    {
        var parts = Placeholder().Split(text).Select(Regex.Escape);
        return new Regex($"^{string.Join(".*", parts)}$", RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [GeneratedRegex(@"\{[^}]+\}")]
    private static partial Regex Placeholder();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
