namespace Coordination.E2E.Tests.Infrastructure;

/// <summary>The repository's root folder: the nearest folder above the test binaries that holds Coordination.sln.</summary>
public static class RepositoryRoot
{
    private static readonly Lazy<string> _path = new(Find);

    public static string Path => _path.Value;

    /// <summary>A path under the repository root, from parts relative to it.</summary>
    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "Coordination.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException($"No Coordination.sln in {AppContext.BaseDirectory} or any folder above it: the end-to-end tests run from the repository's build output.");
    }
}
