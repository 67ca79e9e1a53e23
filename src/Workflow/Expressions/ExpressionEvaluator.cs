using System.Collections.Concurrent;
using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Acornima;
using Acornima.Ast;
using Jint;
using Jint.Native;
using Jint.Native.Json;
using Jint.Runtime;
using JsEngine = Jint.Engine;

namespace Coordination.Workflow.Expressions;

/// <summary>
/// Evaluates the JavaScript expressions of workflow definitions (conditions, mappings) in a sandbox: strict mode,
/// no CLR interop, no <c>eval</c> or <c>Function</c> constructor, and the time, statement, memory and recursion
/// limits of <see cref="ExpressionLimits"/>.
/// </summary>
/// <remarks>
/// One instance serves the whole process. Each distinct expression text is parsed once and the prepared script is
/// shared by all evaluations; each evaluation gets a fresh Jint engine, because engines are not thread-safe and
/// a fresh one cannot see what an earlier expression left behind. Values cross the boundary only as JSON: scope
/// values are parsed into plain JavaScript values inside the engine and results are serialized back.
/// </remarks>
internal sealed class ExpressionEvaluator
{
    // Definitions hold hundreds of expressions, not thousands; a full cache means texts are generated at run time,
    // and starting over then is cheaper than tracking recency on every hit.
    private const int MaxCachedScripts = 10_000;

    private const int MaxQuotedLength = 80;

    // Binary buffers allocate their whole size in one call, before the memory limit (checked between
    // statements) can see it, and ShadowRealm would hand them out again; workflow expressions need none of them.
    private static readonly string[] _removedGlobals =
    [
        "ArrayBuffer", "SharedArrayBuffer", "DataView", "Atomics", "ShadowRealm",
        "Int8Array", "Uint8Array", "Uint8ClampedArray", "Int16Array", "Uint16Array", "Int32Array", "Uint32Array",
        "Float16Array", "Float32Array", "Float64Array", "BigInt64Array", "BigUint64Array",
    ];

    private static readonly ParserOptions _expressionParserOptions = new();

    private readonly ExpressionLimits _limits;
    private readonly ScriptPreparationOptions _preparationOptions;
    private readonly ConcurrentDictionary<string, PreparedExpression> _cache = new(StringComparer.Ordinal);
    private readonly Lazy<FrozenSet<string>> _builtIns;
    private int _parseCount;

    public ExpressionEvaluator(ExpressionLimits? limits = null)
    {
        _limits = limits ?? ExpressionLimits.Default;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(_limits.Timeout, TimeSpan.Zero, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_limits.MaxStatements, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_limits.MaxMemoryBytes, nameof(limits));
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(_limits.MaxRecursionDepth, nameof(limits));

        _preparationOptions = new ScriptPreparationOptions
        {
            CollectReferencedGlobals = true,
            ParsingOptions = new ScriptParsingOptions { RegexTimeout = _limits.Timeout },
        };
        _builtIns = new Lazy<FrozenSet<string>>(ReadBuiltIns);
    }

    /// <summary>How many distinct expression texts are prepared and cached.</summary>
    internal int CachedScriptCount => _cache.Count;

    /// <summary>How many times an expression text has been parsed; tests use it to prove the cache works.</summary>
    internal int ParseCount => Volatile.Read(ref _parseCount);

    /// <summary>Returns <see langword="null"/> when the text is a valid expression or script, else a readable
    /// error that names the position of the problem.</summary>
    public string? CheckSyntax(string expression)
    {
        try
        {
            _ = Prepare(expression);
            return null;
        }
        catch (ExpressionException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>
    /// The names the expression reads or writes without declaring them itself and that are not JavaScript
    /// built-ins (<c>Math</c>, <c>JSON</c>, <c>Date</c>, <c>parseInt</c>, <c>undefined</c>, …): the variables it
    /// expects from its scope. Properties after a dot, parameters and local declarations are not included.
    /// </summary>
    /// <exception cref="ExpressionException">The text has a syntax error.</exception>
    public IReadOnlySet<string> FreeIdentifiers(string expression) => Prepare(expression).FreeIdentifiers;

    /// <summary>
    /// Evaluates the expression with the scope's entries as top-level variables and returns its value (for a
    /// script, the value of its last expression statement) as JSON; <see langword="null"/> for JavaScript
    /// <c>undefined</c> or <c>null</c>, and for values JSON cannot hold (functions, <c>NaN</c>).
    /// </summary>
    /// <remarks>Only the scope entries the expression names are handed over, so an entry is reachable by its
    /// name and not through <c>globalThis[...]</c>.</remarks>
    /// <exception cref="ExpressionException">The expression has a syntax error, failed while running, or was
    /// stopped by a limit.</exception>
    public JsonNode? Evaluate(string expression, IReadOnlyDictionary<string, JsonNode?> scope) =>
        Run(expression, scope, (engine, value) => ToJson(engine, value));

    /// <summary>Evaluates the expression and converts the value to a boolean as JavaScript would
    /// (<c>0</c>, <c>""</c>, <c>null</c>, <c>undefined</c> and <c>NaN</c> are false).</summary>
    /// <exception cref="ExpressionException">The expression has a syntax error, failed while running, or was
    /// stopped by a limit.</exception>
    public bool EvaluateCondition(string expression, IReadOnlyDictionary<string, JsonNode?> scope) =>
        Run(expression, scope, static (_, value) => TypeConverter.ToBoolean(value));

    private T Run<T>(string expression, IReadOnlyDictionary<string, JsonNode?> scope, Func<JsEngine, JsValue, T> convert)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var prepared = Prepare(expression);
        try
        {
            var engine = CreateEngine();
            var parser = new JsonParser(engine);

            // The engine may pass a whole case as scope; only what the expression names is worth converting.
            foreach (var name in prepared.ReferencedNames)
            {
                if (scope.TryGetValue(name, out var value))
                {
                    engine.SetValue(name, value is null ? JsValue.Null : parser.Parse(value.ToJsonString()));
                }
            }

            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var result = engine.Evaluate(prepared.Script);

            // Jint checks the memory limit before each statement, so whatever the last one allocated goes unseen.
            if (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore > _limits.MaxMemoryBytes)
            {
                throw new MemoryBudgetExceededException();
            }

            return convert(engine, result);
        }
#pragma warning disable CA1031 // Whatever Jint throws (its own types, Regex timeouts, InvalidOperationException
        // for import()) must reach the caller as an ExpressionException the administrator can read.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            throw Translate(expression, exception);
        }
    }

    private JsonNode? ToJson(JsEngine engine, JsValue value)
    {
        // Serializing materializes strings that Jint builds lazily, so the result shares the memory budget.
        var writer = new BoundedBufferWriter(_limits.MaxMemoryBytes);
        if (!new JsonSerializer(engine).Serialize(value, writer))
        {
            return null;
        }

        return JsonNode.Parse(writer.WrittenSpan);
    }

    private PreparedExpression Prepare(string expression)
    {
        ArgumentNullException.ThrowIfNull(expression);
        if (_cache.TryGetValue(expression, out var cached))
        {
            return cached;
        }

        var prepared = PrepareUncached(expression);
        if (_cache.Count >= MaxCachedScripts)
        {
            _cache.Clear();
        }

        return _cache.GetOrAdd(expression, prepared);
    }

    private PreparedExpression PrepareUncached(string expression)
    {
        Interlocked.Increment(ref _parseCount);
        if (string.IsNullOrWhiteSpace(expression))
        {
            throw new ExpressionException(expression, "The expression is empty.", null);
        }

        var script = PrepareScript(expression);
        var referenced = script.ReferencedGlobals!.ToFrozenSet(StringComparer.Ordinal);
        var builtIns = _builtIns.Value;
        var free = referenced.Where(name => !builtIns.Contains(name)).ToFrozenSet(StringComparer.Ordinal);
        return new PreparedExpression(script, referenced, free);
    }

    private Prepared<Script> PrepareScript(string expression)
    {
        // As a script, "{ caseId: input.caseId }" is a block with a label and yields the id; whoever writes it
        // means an object. So text that is one whole expression runs as that expression; the newline before the
        // closing parenthesis keeps a trailing // comment from swallowing it.
        if (IsSingleExpression(expression))
        {
            try
            {
                return JsEngine.PrepareScript("(" + expression + "\n)", strict: true, options: _preparationOptions);
            }
            catch (Exception exception) when (exception is ScriptPreparationException or InsufficientExecutionStackException)
            {
                // Fall through: preparing the text as written reports the error at the right position.
            }
        }

        try
        {
            return JsEngine.PrepareScript(expression, strict: true, options: _preparationOptions);
        }
        catch (Exception exception) when (exception is ScriptPreparationException or InsufficientExecutionStackException)
        {
            throw SyntaxError(expression, exception);
        }
    }

    private static bool IsSingleExpression(string expression)
    {
        try
        {
            _ = new Parser(_expressionParserOptions).ParseExpression(expression, null, strict: true);
            return true;
        }
        catch (Exception exception) when (exception is ParseErrorException or InsufficientExecutionStackException)
        {
            return false;
        }
    }

    private JsEngine CreateEngine()
    {
        var engine = new JsEngine(options =>
        {
            options.Strict = true;
            options.Interop.Enabled = false;
            options.Host.StringCompilationAllowed = false;

            // Expressions must give the same answer on every server: dates in UTC, numbers and dates formatted
            // without regional settings. The engine passes "now" as an ISO string.
            options.TimeZone = TimeZoneInfo.Utc;
            options.Culture = CultureInfo.InvariantCulture;

            options.TimeoutInterval(_limits.Timeout);
            options.MaxStatements(_limits.MaxStatements);
            options.LimitMemory(_limits.MaxMemoryBytes);
            options.LimitRecursion(_limits.MaxRecursionDepth);

            // Deeply nested values recurse in C# (JSON.stringify, toString, flat) without JavaScript calls, where
            // the recursion limit does not look; a stack overflow would end the whole process.
            options.Constraints.StackOverflowGuard = true;

            // A regular expression match is one call that the statement clock cannot interrupt.
            options.Constraints.RegexTimeout = _limits.Timeout;
        });
        foreach (var name in _removedGlobals)
        {
            engine.Global.Delete(name);
        }

        return engine;
    }

    private FrozenSet<string> ReadBuiltIns() =>
        CreateEngine().Global.GetOwnPropertyKeys()
            .Where(key => key.IsString())
            .Select(key => key.ToString())
            .ToFrozenSet(StringComparer.Ordinal);

    private ExpressionException Translate(string expression, Exception exception)
    {
        var invariant = CultureInfo.InvariantCulture;
        var quoted = Quote(expression);
        var message = exception switch
        {
            StatementsCountOverflowException => string.Format(
                invariant, "Expression '{0}' was stopped: it ran more than {1:N0} statements.", quoted, _limits.MaxStatements),
            TimeoutException or RegexMatchTimeoutException or ExecutionCanceledException => string.Format(
                invariant, "Expression '{0}' was stopped: it ran longer than {1:0.###} ms.", quoted, _limits.Timeout.TotalMilliseconds),
            MemoryLimitExceededException or MemoryBudgetExceededException or OutOfMemoryException => string.Format(
                invariant, "Expression '{0}' was stopped: it used more than {1:N0} bytes of memory.", quoted, _limits.MaxMemoryBytes),
            RecursionDepthOverflowException or InsufficientExecutionStackException => string.Format(
                invariant, "Expression '{0}' was stopped: its function calls nested deeper than {1} levels.", quoted, _limits.MaxRecursionDepth),
            _ => string.Format(invariant, "Expression '{0}' failed: {1}", quoted, Sentence(exception.Message)),
        };
        return new ExpressionException(expression, message, exception);
    }

    private static ExpressionException SyntaxError(string expression, Exception exception)
    {
        var quoted = Quote(expression);
        if (exception is InsufficientExecutionStackException || exception.InnerException is InsufficientExecutionStackException)
        {
            return new ExpressionException(
                expression, $"Expression '{quoted}' is nested too deeply to be read.", exception);
        }

        if (exception.InnerException is not ParseErrorException { Error: var error })
        {
            return new ExpressionException(
                expression, $"Expression '{quoted}' has a syntax error: {Sentence(exception.Message)}", exception);
        }

        var where = error.IsIndexDefined
            ? string.Create(CultureInfo.InvariantCulture, $"at position {error.Index}")
            : string.Create(CultureInfo.InvariantCulture, $"at column {error.Column}");
        if (expression.Contains('\n', StringComparison.Ordinal) && error.IsPositionDefined)
        {
            where += string.Create(CultureInfo.InvariantCulture, $" (line {error.LineNumber})");
        }

        return new ExpressionException(
            expression, $"Expression '{quoted}' has a syntax error {where}: {Sentence(error.Description)}", exception);
    }

    /// <summary>The expression on one line, shortened so that a message stays readable.</summary>
    private static string Quote(string expression)
    {
        var builder = new StringBuilder(Math.Min(expression.Length, MaxQuotedLength + 1));
        var pendingSpace = false;
        foreach (var character in expression.Trim())
        {
            if (char.IsWhiteSpace(character))
            {
                pendingSpace = true;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(character);
            if (builder.Length > MaxQuotedLength)
            {
                builder.Length = MaxQuotedLength - 1;
                return builder.Append('…').ToString();
            }
        }

        return builder.ToString();
    }

    private static string Sentence(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length == 0 || trimmed.EndsWith('.') ? trimmed : trimmed + ".";
    }

    /// <param name="Script">The parsed script, shared by every evaluation.</param>
    /// <param name="ReferencedNames">Every name the text uses without declaring it, built-ins included (a scope
    /// entry may shadow one).</param>
    /// <param name="FreeIdentifiers">The referenced names that are not built-ins.</param>
    private sealed record PreparedExpression(
        Prepared<Script> Script, FrozenSet<string> ReferencedNames, FrozenSet<string> FreeIdentifiers);
}
