using System.Globalization;
using System.Text;

namespace Coordination.Benchmarks.Infrastructure;

/// <summary>Writes results as Markdown tables (to the console and, when asked, to a file) so they paste into
/// docs/performance.md as they are.</summary>
internal static class Output
{
    private static readonly StringBuilder _all = new();

    public static string Text => _all.ToString();

    public static string Number(double value, int decimals = 0) => value.ToString("N" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Bytes(double value) => value switch
    {
        >= 10 * 1024 * 1024 => Number(value / (1024 * 1024), 1) + " MiB",
        >= 10 * 1024 => Number(value / 1024, 1) + " KiB",
        _ => Number(value) + " B",
    };

    public static void Heading(string text) => Line($"{Environment.NewLine}### {text}{Environment.NewLine}");

    public static void Note(string text) => Line(text);

    public static void Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        Line("| " + string.Join(" | ", headers) + " |");
        Line("|" + string.Concat(headers.Select((_, i) => i == 0 ? " --- |" : " ---: |")));
        foreach (var row in rows)
        {
            Line("| " + string.Join(" | ", row) + " |");
        }

        Line(string.Empty);
    }

    /// <summary>Progress for the person watching; not part of the report.</summary>
    public static void Progress(string text) => Console.Error.WriteLine($"[{DateTime.Now:HH:mm:ss}] {text}");

    private static void Line(string text)
    {
        Console.WriteLine(text);
        _all.AppendLine(text);
    }
}
