using Coordination.Workflow.Expressions;
using Shouldly;
using Xunit;

namespace Coordination.Workflow.Tests.Expressions;

public sealed class ExpressionEvaluatorSyntaxTests
{
    private readonly ExpressionEvaluator _evaluator = new();

    [Theory]
    [InlineData("reportCount >= 3")]
    [InlineData("input.caseId != null && items.map(x => x.iban).length > 0")]
    [InlineData("var x = 1; x + 1")]
    [InlineData("{ caseId: input.caseId }")]
    [InlineData("items.filter(i => i.line < 4) // lines on the first page")]
    [InlineData("let total = 0;\nfor (const i of items) { total += i.line; }\ntotal")]
    public void CheckSyntax_ValidExpression_ReturnsNull(string expression)
    {
        _evaluator.CheckSyntax(expression).ShouldBeNull();
    }

    [Fact]
    public void CheckSyntax_IncompleteExpression_ReportsPosition()
    {
        _evaluator.CheckSyntax("a +").ShouldBe("Expression 'a +' has a syntax error at position 3: Unexpected end of input.");
    }

    [Fact]
    public void CheckSyntax_UnexpectedToken_ReportsPosition()
    {
        _evaluator.CheckSyntax("reportCount >= ) 3").ShouldBe("Expression 'reportCount >= ) 3' has a syntax error at position 15: Unexpected token ')'.");
    }

    [Fact]
    public void CheckSyntax_ErrorOnSecondLine_ReportsPositionAndLine()
    {
        var message = _evaluator.CheckSyntax("var x = 1;\nx +* 2");

        message.ShouldBe("Expression 'var x = 1; x +* 2' has a syntax error at position 14 (line 2): Unexpected token '*'.");
    }

    [Theory]
    [InlineData("with (input) { caseId }", "with")]
    [InlineData("010 + 1", "Octal")]
    public void CheckSyntax_SloppyModeOnlySyntax_IsRejected(string expression, string reason)
    {
        var message = _evaluator.CheckSyntax(expression);

        message.ShouldNotBeNull();
        message.ShouldContain("has a syntax error at position 0");
        message.ShouldContain(reason);
    }

    [Theory]
    [InlineData('(', ')')]
    [InlineData('[', ']')]
    public void CheckSyntax_DeeplyNestedText_IsRefusedWithoutCrashingTheProcess(char open, char close)
    {
        var expression = new string(open, 100_000) + "1" + new string(close, 100_000);

        var message = _evaluator.CheckSyntax(expression);

        message.ShouldNotBeNull();
        message.ShouldEndWith("…' is nested too deeply to be read.");
    }

    [Fact]
    public void Evaluate_SyntaxError_ThrowsWithPosition()
    {
        var exception = Should.Throw<ExpressionException>(() => _evaluator.Evaluate("a +", new Dictionary<string, System.Text.Json.Nodes.JsonNode?>()));

        exception.Message.ShouldBe("Expression 'a +' has a syntax error at position 3: Unexpected end of input.");
        exception.Expression.ShouldBe("a +");
    }

    [Fact]
    public void FreeIdentifiers_MixedExpression_ReturnsTopLevelVariables()
    {
        var names = _evaluator.FreeIdentifiers("reportCount >= 3 && input.caseId != null && items.map(x => x.iban)");

        names.ShouldBe(["input", "items", "reportCount"], ignoreOrder: true);
    }

    [Fact]
    public void FreeIdentifiers_MemberAccess_ReturnsOnlyTheObject()
    {
        _evaluator.FreeIdentifiers("item.iban").ShouldBe(["item"]);
        _evaluator.FreeIdentifiers("input.party.address.city").ShouldBe(["input"]);
    }

    [Fact]
    public void FreeIdentifiers_ComputedMemberAccess_IncludesTheKeyVariable()
    {
        _evaluator.FreeIdentifiers("amounts[currency]").ShouldBe(["amounts", "currency"], ignoreOrder: true);
    }

    [Fact]
    public void FreeIdentifiers_ArrowAndFunctionParameters_AreExcluded()
    {
        _evaluator.FreeIdentifiers("items.filter(i => i.line < limit).map(function (x, index) { return x.iban + index; })")
            .ShouldBe(["items", "limit"], ignoreOrder: true);
    }

    [Fact]
    public void FreeIdentifiers_LocalDeclarations_AreExcluded()
    {
        _evaluator.FreeIdentifiers("var a = 1; let b = input.x; const { c, d: [e] } = input; function f(g) { return g; } a + b + c + e + f(h)")
            .ShouldBe(["h", "input"], ignoreOrder: true);
    }

    [Fact]
    public void FreeIdentifiers_ParameterUsedOutsideItsFunction_IsReported()
    {
        _evaluator.FreeIdentifiers("items.map(x => x.iban).concat([x])").ShouldBe(["items", "x"], ignoreOrder: true);
    }

    [Fact]
    public void FreeIdentifiers_BuiltIns_AreExcluded()
    {
        var names = _evaluator.FreeIdentifiers(
            "Math.max(parseInt(a), parseFloat('1'), Number(b)) + JSON.stringify(Date.now()) + String(isNaN(NaN)) + Array.isArray([]) + Object.keys({}) + Boolean(undefined) + Infinity");

        names.ShouldBe(["a", "b"], ignoreOrder: true);
    }

    [Fact]
    public void FreeIdentifiers_ObjectLiteral_ExcludesKeysAndIncludesShorthandValues()
    {
        _evaluator.FreeIdentifiers("({ caseId: input.caseId, amount })").ShouldBe(["amount", "input"], ignoreOrder: true);
    }

    [Fact]
    public void FreeIdentifiers_NoVariables_ReturnsEmpty()
    {
        _evaluator.FreeIdentifiers("1 + 2 === 3").ShouldBeEmpty();
    }

    [Fact]
    public void FreeIdentifiers_SyntaxError_Throws()
    {
        Should.Throw<ExpressionException>(() => _evaluator.FreeIdentifiers("a +"));
    }
}
