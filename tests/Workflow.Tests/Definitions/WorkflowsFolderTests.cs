using Coordination.Workflow.Definitions;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Definitions;

public sealed class WorkflowsFolderTests
{
    [Fact]
    public void WorkflowsFolder_EveryDefinition_IsValid()
    {
        var folder = Path.Combine(RepositoryRoot(), "workflows");
        Directory.Exists(folder).ShouldBeTrue($"the workflows folder is missing: {folder}");

        var validator = DefinitionFixtures.NewValidator();
        var failures = new List<string>();
        var definitions = new List<WorkflowDefinition>();
        foreach (var file in Directory.GetFiles(folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(folder, file);
            try
            {
                var definition = DefinitionJson.Parse(File.ReadAllText(file), name);
                failures.AddRange(validator.Validate(definition).Select(p => $"{name}: {p}"));
                if (definition.DefinitionId != Path.GetFileNameWithoutExtension(file))
                {
                    failures.Add($"{name}: the file name must be the definition id '{definition.DefinitionId}'");
                }

                definitions.Add(definition);
            }
            catch (WorkflowDefinitionException ex)
            {
                failures.AddRange(ex.Problems.Select(p => $"{name}: {p}"));
            }
        }

        // A child started by a SubWorkflow must exist, or the parent faults the first time it gets there.
        var ids = definitions.Select(d => d.DefinitionId).ToHashSet(StringComparer.Ordinal);
        failures.AddRange(definitions.SelectMany(d => SubWorkflows(d.Flowchart)
            .Where(s => !ids.Contains(s.DefinitionId))
            .Select(s => $"{d.DefinitionId}: {s.Id}: starts '{s.DefinitionId}', which is not in the workflows folder")));

        failures.ShouldBeEmpty(string.Join(Environment.NewLine, failures));
    }

    private static IEnumerable<SubWorkflowActivity> SubWorkflows(Flowchart flowchart) =>
        flowchart.Activities.OfType<SubWorkflowActivity>()
            .Concat(flowchart.Activities.OfType<ParallelForEachActivity>().SelectMany(a => SubWorkflows(a.Body)));

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "Coordination.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"No folder above {AppContext.BaseDirectory} holds Coordination.sln.");
    }
}
