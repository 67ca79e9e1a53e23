using Coordination.Web.Tests.Components;
using Shouldly;
using Xunit;

namespace Coordination.Web.Tests.Security;

/// <summary>
/// Use cases read through their user's need-to-know filters and never switch them off: in EF Core
/// <c>IgnoreQueryFilters()</c> lifts every filter of the whole query, not just the table it is written on. What a task
/// shows of a case it may not open comes from <c>CaseLabels</c>; system reads go through <c>SystemDbContexts</c>.
/// </summary>
public sealed class QueryFilterUseTests
{
    [Fact]
    public void FeatureSources_UseCases_NeverSwitchOffTheNeedToKnowFilters()
    {
        var features = Directory.EnumerateFiles(Path.Combine(ResourceFiles.WebSource, "Features"), "*.cs", SearchOption.AllDirectories).ToList();

        var offenders = features
            .Where(p => File.ReadAllText(p).Contains("IgnoreQueryFilters(", StringComparison.Ordinal))
            .Select(p => Path.GetRelativePath(ResourceFiles.RepositoryRoot, p))
            .ToList();

        features.Count.ShouldBeGreaterThan(30, "the use cases were scanned");
        offenders.ShouldBeEmpty();
    }
}
