using System.Text.Json.Nodes;
using Coordination.Workflow.Expressions;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Expressions;

public sealed class ExpressionEvaluatorEvaluateTests
{
    private static readonly Dictionary<string, JsonNode?> _noScope = [];

    private readonly ExpressionEvaluator _evaluator = new();

    private static Dictionary<string, JsonNode?> CaseScope() => new()
    {
        ["reportCount"] = 4,
        ["amount"] = 1250.75,
        ["name"] = "Jansen",
        ["urgent"] = true,
        ["closedAt"] = null,
        ["input"] = JsonNode.Parse("""{ "caseId": "C-2024-0001", "party": { "name": "Jansen", "address": { "city": "Utrecht" } }, "flags": [] }"""),
        ["items"] = JsonNode.Parse("""[ { "line": 1, "iban": "NL91ABNA0417164300" }, { "line": 3, "iban": "NL20INGB0001234567" }, { "line": 7, "iban": null } ]"""),
    };

    [Theory]
    [InlineData("1 + 2 * 3", 7)]
    [InlineData("(1 + 2) * 3", 9)]
    [InlineData("7 % 4", 3)]
    [InlineData("2 ** 10", 1024)]
    [InlineData("10 / 4", 2.5)]
    [InlineData("-5 + 2", -3)]
    public void Evaluate_Arithmetic_ReturnsNumber(string expression, double expected)
    {
        _evaluator.Evaluate(expression, _noScope)!.GetValue<double>().ShouldBe(expected);
    }

    [Theory]
    [InlineData("3 >= 3", true)]
    [InlineData("2 > 3", false)]
    [InlineData("'a' < 'b'", true)]
    [InlineData("1 === 1", true)]
    [InlineData("1 !== 1", false)]
    [InlineData("null == undefined", true)]
    [InlineData("null === undefined", false)]
    [InlineData("true && false", false)]
    [InlineData("true || false", true)]
    [InlineData("!true", false)]
    [InlineData("1 < 2 && (2 < 1 || 3 == 3)", true)]
    public void Evaluate_ComparisonOrLogic_ReturnsBoolean(string expression, bool expected)
    {
        _evaluator.Evaluate(expression, _noScope)!.GetValue<bool>().ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_LogicalOperatorsWithValues_ReturnTheDecidingOperand()
    {
        _evaluator.Evaluate("null ?? 'fallback'", _noScope)!.GetValue<string>().ShouldBe("fallback");
        _evaluator.Evaluate("'' || 'empty'", _noScope)!.GetValue<string>().ShouldBe("empty");
        _evaluator.Evaluate("0 && 'never'", _noScope)!.GetValue<double>().ShouldBe(0);
    }

    [Fact]
    public void Evaluate_ScalarsFromScope_AreJavaScriptValues()
    {
        var scope = CaseScope();

        _evaluator.Evaluate("reportCount * 2", scope)!.GetValue<double>().ShouldBe(8);
        _evaluator.Evaluate("amount > 1000", scope)!.GetValue<bool>().ShouldBeTrue();
        _evaluator.Evaluate("name.toUpperCase() + '!'", scope)!.GetValue<string>().ShouldBe("JANSEN!");
        _evaluator.Evaluate("urgent === true", scope)!.GetValue<bool>().ShouldBeTrue();
        _evaluator.Evaluate("closedAt === null", scope)!.GetValue<bool>().ShouldBeTrue();
        _evaluator.Evaluate("typeof reportCount", scope)!.GetValue<string>().ShouldBe("number");
    }

    [Fact]
    public void Evaluate_NestedObjectsFromScope_ReadsProperties()
    {
        var scope = CaseScope();

        _evaluator.Evaluate("input.caseId", scope)!.GetValue<string>().ShouldBe("C-2024-0001");
        _evaluator.Evaluate("input.party.address.city", scope)!.GetValue<string>().ShouldBe("Utrecht");
        _evaluator.Evaluate("input['party']['name']", scope)!.GetValue<string>().ShouldBe("Jansen");
        _evaluator.Evaluate("input.missing === undefined", scope)!.GetValue<bool>().ShouldBeTrue();
        _evaluator.Evaluate("input.party?.phone?.number ?? 'none'", scope)!.GetValue<string>().ShouldBe("none");
        _evaluator.Evaluate("input.flags.length", scope)!.GetValue<double>().ShouldBe(0);
    }

    [Fact]
    public void Evaluate_ArraysFromScope_SupportsIndexingAndArrayMethods()
    {
        var scope = CaseScope();

        _evaluator.Evaluate("items.length", scope)!.GetValue<double>().ShouldBe(3);
        _evaluator.Evaluate("items[1].iban", scope)!.GetValue<string>().ShouldBe("NL20INGB0001234567");
        _evaluator.Evaluate("items.filter(i => i.line < 4).length", scope)!.GetValue<double>().ShouldBe(2);
        _evaluator.Evaluate("items.some(i => i.iban === null)", scope)!.GetValue<bool>().ShouldBeTrue();
        _evaluator.Evaluate("items.reduce((sum, i) => sum + i.line, 0)", scope)!.GetValue<double>().ShouldBe(11);
        _evaluator.Evaluate("items.find(i => i.line > 5).line", scope)!.GetValue<double>().ShouldBe(7);
    }

    [Fact]
    public void Evaluate_ArrayResult_ReturnsJsonArray()
    {
        var result = _evaluator.Evaluate("items.map(x => x.iban)", CaseScope());

        var array = result.ShouldBeOfType<JsonArray>();
        array.Count.ShouldBe(3);
        array[0]!.GetValue<string>().ShouldBe("NL91ABNA0417164300");
        array[2].ShouldBeNull();
    }

    [Fact]
    public void Evaluate_ObjectResult_ReturnsJsonObject()
    {
        var result = _evaluator.Evaluate("({ caseId: input.caseId, count: reportCount, tags: ['a', 'b'], none: null })", CaseScope());

        var json = result.ShouldBeOfType<JsonObject>();
        json["caseId"]!.GetValue<string>().ShouldBe("C-2024-0001");
        json["count"]!.GetValue<double>().ShouldBe(4);
        json["tags"]!.AsArray().Select(tag => tag!.GetValue<string>()).ShouldBe(["a", "b"]);
        json.ContainsKey("none").ShouldBeTrue();
        json["none"].ShouldBeNull();
    }

    [Fact]
    public void Evaluate_ObjectLiteralWithoutParentheses_ReturnsObjectNotLabelledBlock()
    {
        var result = _evaluator.Evaluate("{ caseId: input.caseId, urgent: urgent }", CaseScope());

        var json = result.ShouldBeOfType<JsonObject>();
        json["caseId"]!.GetValue<string>().ShouldBe("C-2024-0001");
        json["urgent"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_ScopeObject_RoundTripsUnchanged()
    {
        var scope = CaseScope();

        var result = _evaluator.Evaluate("input", scope);

        JsonNode.DeepEquals(result, scope["input"]).ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_ScopeEntryNotNamedInExpression_IsNotHandedOver()
    {
        var scope = CaseScope();

        _evaluator.Evaluate("typeof globalThis['reportCount']", scope)!.GetValue<string>().ShouldBe("undefined");
        _evaluator.Evaluate("typeof globalThis['reportCount'] + typeof reportCount", scope)!.GetValue<string>().ShouldBe("numbernumber");
    }

    [Fact]
    public void Evaluate_ScopeEntryNamedLikeBuiltIn_ShadowsIt()
    {
        var scope = new Dictionary<string, JsonNode?> { ["Math"] = new JsonObject { ["pi"] = 3 } };

        _evaluator.Evaluate("Math.pi", scope)!.GetValue<double>().ShouldBe(3);
    }

    [Fact]
    public void Evaluate_ScopeValueModifiedByExpression_LeavesCallersNodeUnchanged()
    {
        var scope = CaseScope();

        _evaluator.Evaluate("input.caseId = 'changed'; input.caseId", scope)!.GetValue<string>().ShouldBe("changed");

        scope["input"]!["caseId"]!.GetValue<string>().ShouldBe("C-2024-0001");
    }

    [Theory]
    [InlineData("undefined")]
    [InlineData("null")]
    [InlineData("closedAt")]
    [InlineData("(() => 1)")]
    [InlineData("NaN")]
    public void Evaluate_NoJsonValue_ReturnsNull(string expression)
    {
        _evaluator.Evaluate(expression, CaseScope()).ShouldBeNull();
    }

    [Fact]
    public void Evaluate_Script_ReturnsCompletionValue()
    {
        _evaluator.Evaluate("var x = 1; x + 1", _noScope)!.GetValue<double>().ShouldBe(2);
        _evaluator.Evaluate("let total = 0; for (const i of items) { total += i.line; } total", CaseScope())!
            .GetValue<double>().ShouldBe(11);
        _evaluator.Evaluate("function twice(n) { return n * 2; }\ntwice(reportCount)", CaseScope())!
            .GetValue<double>().ShouldBe(8);
    }

    [Fact]
    public void Evaluate_ScriptVariables_DoNotLeakIntoNextEvaluation()
    {
        _evaluator.Evaluate("var leaked = 42; leaked", _noScope)!.GetValue<double>().ShouldBe(42);

        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate("leaked", _noScope));

        exception.Message.ShouldContain("leaked is not defined");
    }

    [Fact]
    public void Evaluate_DateFromIsoString_IsInterpretedInUtc()
    {
        var scope = new Dictionary<string, JsonNode?> { ["now"] = "2024-03-31T01:30:00Z" };

        _evaluator.Evaluate("new Date(now).getHours()", scope)!.GetValue<double>().ShouldBe(1);
        _evaluator.Evaluate("new Date(now).toISOString()", scope)!.GetValue<string>().ShouldBe("2024-03-31T01:30:00.000Z");
        _evaluator.Evaluate("Date.parse(now) < Date.parse('2025-01-01T00:00:00Z')", scope)!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public void Evaluate_BuiltIns_AreAvailable()
    {
        _evaluator.Evaluate("Math.max(1, 5, 3)", _noScope)!.GetValue<double>().ShouldBe(5);
        _evaluator.Evaluate("parseInt('42', 10) + Number('1.5')", _noScope)!.GetValue<double>().ShouldBe(43.5);
        _evaluator.Evaluate("JSON.stringify({ a: 1 })", _noScope)!.GetValue<string>().ShouldBe("""{"a":1}""");
        _evaluator.Evaluate("Object.keys(input).length", CaseScope())!.GetValue<double>().ShouldBe(3);
        _evaluator.Evaluate("`case ${input.caseId}`", CaseScope())!.GetValue<string>().ShouldBe("case C-2024-0001");
    }

    [Theory]
    [InlineData("reportCount >= 3", true)]
    [InlineData("reportCount >= 5", false)]
    [InlineData("items.length", true)]
    [InlineData("input.flags.length", false)]
    [InlineData("name", true)]
    [InlineData("''", false)]
    [InlineData("closedAt", false)]
    [InlineData("input.missing", false)]
    [InlineData("0 / 0", false)]
    [InlineData("1 / 0", true)]
    [InlineData("input.flags", true)]
    public void EvaluateCondition_Value_UsesJavaScriptTruthiness(string expression, bool expected)
    {
        _evaluator.EvaluateCondition(expression, CaseScope()).ShouldBe(expected);
    }

    [Fact]
    public void Evaluate_MissingVariable_ThrowsNotDefined()
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate("reportCount >= 3 && unknownThing > 1", CaseScope()));

        exception.Message.ShouldBe("Expression 'reportCount >= 3 && unknownThing > 1' failed: unknownThing is not defined.");
        exception.Expression.ShouldBe("reportCount >= 3 && unknownThing > 1");
    }

    [Fact]
    public void EvaluateCondition_MissingVariable_ThrowsNotDefined()
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.EvaluateCondition("approved", _noScope));

        exception.Message.ShouldContain("approved is not defined");
    }

    [Fact]
    public void Evaluate_AssignmentToUndeclaredVariable_FailsInStrictMode()
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate("total = 5", _noScope));

        exception.Message.ShouldContain("total is not defined");
    }

    [Fact]
    public void Evaluate_PropertyOfNull_ThrowsReadableTypeError()
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate("closedAt.year", CaseScope()));

        exception.Message.ShouldStartWith("Expression 'closedAt.year' failed: ");
        exception.Message.ShouldContain("year");
    }

    [Fact]
    public void Evaluate_ThrownError_ReportsItsMessage()
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate("throw new Error('no IBAN on file')", _noScope));

        exception.Message.ShouldBe("Expression 'throw new Error('no IBAN on file')' failed: no IBAN on file.");
    }

    [Fact]
    public void Evaluate_CyclicResult_ThrowsExpressionException()
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate("var o = {}; o.self = o; o", _noScope));

        exception.Message.ShouldContain("failed");
        exception.InnerException.ShouldNotBeNull();
    }

    [Fact]
    public void Evaluate_LongExpression_IsShortenedInMessage()
    {
        var expression = "missingValue + " + string.Join(" + ", Enumerable.Range(1, 60));

        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate(expression, _noScope));

        exception.Expression.ShouldBe(expression);
        exception.Message.ShouldStartWith("Expression 'missingValue + 1 + 2");
        exception.Message.ShouldContain("…' failed: missingValue is not defined.");
        exception.Message.Length.ShouldBeLessThan(160);
    }

    [Fact]
    public void Evaluate_MultiLineExpression_IsQuotedOnOneLine()
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate("var a = 1;\n  a + b", _noScope));

        exception.Message.ShouldBe("Expression 'var a = 1; a + b' failed: b is not defined.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Evaluate_EmptyExpression_Throws(string expression)
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate(expression, _noScope));

        exception.Message.ShouldBe("The expression is empty.");
    }
}
