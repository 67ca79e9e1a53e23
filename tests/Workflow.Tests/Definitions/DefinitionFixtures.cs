using Coordination.Workflow.Definitions;
using Coordination.Workflow.Expressions;

namespace Coordination.Workflow.Tests.Definitions;

/// <summary>Reads the JSON fixtures copied beside the test assembly and runs them through reader and validator.</summary>
internal static class DefinitionFixtures
{
    public static string Folder { get; } = Path.Combine(AppContext.BaseDirectory, "Definitions", "Fixtures");

    public static string InvalidFolder { get; } = Path.Combine(Folder, "invalid");

    public static DefinitionValidator NewValidator() => new(new ExpressionEvaluator());

    public static string Text(string relativePath) => File.ReadAllText(Path.Combine(Folder, relativePath));

    public static WorkflowDefinition Parse(string relativePath) => DefinitionJson.Parse(Text(relativePath), relativePath);

    /// <summary>
    /// The problems a definition file has: the reader's when it cannot be read (the validator never sees those),
    /// otherwise the validator's.
    /// </summary>
    public static IReadOnlyList<DefinitionProblem> Problems(string path)
    {
        var fullPath = Path.IsPathRooted(path) ? path : Path.Combine(Folder, path);
        WorkflowDefinition definition;
        try
        {
            definition = DefinitionJson.Parse(File.ReadAllText(fullPath), Path.GetFileName(fullPath));
        }
        catch (WorkflowDefinitionException ex)
        {
            return ex.Problems;
        }

        return NewValidator().Validate(definition);
    }
}
