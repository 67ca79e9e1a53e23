using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Coordination.Workflow.Definitions;

/// <summary>
/// Reads and writes the JSON form of a definition. Reading collects every structural problem (with the activity id
/// where it is) instead of stopping at the first; semantic checks are the <see cref="DefinitionValidator"/>'s.
/// </summary>
public static class DefinitionJson
{
    private static readonly JsonDocumentOptions _documentOptions = new() { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

    /// <summary>Parses a definition.</summary>
    /// <param name="json">The JSON text.</param>
    /// <param name="source">Where it came from (a file name), for messages.</param>
    /// <exception cref="WorkflowDefinitionException">The text is not a readable definition; lists every problem.</exception>
    public static WorkflowDefinition Parse(string json, string source = "definition")
    {
        var reading = Read(json);
        return reading.Problems.Count > 0 || reading.Definition is null
            ? throw new WorkflowDefinitionException(source, reading.Problems)
            : reading.Definition;
    }

    /// <summary>
    /// Reads a definition as far as it can, to list every problem at once: the reading problems, and the definition with
    /// an unreadable activity standing in for each activity that could not be read (same id, any port), so the
    /// <see cref="DefinitionValidator"/> can still check the flowchart around it. For checking only, never for running:
    /// <see cref="Parse"/> refuses any definition with a problem. The definition is null when not even its id and name
    /// could be read.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    public static DefinitionReading Read(string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json, documentOptions: _documentOptions);
        }
        catch (JsonException ex)
        {
            return new DefinitionReading(null, [new DefinitionProblem(null, "json-invalid", ex.Message)]);
        }

        var reader = new Reader();
        var definition = reader.Definition(root as JsonObject);
        return new DefinitionReading(definition, reader.Problems);
    }

    /// <summary>Writes a definition in the same JSON form <see cref="Parse"/> reads.</summary>
    public static string Write(WorkflowDefinition definition)
    {
        ArgumentNullException.ThrowIfNull(definition);
        var root = new JsonObject
        {
            ["definitionId"] = definition.DefinitionId,
            ["version"] = definition.Version,
            ["name"] = Text(definition.Name),
        };
        if (definition.Description is not null)
        {
            root["description"] = Text(definition.Description);
        }

        root["variables"] = new JsonArray([.. definition.Variables.Select(v => (JsonNode)Obj(("name", v.Name), ("type", TypeName(v.Type)), ("default", v.Default?.DeepClone())))]);
        root["inputs"] = new JsonArray([.. definition.Inputs.Select(Parameter)]);
        root["outputs"] = new JsonArray([.. definition.Outputs.Select(Parameter)]);
        WriteFlowchart(root, definition.Flowchart);
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true });
    }

    private static JsonNode Parameter(ParameterDefinition p) => Obj(("name", p.Name), ("type", TypeName(p.Type)), ("required", p.Required));

    private static void WriteFlowchart(JsonObject target, Flowchart flowchart)
    {
        target["activities"] = new JsonArray([.. flowchart.Activities.Select(WriteActivity)]);
        target["connections"] = new JsonArray([.. flowchart.Connections.Select(c => (JsonNode)new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = c.Source, ["port"] = c.SourcePort },
            ["target"] = new JsonObject { ["activity"] = c.Target },
        })]);
    }

    private static JsonNode WriteActivity(ActivityDefinition activity)
    {
        var o = new JsonObject { ["id"] = activity.Id, ["type"] = activity.Type };
        switch (activity)
        {
            case EndActivity end when end.Outcome is not null:
                o["outcome"] = end.Outcome;
                break;
            case HumanTaskActivity task:
                o["title"] = Text(task.Title);
                o["role"] = WriteBinding(task.Role);
                if (task.Agency is not null)
                {
                    o["agency"] = WriteBinding(task.Agency);
                }

                if (task.Subject is not null)
                {
                    o["subject"] = WriteBinding(task.Subject);
                }

                if (task.Refusal is { } refusal)
                {
                    o["refusal"] = Obj(("reason", refusal.Reason), ("code", refusal.Code));
                }

                if (task.Form is { } form)
                {
                    o["form"] = form.FormKey is not null
                        ? new JsonObject { ["key"] = form.FormKey }
                        : new JsonObject
                        {
                            ["fields"] = new JsonArray([.. form.Fields.Select(f => (JsonNode)Obj(
                                ("name", f.Name), ("label", Text(f.Label)), ("type", f.FieldType), ("required", f.Required),
                                ("requiredFor", f.RequiredFor is null ? null : new JsonArray([.. f.RequiredFor.Select(o => (JsonNode)o)])),
                                ("allowedValues", new JsonArray([.. f.AllowedValues.Select(v => f.ValueLabels?.GetValueOrDefault(v) is { } label
                                    ? (JsonNode)new JsonObject { ["value"] = v, ["label"] = Text(label) }
                                    : v)]))))]),
                        };
                }

                if (task.Sla is { } sla)
                {
                    o["sla"] = Obj(("duration", sla.Duration.ToString()), ("time", sla.Kind == TimeKind.Working ? "working" : "calendar"));
                }

                if (task.Escalation is { } esc)
                {
                    o["escalation"] = Obj(
                        ("atPercent", esc.AtPercent), ("after", esc.After?.ToString()), ("role", WriteBinding(esc.Role)),
                        ("agency", esc.Agency is null ? null : WriteBinding(esc.Agency)));
                }

                o["outcomes"] = new JsonArray([.. task.Outcomes.Select(x => (JsonNode)x)]);
                o["outputs"] = Map(task.Outputs);
                break;
            case DecisionActivity decision:
                o["condition"] = decision.Condition;
                break;
            case SwitchActivity sw:
                o["cases"] = new JsonArray([.. sw.Cases.Select(c => (JsonNode)Obj(("port", c.Port), ("condition", c.Condition)))]);
                break;
            case JoinActivity join:
                o["mode"] = join.Mode.ToString();
                break;
            case ParallelForEachActivity each:
                o["items"] = each.Items;
                o["itemVariable"] = each.ItemVariable;
                WriteFlowchart(o, each.Body);
                break;
            case SubWorkflowActivity sub:
                o["definitionId"] = sub.DefinitionId;
                o["inputs"] = Map(sub.Inputs);
                o["outputs"] = Map(sub.Outputs);
                if (sub.Items is not null)
                {
                    o["items"] = sub.Items;
                    o["itemVariable"] = sub.ItemVariable;
                }

                break;
            case TimerActivity timer:
                if (timer.Duration is { } d)
                {
                    o["duration"] = d.ToString();
                }

                if (timer.Until is not null)
                {
                    o["until"] = timer.Until;
                }

                break;
            case WaitForSignalActivity wait:
                o["signal"] = wait.Signal;
                if (wait.OutputVariable is not null)
                {
                    o["output"] = wait.OutputVariable;
                }

                break;
            case SetVariableActivity set:
                o["variable"] = set.Variable;
                o["value"] = set.Value;
                break;
            case MilestoneActivity milestone:
                o["name"] = milestone.Name;
                break;
            case StepActivity step:
                o["step"] = step.StepKey;
                o["inputs"] = Map(step.Inputs);
                o["outputs"] = Map(step.Outputs);
                o["outcomes"] = new JsonArray([.. step.Outcomes.Select(x => (JsonNode)x)]);
                break;
        }

        return o;
    }

    private static JsonNode WriteBinding(Binding binding) =>
        binding.Expression is not null ? new JsonObject { ["expression"] = binding.Expression } : JsonValue.Create(binding.Literal)!;

    private static JsonObject Text(LocalizedText text) => text.En is null ? new JsonObject { ["nl"] = text.Nl } : new JsonObject { ["nl"] = text.Nl, ["en"] = text.En };

    private static JsonObject Map(IReadOnlyDictionary<string, string> map) => new([.. map.Select(kv => KeyValuePair.Create(kv.Key, (JsonNode?)kv.Value))]);

    private static JsonObject Obj(params (string Name, JsonNode? Value)[] members)
    {
        var o = new JsonObject();
        foreach (var (name, value) in members.Where(m => m.Value is not null))
        {
            o[name] = value;
        }

        return o;
    }

    private static string TypeName(VariableType type) => type switch
    {
        VariableType.Text => "string",
        VariableType.Number => "number",
        VariableType.Boolean => "boolean",
        VariableType.Map => "object",
        VariableType.List => "array",
        _ => "any",
    };

    private sealed class Reader
    {
        private readonly HashSet<string> _ids = new(StringComparer.Ordinal);

        public List<DefinitionProblem> Problems { get; } = [];

        public WorkflowDefinition? Definition(JsonObject? root)
        {
            if (root is null)
            {
                Problem(null, "definition-not-object");
                return null;
            }

            var id = RequiredString(root, "definitionId", null);
            var version = root["version"] is JsonValue v && v.TryGetValue<int>(out var number) ? number : 0;
            if (version < 1)
            {
                Problem(null, "version-invalid");
            }

            var name = Localized(root["name"], "name", null, required: true);
            var description = Localized(root["description"], "description", null, required: false);
            var variables = Array(root, "variables", null).Select(n => Variable(n as JsonObject)).OfType<VariableDefinition>().ToList();
            var inputs = Array(root, "inputs", null).Select(n => Parameter(n as JsonObject, "inputs")).OfType<ParameterDefinition>().ToList();
            var outputs = Array(root, "outputs", null).Select(n => Parameter(n as JsonObject, "outputs")).OfType<ParameterDefinition>().ToList();
            var flowchart = Flowchart(root, null);
            return id is null || name is null ? null : new WorkflowDefinition(id, version, name, description, variables, inputs, outputs, flowchart);
        }

        private Flowchart Flowchart(JsonObject owner, string? ownerId)
        {
            var activities = new List<ActivityDefinition>();
            foreach (var node in Array(owner, "activities", ownerId))
            {
                var problems = Problems.Count;
                if (Activity(node as JsonObject) is { } activity)
                {
                    activities.Add(activity);
                }
                else if (Problems.Count > problems && node is JsonObject unread && unread["id"] is JsonValue idValue && idValue.TryGetValue<string>(out var id) && !string.IsNullOrWhiteSpace(id))
                {
                    // Its problems are reported; it stays in the flowchart, so what connects to it is not reported too.
                    activities.Add(new UnreadableActivity(id));
                }
            }

            var connections = Array(owner, "connections", ownerId).Select(n => Connection(n as JsonObject, ownerId)).OfType<Connection>().ToList();
            return new Flowchart(activities, connections);
        }

        private Connection? Connection(JsonObject? o, string? ownerId)
        {
            var source = o?["source"] as JsonObject;
            var target = o?["target"] as JsonObject;
            var sourceId = source?["activity"]?.GetValueKind() == JsonValueKind.String ? source["activity"]!.GetValue<string>() : null;
            var targetId = target?["activity"]?.GetValueKind() == JsonValueKind.String ? target["activity"]!.GetValue<string>() : null;
            if (sourceId is null || targetId is null)
            {
                Problem(ownerId, "connection-shape");
                return null;
            }

            var port = OptionalString(source!, "port", sourceId) ?? ActivityDefinition.DonePort;
            return new Connection(sourceId, port, targetId);
        }

        private ActivityDefinition? Activity(JsonObject? o)
        {
            if (o is null)
            {
                Problem(null, "activity-not-object");
                return null;
            }

            var id = RequiredString(o, "id", null);
            if (id is null)
            {
                return null;
            }

            if (!_ids.Add(id))
            {
                Problem(id, "activity-id-duplicate", id);
            }

            var type = RequiredString(o, "type", id);
            return type switch
            {
                null => null,
                "Start" => new StartActivity(id),
                "End" => new EndActivity(id, OptionalString(o, "outcome", id)),
                "HumanTask" => HumanTask(o, id),
                "Decision" => RequiredString(o, "condition", id) is { } condition ? new DecisionActivity(id, condition) : null,
                "Switch" => new SwitchActivity(id, [.. Array(o, "cases", id).Select(c => SwitchCase(c as JsonObject, id)).OfType<SwitchCase>()]),
                "Fork" => new ForkActivity(id),
                "Join" => new JoinActivity(id, Enum<JoinMode>(o, "mode", id, JoinMode.WaitAll)),
                "ParallelForEach" => RequiredString(o, "items", id) is { } items
                    ? new ParallelForEachActivity(id, items, OptionalString(o, "itemVariable", id) ?? "item", Flowchart(o, id))
                    : null,
                "SubWorkflow" => RequiredString(o, "definitionId", id) is { } child
                    ? new SubWorkflowActivity(id, child, StringMap(o, "inputs", id), StringMap(o, "outputs", id), OptionalString(o, "items", id), OptionalString(o, "itemVariable", id) ?? "item")
                    : null,
                "Timer" => Timer(o, id),
                "WaitForSignal" => RequiredString(o, "signal", id) is { } signal ? new WaitForSignalActivity(id, signal, OptionalString(o, "output", id)) : null,
                "SetVariable" => RequiredString(o, "variable", id) is { } variable && RequiredString(o, "value", id) is { } value
                    ? new SetVariableActivity(id, variable, value)
                    : null,
                "Milestone" => RequiredString(o, "name", id) is { } milestone ? new MilestoneActivity(id, milestone) : null,
                "Step" => RequiredString(o, "step", id) is { } key
                    ? new StepActivity(id, key, StringMap(o, "inputs", id), StringMap(o, "outputs", id), Strings(o, "outcomes", id) is { Count: > 0 } outs ? outs : [ActivityDefinition.DonePort])
                    : null,
                _ => Unknown(id, type),
            };
        }

        private ActivityDefinition? Unknown(string id, string type)
        {
            Problem(id, "activity-type-unknown", type, "Start, End, HumanTask, Decision, Switch, Fork, Join, ParallelForEach, SubWorkflow, Timer, WaitForSignal, SetVariable, Milestone, Step");
            return null;
        }

        private HumanTaskActivity? HumanTask(JsonObject o, string id)
        {
            var title = Localized(o["title"], "title", id, required: true);
            var role = Binding(o["role"], "role", id);
            if (role is null)
            {
                Problem(id, "task-role-missing-json");
            }

            var agency = o["agency"] is null ? null : Binding(o["agency"], "agency", id);
            var subject = o["subject"] is null ? null : Binding(o["subject"], "subject", id);
            var refusal = Refusal(o["refusal"], id);
            FormDefinition? form = null;
            if (o["form"] is JsonObject f)
            {
                var key = OptionalString(f, "key", id);
                var fields = Array(f, "fields", id).Select(x => Field(x as JsonObject, id)).OfType<FormField>().ToList();
                form = new FormDefinition(key, fields);
            }

            SlaDefinition? sla = null;
            if (o["sla"] is JsonObject s && Duration(s, "duration", id, required: true) is { } duration)
            {
                var time = OptionalString(s, "time", id) ?? "working";
                if (time is not ("working" or "calendar"))
                {
                    Problem(id, "sla-time-invalid", time);
                }

                sla = new SlaDefinition(duration, time == "calendar" ? TimeKind.Calendar : TimeKind.Working);
            }

            EscalationDefinition? escalation = null;
            if (o["escalation"] is JsonObject e)
            {
                var percent = e["atPercent"] is JsonValue p && p.TryGetValue<int>(out var pct) ? pct : (int?)null;
                if (percent is null && e["atPercent"] is not null)
                {
                    Problem(id, "escalation-percent-not-number");
                }

                var after = Duration(e, "after", id, required: false);
                var escRole = Binding(e["role"], "escalation.role", id);
                if (escRole is null)
                {
                    Problem(id, "escalation-role-missing");
                }
                else
                {
                    escalation = new EscalationDefinition(percent, after, escRole, e["agency"] is null ? null : Binding(e["agency"], "escalation.agency", id));
                }
            }

            var outcomes = Strings(o, "outcomes", id);
            return title is null || role is null
                ? null
                : new HumanTaskActivity(id, title, role, agency, form, sla, escalation, outcomes.Count > 0 ? outcomes : [ActivityDefinition.DonePort], StringMap(o, "outputs", id), subject, refusal);
        }

        private RefusalBinding? Refusal(JsonNode? node, string id)
        {
            switch (node)
            {
                case null:
                    return null;
                case JsonObject r:
                    var reason = RequiredString(r, "reason", id);
                    var code = OptionalString(r, "code", id);
                    return reason is null ? null : new RefusalBinding(reason, code);
                default:
                    Problem(id, "refusal-shape");
                    return null;
            }
        }

        private TimerActivity? Timer(JsonObject o, string id)
        {
            // Presence decides, so an unreadable duration is reported as such and not also as a missing one.
            if ((o["duration"] is null) == (o["until"] is null))
            {
                Problem(id, "timer-needs-one");
                return null;
            }

            var duration = Duration(o, "duration", id, required: false);
            var until = OptionalString(o, "until", id);
            return duration is null && until is null ? null : new TimerActivity(id, duration, until);
        }

        private FormField? Field(JsonObject? o, string id)
        {
            if (o is null)
            {
                Problem(id, "field-entry-invalid");
                return null;
            }

            var name = RequiredString(o, "name", id);
            if (name is null)
            {
                return null;
            }

            var (values, labels) = AllowedValues(o!, name, id);
            return new FormField(
                name,
                Localized(o!["label"], $"field '{name}' label", id, required: false) ?? new LocalizedText(name),
                OptionalString(o, "type", id) ?? "text",
                o["required"] is JsonValue r && r.TryGetValue<bool>(out var req) && req,
                values,
                labels.Count == 0 ? null : labels,
                o["requiredFor"] is null ? null : Strings(o, "requiredFor", id));
        }

        // Each allowed value is a plain text (the value is also what the user sees) or { "value", "label": {nl, en} },
        // for values that are codes the workflow's expressions test (e.g. "MoneyMule") but a user should read as words.
        private (List<string> Values, Dictionary<string, LocalizedText> Labels) AllowedValues(JsonObject o, string name, string id)
        {
            var values = new List<string>();
            var labels = new Dictionary<string, LocalizedText>(StringComparer.Ordinal);
            foreach (var item in Array(o, "allowedValues", id))
            {
                if (item?.GetValueKind() == JsonValueKind.String)
                {
                    values.Add(item.GetValue<string>());
                }
                else if (item is JsonObject option && option["value"]?.GetValueKind() == JsonValueKind.String)
                {
                    var value = option["value"]!.GetValue<string>();
                    values.Add(value);
                    if (Localized(option["label"], $"field '{name}' value '{value}' label", id, required: false) is { } label)
                    {
                        labels[value] = label;
                    }
                }
                else
                {
                    Problem(id, "allowed-values-invalid", name);
                }
            }

            return (values, labels);
        }

        private SwitchCase? SwitchCase(JsonObject? o, string id)
        {
            if (o is null)
            {
                Problem(id, "case-entry-invalid");
                return null;
            }

            return RequiredString(o, "port", id) is { } port && RequiredString(o, "condition", id) is { } condition ? new SwitchCase(port, condition) : null;
        }

        private VariableDefinition? Variable(JsonObject? o)
        {
            if (o is null)
            {
                Problem(null, "variable-entry-invalid");
                return null;
            }

            var name = RequiredString(o, "name", null);
            return name is null ? null : new VariableDefinition(name, Type(o, name), o["default"]?.DeepClone());
        }

        private ParameterDefinition? Parameter(JsonObject? o, string list)
        {
            var name = o is null ? null : RequiredString(o, "name", null);
            if (name is null)
            {
                Problem(null, "list-entry-needs-name", list);
                return null;
            }

            return new ParameterDefinition(name, Type(o!, name), o!["required"] is JsonValue r && r.TryGetValue<bool>(out var req) && req);
        }

        private VariableType Type(JsonObject o, string name)
        {
            var type = o["type"]?.GetValueKind() == JsonValueKind.String ? o["type"]!.GetValue<string>() : "any";
            switch (type)
            {
                case "string": return VariableType.Text;
                case "number": return VariableType.Number;
                case "boolean": return VariableType.Boolean;
                case "object": return VariableType.Map;
                case "array": return VariableType.List;
                case "any": return VariableType.Any;
                default:
                    Problem(null, "variable-type-unknown", name, type);
                    return VariableType.Any;
            }
        }

        private Binding? Binding(JsonNode? node, string field, string id)
        {
            switch (node)
            {
                case JsonValue v when v.GetValueKind() == JsonValueKind.String && !string.IsNullOrWhiteSpace(v.GetValue<string>()):
                    return Definitions.Binding.Of(v.GetValue<string>());
                case JsonObject o when o["expression"]?.GetValueKind() == JsonValueKind.String:
                    return Definitions.Binding.Expr(o["expression"]!.GetValue<string>());
                case null:
                    return null;
                default:
                    Problem(id, "text-or-expression", field);
                    return null;
            }
        }

        private IsoDuration? Duration(JsonObject o, string field, string id, bool required)
        {
            var text = required ? RequiredString(o, field, id) : OptionalString(o, field, id);
            if (text is null)
            {
                return null;
            }

            if (!IsoDuration.TryRead(text, out var duration, out var error))
            {
                Problem(id, "field-invalid", field, error!);
                return null;
            }

            return duration;
        }

        private LocalizedText? Localized(JsonNode? node, string field, string? id, bool required)
        {
            switch (node)
            {
                case JsonObject o when o["nl"]?.GetValueKind() == JsonValueKind.String:
                    return new LocalizedText(o["nl"]!.GetValue<string>(), o["en"]?.GetValueKind() == JsonValueKind.String ? o["en"]!.GetValue<string>() : null);
                case JsonValue v when v.GetValueKind() == JsonValueKind.String:
                    return new LocalizedText(v.GetValue<string>());
                case null when !required:
                    return null;
                default:
                    Problem(id, "dutch-text-required", field);
                    return null;
            }
        }

        private TEnum Enum<TEnum>(JsonObject o, string field, string id, TEnum fallback)
            where TEnum : struct, System.Enum
        {
            var text = OptionalString(o, field, id);
            if (text is null)
            {
                return fallback;
            }

            if (System.Enum.TryParse<TEnum>(text, ignoreCase: false, out var value) && System.Enum.IsDefined(value))
            {
                return value;
            }

            Problem(id, "value-not-allowed", field, System.Enum.GetNames<TEnum>(), text);
            return fallback;
        }

        private List<JsonNode?> Array(JsonObject o, string field, string? id)
        {
            switch (o[field])
            {
                case null:
                    return [];
                case JsonArray a:
                    return [.. a];
                default:
                    Problem(id, "must-be-array", field);
                    return [];
            }
        }

        private List<string> Strings(JsonObject o, string field, string? id)
        {
            var result = new List<string>();
            foreach (var item in Array(o, field, id))
            {
                if (item?.GetValueKind() == JsonValueKind.String)
                {
                    result.Add(item.GetValue<string>());
                }
                else
                {
                    Problem(id, "only-text", field);
                }
            }

            return result;
        }

        private Dictionary<string, string> StringMap(JsonObject o, string field, string id)
        {
            var result = new Dictionary<string, string>(StringComparer.Ordinal);
            if (o[field] is null)
            {
                return result;
            }

            if (o[field] is not JsonObject map)
            {
                Problem(id, "name-expression-object", field);
                return result;
            }

            foreach (var (key, value) in map)
            {
                if (value?.GetValueKind() == JsonValueKind.String)
                {
                    result[key] = value.GetValue<string>();
                }
                else
                {
                    Problem(id, "must-be-text", $"{field}.{key}");
                }
            }

            return result;
        }

        private string? RequiredString(JsonObject o, string field, string? id)
        {
            var value = OptionalString(o, field, id);
            if (value is null)
            {
                Problem(id, "required", field);
            }

            return value;
        }

        private string? OptionalString(JsonObject o, string field, string? id)
        {
            var node = o[field];
            if (node is null)
            {
                return null;
            }

            if (node.GetValueKind() != JsonValueKind.String || string.IsNullOrWhiteSpace(node.GetValue<string>()))
            {
                Problem(id, "non-empty-text", field);
                return null;
            }

            return node.GetValue<string>();
        }

        private void Problem(string? id, string code, params object[] arguments) => Problems.Add(new DefinitionProblem(id, code, arguments));
    }
}
