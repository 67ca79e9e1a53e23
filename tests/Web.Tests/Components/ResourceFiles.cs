using System.Text.RegularExpressions;
using System.Xml.Linq;
using Bunit;
using Microsoft.AspNetCore.Components;

namespace Coordination.Web.Tests.Components;

/// <summary>The app's shared resources read from the source tree (Dutch neutral, English satellite), and the sources
/// that use them.</summary>
internal static class ResourceFiles
{
    private static readonly Lazy<string> _root = new(FindRepositoryRoot);
    private static readonly Lazy<IReadOnlyDictionary<string, string>> _dutch = new(() => Read("SharedResource.resx"));
    private static readonly Lazy<IReadOnlyDictionary<string, string>> _english = new(() => Read("SharedResource.en.resx"));

    /// <summary>The folder holding Coordination.sln.</summary>
    public static string RepositoryRoot => _root.Value;

    /// <summary>src/Web.</summary>
    public static string WebSource => Path.Combine(RepositoryRoot, "src", "Web");

    /// <summary>Key → Dutch value.</summary>
    public static IReadOnlyDictionary<string, string> Dutch => _dutch.Value;

    /// <summary>Key → English value.</summary>
    public static IReadOnlyDictionary<string, string> English => _english.Value;

    /// <summary>Every .razor and .razor.cs file under src/Web/Components, with its text.</summary>
    public static IReadOnlyList<(string Path, string Text)> ComponentSources() =>
        [.. Directory.EnumerateFiles(Path.Combine(WebSource, "Components"), "*.razor*", SearchOption.AllDirectories)
            .Where(p => p.EndsWith(".razor", StringComparison.Ordinal) || p.EndsWith(".razor.cs", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(p => (Path.GetRelativePath(RepositoryRoot, p), File.ReadAllText(p)))];

    /// <summary>Dutch values (whole words or phrases of five characters or more, without placeholders) whose English
    /// differs, found in a text rendered in English: Dutch left untranslated on the page.</summary>
    public static IReadOnlyList<string> DutchLeftIn(string englishText) =>
        [.. Dutch
            .Where(kv => English.TryGetValue(kv.Key, out var en) && en != kv.Value && kv.Value.Length >= 5 && !kv.Value.Contains('{', StringComparison.Ordinal))
            .Where(kv => Regex.IsMatch(englishText, $@"(?<!\w){Regex.Escape(kv.Value)}(?!\w)"))
            .Select(kv => $"{kv.Key}: {kv.Value}")];

    /// <summary>The text a user sees in a rendered component (its nodes' text content).</summary>
    public static string Text<T>(this IRenderedComponent<T> component)
        where T : IComponent => string.Join(" ", component.Nodes.Select(n => n.TextContent));

    private static Dictionary<string, string> Read(string fileName)
    {
        var path = Path.Combine(WebSource, "Resources", fileName);
        return XDocument.Load(path).Root!.Elements("data")
            .ToDictionary(d => (string)d.Attribute("name")!, d => (string?)d.Element("value") ?? string.Empty, StringComparer.Ordinal);
    }

    private static string FindRepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Coordination.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"Coordination.sln not found above {AppContext.BaseDirectory}.");
    }
}
