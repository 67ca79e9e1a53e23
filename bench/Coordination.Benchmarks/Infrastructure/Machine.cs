using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace Coordination.Benchmarks.Infrastructure;

/// <summary>What the numbers were measured on.</summary>
internal static class Machine
{
    public static void Write()
    {
        Output.Heading("Machine");
        Output.Table(
            ["what", "value"],
            [
                ["date (UTC)", DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)],
                ["logical processors (nproc)", Environment.ProcessorCount.ToString(CultureInfo.InvariantCulture)],
                ["CPU", ReadFirst("/proc/cpuinfo", "model name") ?? RuntimeInformation.ProcessArchitecture.ToString()],
                ["memory", Memory()],
                ["OS", ReadOsName() ?? RuntimeInformation.OSDescription],
                ["kernel", File.Exists("/proc/sys/kernel/osrelease") ? File.ReadAllText("/proc/sys/kernel/osrelease").Trim() : "?"],
                [".NET", RuntimeInformation.FrameworkDescription],
                ["GC", GCSettings.IsServerGC ? "server" : "workstation" + (GCSettings.LatencyMode == GCLatencyMode.Interactive ? ", concurrent" : string.Empty)],
                ["load average at start (1/5/15 min)", LoadAverage()],
            ]);
    }

    /// <summary>The 1/5/15-minute load averages, to tell a quiet machine from a busy one.</summary>
    public static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(" / ", File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    private static string? ReadFirst(string file, string key) =>
        File.Exists(file)
            ? File.ReadLines(file).Where(l => l.StartsWith(key, StringComparison.Ordinal)).Select(l => l[(l.IndexOf(':', StringComparison.Ordinal) + 1)..].Trim()).FirstOrDefault()
            : null;

    private static string Memory()
    {
        var total = ReadFirst("/proc/meminfo", "MemTotal");
        return total is not null && long.TryParse(total.Split(' ')[0], CultureInfo.InvariantCulture, out var kib)
            ? $"{(kib / 1024.0 / 1024.0).ToString("F1", CultureInfo.InvariantCulture)} GiB"
            : "?";
    }

    private static string? ReadOsName() =>
        File.Exists("/etc/os-release")
            ? File.ReadLines("/etc/os-release").Where(l => l.StartsWith("PRETTY_NAME=", StringComparison.Ordinal)).Select(l => l["PRETTY_NAME=".Length..].Trim('"')).FirstOrDefault()
            : null;
}
