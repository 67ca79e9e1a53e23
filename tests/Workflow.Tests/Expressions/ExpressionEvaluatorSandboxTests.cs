using System.Text.Json.Nodes;
using Coordination.Workflow.Expressions;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Expressions;

public sealed class ExpressionEvaluatorSandboxTests
{
    private static readonly Dictionary<string, JsonNode?> _noScope = [];

    private readonly ExpressionEvaluator _evaluator = new();

    [Fact]
    public void Evaluate_InfiniteLoop_IsStoppedByStatementLimit()
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate("while(true){}", _noScope));

        exception.Message.ShouldBe("Expression 'while(true){}' was stopped: it ran more than 10,000 statements.");
    }

    [Fact]
    public void Evaluate_InfiniteLoopWithoutStatementLimit_IsStoppedByTimeout()
    {
        var evaluator = new ExpressionEvaluator(new ExpressionLimits(TimeSpan.FromMilliseconds(100), int.MaxValue, 4_000_000, 64));

        var exception = Should.Throw<ExpressionException>(() => evaluator.Evaluate("while(true){}", _noScope));

        exception.Message.ShouldBe("Expression 'while(true){}' was stopped: it ran longer than 100 ms.");
    }

    [Fact]
    public void Evaluate_CatastrophicRegex_IsStoppedByTimeout()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default with { Timeout = TimeSpan.FromMilliseconds(100) });

        var exception = Should.Throw<ExpressionException>(() => evaluator.Evaluate("/^(a+)+$/.test('a'.repeat(40) + 'b')", _noScope));

        exception.Message.ShouldEndWith("was stopped: it ran longer than 100 ms.");
    }

    [Fact]
    public void Evaluate_UnboundedRecursion_IsStopped()
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate("function f(n) { return f(n + 1); } f(0)", _noScope));

        exception.Message.ShouldBe("Expression 'function f(n) { return f(n + 1); } f(0)' was stopped: its function calls nested deeper than 64 levels.");
    }

    [Fact]
    public void Evaluate_RecursionWithinLimit_Succeeds()
    {
        _evaluator.Evaluate("function depth(n) { return n === 0 ? 0 : 1 + depth(n - 1); } depth(50)", _noScope)!
            .GetValue<double>().ShouldBe(50);
    }

    [Theory]
    [InlineData("var a = []; for (var i = 0; i < 100000; i++) a = [a]; JSON.stringify(a).length")]
    [InlineData("var a = []; for (var i = 0; i < 100000; i++) a = [a]; a.toString().length")]
    [InlineData("var a = []; for (var i = 0; i < 100000; i++) a = [a]; a")]
    public void Evaluate_DeeplyNestedValue_FailsWithoutCrashingTheProcess(string expression)
    {
        var generous = new ExpressionLimits(TimeSpan.FromSeconds(30), int.MaxValue, 1_000_000_000, 64);
        var evaluator = new ExpressionEvaluator(generous);

        var exception = Should.Throw<ExpressionException>(() => evaluator.Evaluate(expression, _noScope));

        exception.Message.ShouldEndWith("failed: Maximum call stack size exceeded.");
    }

    [Theory]
    [InlineData("new Array(50000000).fill(1).length")]
    [InlineData("Array.from({ length: 5000000 }, (_, i) => i).length")]
    [InlineData("var s = 'x'; while (true) { s = s + s; }")]
    public void Evaluate_HugeAllocation_IsStoppedByMemoryLimit(string expression)
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default with { MaxStatements = int.MaxValue, Timeout = TimeSpan.FromSeconds(10) });

        var exception = Should.Throw<ExpressionException>(() => evaluator.Evaluate(expression, _noScope));

        exception.Message.ShouldEndWith("was stopped: it used more than 4,000,000 bytes of memory.");
    }

    [Fact]
    public void Evaluate_GrowingArrayInLoop_IsStoppedByMemoryLimit()
    {
        var evaluator = new ExpressionEvaluator(ExpressionLimits.Default with { MaxStatements = int.MaxValue, Timeout = TimeSpan.FromSeconds(10) });

        var exception = Should.Throw<ExpressionException>(() => evaluator.Evaluate("var a = []; while (true) a.push('item ' + a.length)", _noScope));

        exception.Message.ShouldContain("bytes of memory");
    }

    [Fact]
    public void Evaluate_HugeResult_IsStoppedByMemoryLimit()
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate("'x'.repeat(10000000)", _noScope));

        exception.Message.ShouldBe("Expression ''x'.repeat(10000000)' was stopped: it used more than 4,000,000 bytes of memory.");
    }

    [Fact]
    public void Evaluate_HugeAllocationInLastStatement_IsStoppedByMemoryLimit()
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate("JSON.stringify('x'.repeat(3000000)).length", _noScope));

        exception.Message.ShouldEndWith("was stopped: it used more than 4,000,000 bytes of memory.");
    }

    [Theory]
    [InlineData("new Uint8Array(1073741824).length", "Uint8Array")]
    [InlineData("new ArrayBuffer(1073741824).byteLength", "ArrayBuffer")]
    [InlineData("new SharedArrayBuffer(16).byteLength", "SharedArrayBuffer")]
    public void Evaluate_BinaryBuffers_AreNotAvailable(string expression, string name)
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate(expression, _noScope));

        exception.Message.ShouldContain($"{name} is not defined");
    }

    [Theory]
    [InlineData("System.IO.File.ReadAllText('/etc/passwd')", "System is not defined")]
    [InlineData("importNamespace('System')", "importNamespace is not defined")]
    [InlineData("clrHelper", "clrHelper is not defined")]
    [InlineData("this.constructor.constructor('return process')()", "String compilation has been disabled")]
    [InlineData("eval('1 + 1')", "String compilation has been disabled")]
    [InlineData("Function('return this')()", "String compilation has been disabled")]
    [InlineData("(() => {}).constructor('return 1')()", "String compilation has been disabled")]
    [InlineData("require('fs')", "require is not defined")]
    [InlineData("process.exit(1)", "process is not defined")]
    public void Evaluate_ClrOrHostAccess_IsRefused(string expression, string reason)
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate(expression, _noScope));

        exception.Message.ShouldStartWith("Expression '");
        exception.Message.ShouldContain(reason);
    }

    [Fact]
    public void Evaluate_DynamicImport_IsRefused()
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate("import('./secret.js')", _noScope));

        exception.Message.ShouldStartWith("Expression 'import('./secret.js')' failed: ");
    }

    [Fact]
    public void Evaluate_ClrFileWriteAttempts_HaveNoSideEffect()
    {
        var path = Path.Combine(Path.GetTempPath(), $"expression-sandbox-{Guid.NewGuid():N}.txt");
        var target = path.Replace("\\", "\\\\", StringComparison.Ordinal);
        string[] attempts =
        [
            $"System.IO.File.WriteAllText('{target}', 'pwned')",
            $"importNamespace('System.IO').File.WriteAllText('{target}', 'pwned')",
            $"this.constructor.constructor(\"System.IO.File.WriteAllText('{target}', 'pwned')\")()",
            $"globalThis.System.IO.File.WriteAllText('{target}', 'pwned')",
        ];

        foreach (var attempt in attempts)
        {
            Should.Throw<ExpressionException>(() => _evaluator.Evaluate(attempt, _noScope));
        }

        File.Exists(path).ShouldBeFalse();
    }

    [Fact]
    public void Evaluate_ScopeValues_ArePlainJavaScriptValues()
    {
        var scope = new Dictionary<string, JsonNode?>
        {
            ["input"] = new JsonObject { ["caseId"] = "C-1" },
            ["count"] = JsonValue.Create(3),
        };

        _evaluator.Evaluate("Object.getPrototypeOf(input) === Object.prototype", scope)!.GetValue<bool>().ShouldBeTrue();
        _evaluator.Evaluate("typeof count", scope)!.GetValue<string>().ShouldBe("number");
        _evaluator.Evaluate("Object.getOwnPropertyNames(input).join(',')", scope)!.GetValue<string>().ShouldBe("caseId");
    }

    [Fact]
    public void Evaluate_ModifiedBuiltIns_DoNotLeakIntoNextEvaluation()
    {
        _evaluator.Evaluate("Array.prototype.includes = () => true; [].includes(1)", _noScope)!.GetValue<bool>().ShouldBeTrue();

        _evaluator.Evaluate("[].includes(1)", _noScope)!.GetValue<bool>().ShouldBeFalse();
    }

    [Fact]
    public void Constructor_NonPositiveLimit_Throws()
    {
        Should.Throw<ArgumentOutOfRangeException>(() => new ExpressionEvaluator(ExpressionLimits.Default with { MaxStatements = 0 }));
        Should.Throw<ArgumentOutOfRangeException>(() => new ExpressionEvaluator(ExpressionLimits.Default with { Timeout = TimeSpan.Zero }));
    }
}
