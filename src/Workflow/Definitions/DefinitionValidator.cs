using Coordination.Workflow.Expressions;

namespace Coordination.Workflow.Definitions;

/// <summary>
/// Checks a parsed definition for everything that would make it misbehave at run time, and reports every problem
/// with the activity id and a readable message. A definition with problems is never published.
/// </summary>
public sealed class DefinitionValidator
{
    /// <summary>Names every expression may use besides the variables: the inputs object and the current time.</summary>
    public static readonly IReadOnlySet<string> WellKnownNames = new HashSet<string>(StringComparer.Ordinal) { "input", "now" };

    private readonly ExpressionEvaluator _expressions;

    internal DefinitionValidator(ExpressionEvaluator expressions) => _expressions = expressions;

    /// <summary>Every problem of the definition; empty when it is valid.</summary>
    public IReadOnlyList<DefinitionProblem> Validate(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var problems = new List<DefinitionProblem>();
        if (!IsKebabCase(definition.DefinitionId))
        {
            problems.Add(new(null, "id-not-kebab-case", definition.DefinitionId));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var variable in definition.Variables)
        {
            if (!names.Add(variable.Name))
            {
                problems.Add(new(null, "variable-duplicate", variable.Name));
            }
        }

        foreach (var output in definition.Outputs.Where(o => !names.Contains(o.Name)))
        {
            problems.Add(new(null, "output-without-variable", output.Name));
        }

        var allIds = new HashSet<string>(StringComparer.Ordinal);
        ValidateFlowchart(definition.Flowchart, owner: null, names, allIds, problems);
        return problems;
    }

    /// <summary>Throws when the definition has problems, listing all of them.</summary>
    /// <exception cref="WorkflowDefinitionException">The definition is not valid.</exception>
    public void EnsureValid(WorkflowDefinition definition, string source)
    {
        var problems = Validate(definition);
        if (problems.Count > 0)
        {
            throw new WorkflowDefinitionException(source, problems);
        }
    }

    // owner: the activity whose body this is, where a problem of the body as a whole is reported; null for the root.
    private void ValidateFlowchart(Flowchart flowchart, string? owner, IReadOnlySet<string> scope, HashSet<string> allIds, List<DefinitionProblem> problems)
    {
        var isRoot = owner is null;
        var byId = new Dictionary<string, ActivityDefinition>(StringComparer.Ordinal);
        foreach (var activity in flowchart.Activities)
        {
            if (!allIds.Add(activity.Id))
            {
                problems.Add(new(activity.Id, "activity-id-duplicate", activity.Id));
            }

            byId.TryAdd(activity.Id, activity);
        }

        if (flowchart.Activities.OfType<StartActivity>().Count() > 1)
        {
            problems.Add(new(flowchart.Activities.OfType<StartActivity>().Skip(1).First().Id, "start-more-than-one"));
        }

        var entry = flowchart.Entry;
        if (entry is null)
        {
            problems.Add(new(owner, isRoot ? "flowchart-no-entry" : "body-no-entry"));
        }

        var seen = new HashSet<(string, string, string)>();
        foreach (var c in flowchart.Connections)
        {
            var where = c.Source;
            if (!byId.TryGetValue(c.Source, out var source))
            {
                problems.Add(new(c.Target, "connection-source-unknown", c.Source));
                continue;
            }

            if (!byId.ContainsKey(c.Target))
            {
                problems.Add(new(where, "connection-target-unknown", c.SourcePort, c.Target));
            }

            if (!seen.Add((c.Source, c.SourcePort, c.Target)))
            {
                problems.Add(new(where, "connection-duplicate", c.SourcePort, c.Target));
            }

            if (source.Ports is { } ports && !ports.Contains(c.SourcePort))
            {
                problems.Add(ports.Count == 0 ? new(where, "port-unknown-none", c.SourcePort) : new(where, "port-unknown", c.SourcePort, ports.ToList()));
            }
        }

        if (entry is not null)
        {
            var reachable = Reach(entry.Id, id => flowchart.From(id).Select(c => c.Target));
            foreach (var activity in flowchart.Activities.Where(a => !reachable.Contains(a.Id)))
            {
                problems.Add(new(activity.Id, "unreachable", entry.Id));
            }
        }

        var ends = flowchart.Activities.OfType<EndActivity>().Select(e => e.Id).ToList();
        if (isRoot && ends.Count == 0)
        {
            problems.Add(new(null, "no-end"));
        }
        else if (ends.Count > 0)
        {
            var reachesEnd = Reach(ends, id => flowchart.Connections.Where(c => c.Target == id).Select(c => c.Source));
            foreach (var activity in flowchart.Activities.Where(a => !reachesEnd.Contains(a.Id)))
            {
                problems.Add(new(activity.Id, "no-path-to-end"));
            }
        }

        foreach (var join in flowchart.Activities.OfType<JoinActivity>().Where(j => !flowchart.Connections.Any(c => c.Target == j.Id)))
        {
            problems.Add(new(join.Id, "join-without-branches"));
        }

        foreach (var activity in flowchart.Activities)
        {
            ValidateActivity(activity, scope, allIds, problems);
        }
    }

    private void ValidateActivity(ActivityDefinition activity, IReadOnlySet<string> scope, HashSet<string> allIds, List<DefinitionProblem> problems)
    {
        void Expression(string? text, string field, IReadOnlySet<string>? extra = null)
        {
            if (text is null)
            {
                return;
            }

            if (_expressions.CheckSyntax(text) is { } error)
            {
                problems.Add(new(activity.Id, "expression-syntax", field, error));
                return;
            }

            foreach (var name in _expressions.FreeIdentifiers(text).Where(n => !scope.Contains(n) && !WellKnownNames.Contains(n) && extra?.Contains(n) != true).Order(StringComparer.Ordinal))
            {
                problems.Add(new(activity.Id, "expression-unknown-name", field, name));
            }
        }

        void Variable(string name, string field)
        {
            if (!scope.Contains(name))
            {
                problems.Add(new(activity.Id, "variable-unknown", field, name));
            }
        }

        switch (activity)
        {
            case HumanTaskActivity task:
                if (task.Role.Literal is { Length: 0 } || (task.Role.Literal is null && task.Role.Expression is null))
                {
                    problems.Add(new(task.Id, "task-role-missing"));
                }

                Expression(task.Role.Expression, "role");
                Expression(task.Agency?.Expression, "agency");
                Expression(task.Subject?.Expression, "subject");
                Expression(task.Refusal?.Reason, "refusal.reason");
                Expression(task.Refusal?.Code, "refusal.code");
                if (task.Outcomes.Distinct(StringComparer.Ordinal).Count() != task.Outcomes.Count)
                {
                    problems.Add(new(task.Id, "outcome-duplicate"));
                }

                foreach (var field in task.Form?.Fields ?? [])
                {
                    foreach (var outcome in (field.RequiredFor ?? []).Where(o => !task.Outcomes.Contains(o, StringComparer.Ordinal)))
                    {
                        problems.Add(new(task.Id, "required-for-unknown-outcome", field.Name, outcome));
                    }

                    if (field.RequiredFor is not null && !field.Required)
                    {
                        problems.Add(new(task.Id, "required-for-not-required", field.Name));
                    }
                }

                if (task.Sla is { Duration.IsZero: true })
                {
                    problems.Add(new(task.Id, "sla-zero"));
                }

                if (task.Sla is { Kind: TimeKind.Working, Duration.WholeDays: null })
                {
                    problems.Add(new(task.Id, "sla-working-days", task.Sla.Duration.ToString()));
                }

                if (task.Escalation is { } esc)
                {
                    if ((esc.AtPercent is null) == (esc.After is null))
                    {
                        problems.Add(new(task.Id, "escalation-needs-one"));
                    }
                    else if (esc.AtPercent is < 1 or > 100)
                    {
                        problems.Add(new(task.Id, "escalation-percent-range", esc.AtPercent.Value));
                    }
                    else if (esc.AtPercent is not null && task.Sla is null)
                    {
                        problems.Add(new(task.Id, "escalation-percent-needs-sla"));
                    }

                    Expression(esc.Role.Expression, "escalation.role");
                    Expression(esc.Agency?.Expression, "escalation.agency");
                }

                foreach (var name in task.Outputs.Keys)
                {
                    Variable(name, $"outputs.{name}");
                }

                break;
            case DecisionActivity decision:
                Expression(decision.Condition, "condition");
                break;
            case SwitchActivity sw:
                if (sw.Cases.Count == 0)
                {
                    problems.Add(new(sw.Id, "switch-no-cases"));
                }

                foreach (var c in sw.Cases)
                {
                    Expression(c.Condition, $"cases.{c.Port}");
                }

                if (sw.Cases.Select(c => c.Port).Distinct(StringComparer.Ordinal).Count() != sw.Cases.Count)
                {
                    problems.Add(new(sw.Id, "switch-port-duplicate"));
                }

                break;
            case ParallelForEachActivity each:
                Expression(each.Items, "items");
                var bodyScope = new HashSet<string>(scope, StringComparer.Ordinal) { each.ItemVariable };
                ValidateFlowchart(each.Body, each.Id, bodyScope, allIds, problems);
                break;
            case SubWorkflowActivity sub:
                Expression(sub.Items, "items");
                var itemScope = sub.Items is null ? null : new HashSet<string>(StringComparer.Ordinal) { sub.ItemVariable };
                foreach (var (name, expression) in sub.Inputs)
                {
                    Expression(expression, $"inputs.{name}", itemScope);
                }

                foreach (var name in sub.Outputs.Keys)
                {
                    Variable(name, $"outputs.{name}");
                }

                break;
            case TimerActivity timer:
                Expression(timer.Until, "until");
                if (timer.Duration is { IsZero: true })
                {
                    problems.Add(new(timer.Id, "duration-zero"));
                }

                break;
            case WaitForSignalActivity wait when wait.OutputVariable is not null:
                Variable(wait.OutputVariable, "output");
                break;
            case SetVariableActivity set:
                Variable(set.Variable, "variable");
                Expression(set.Value, "value");
                break;
            case StepActivity step:
                foreach (var (name, expression) in step.Inputs)
                {
                    Expression(expression, $"inputs.{name}");
                }

                foreach (var name in step.Outputs.Keys)
                {
                    Variable(name, $"outputs.{name}");
                }

                break;
        }
    }

    private static HashSet<string> Reach(string start, Func<string, IEnumerable<string>> next) => Reach([start], next);

    private static HashSet<string> Reach(IEnumerable<string> starts, Func<string, IEnumerable<string>> next)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>();
        foreach (var s in starts)
        {
            if (seen.Add(s))
            {
                queue.Enqueue(s);
            }
        }

        while (queue.Count > 0)
        {
            foreach (var n in next(queue.Dequeue()))
            {
                if (seen.Add(n))
                {
                    queue.Enqueue(n);
                }
            }
        }

        return seen;
    }

    private static bool IsKebabCase(string id) =>
        id.Length > 0 && char.IsAsciiLetterLower(id[0]) && id.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-') && !id.EndsWith('-') && !id.Contains("--", StringComparison.Ordinal);
}
