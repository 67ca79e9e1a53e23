using System.Text.Json.Nodes;
using Coordination.Workflow.Expressions;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Expressions;

public sealed class ExpressionEvaluatorCacheTests
{
    [Fact]
    public void Evaluate_SameTextTwice_ParsesOnce()
    {
        var evaluator = new ExpressionEvaluator();

        evaluator.Evaluate("count + 1", new Dictionary<string, JsonNode?> { ["count"] = 1 })!.GetValue<double>().ShouldBe(2);
        evaluator.Evaluate("count + 1", new Dictionary<string, JsonNode?> { ["count"] = 41 })!.GetValue<double>().ShouldBe(42);

        evaluator.ParseCount.ShouldBe(1);
        evaluator.CachedScriptCount.ShouldBe(1);
    }

    [Fact]
    public void CheckSyntaxThenEvaluate_SameText_ParsesOnce()
    {
        var evaluator = new ExpressionEvaluator();

        evaluator.CheckSyntax("a > 1").ShouldBeNull();
        evaluator.FreeIdentifiers("a > 1").ShouldBe(["a"]);
        evaluator.EvaluateCondition("a > 1", new Dictionary<string, JsonNode?> { ["a"] = 2 }).ShouldBeTrue();

        evaluator.ParseCount.ShouldBe(1);
    }

    [Fact]
    public void Evaluate_DifferentTexts_AreCachedSeparately()
    {
        var evaluator = new ExpressionEvaluator();
        var scope = new Dictionary<string, JsonNode?>();

        evaluator.Evaluate("1 + 1", scope);
        evaluator.Evaluate("2 + 2", scope);
        evaluator.Evaluate("1 + 1", scope);

        evaluator.ParseCount.ShouldBe(2);
        evaluator.CachedScriptCount.ShouldBe(2);
    }

    [Fact]
    public void CheckSyntax_InvalidText_IsNotCached()
    {
        var evaluator = new ExpressionEvaluator();

        evaluator.CheckSyntax("a +").ShouldNotBeNull();

        evaluator.CachedScriptCount.ShouldBe(0);
    }

    [Fact]
    public async Task Evaluate_EightThreads_GiveCorrectResults()
    {
        var evaluator = new ExpressionEvaluator();
        string[] expressions =
        [
            "items.filter(i => i.line < limit).length",
            "items.reduce((sum, i) => sum + i.line, 0) + limit",
            "{ caseId: input.caseId, big: limit > 100 }",
        ];
        var failures = 0;

        var workers = Enumerable.Range(0, 8).Select(thread => Task.Factory.StartNew(
            () =>
            {
                for (var i = 0; i < 200; i++)
                {
                    var limit = (thread * 1000) + i;
                    var scope = new Dictionary<string, JsonNode?>
                    {
                        ["limit"] = limit,
                        ["input"] = new JsonObject { ["caseId"] = $"C-{thread}-{i}" },
                        ["items"] = new JsonArray(Enumerable.Range(0, 10).Select(line => (JsonNode?)new JsonObject { ["line"] = line * 100 }).ToArray()),
                    };
                    var expected = Math.Min(10, (limit + 99) / 100);
                    var ok = (i % 3) switch
                    {
                        0 => evaluator.Evaluate(expressions[0], scope)!.GetValue<double>() == expected,
                        1 => evaluator.Evaluate(expressions[1], scope)!.GetValue<double>() == 4500 + limit,
                        _ => evaluator.Evaluate(expressions[2], scope) is JsonObject result
                            && result["caseId"]!.GetValue<string>() == $"C-{thread}-{i}"
                            && result["big"]!.GetValue<bool>() == limit > 100,
                    };
                    if (!ok)
                    {
                        Interlocked.Increment(ref failures);
                    }
                }
            },
            TestContext.Current.CancellationToken,
            TaskCreationOptions.LongRunning,
            TaskScheduler.Default));

        await Task.WhenAll(workers);

        failures.ShouldBe(0);
        evaluator.CachedScriptCount.ShouldBe(3);
    }
}
