using System.Text.Json.Nodes;
using Coordination.Workflow.Definitions;

namespace Coordination.Workflow.Tests.Engine;

/// <summary>
/// Builds definitions from the JSON the product reads, with two shorthands that keep fixtures small: the header
/// (<c>definitionId</c>, <c>version</c>, <c>name</c>) may be left out, and a connection may be written as
/// <c>"a -> b"</c> (port Done) or <c>"a:Port -> b"</c>, at any depth.
/// </summary>
internal static class TestDefinition
{
    public static WorkflowDefinition Parse(string json, string definitionId = "test", int version = 1)
    {
        var root = JsonNode.Parse(json)!.AsObject();
        root["definitionId"] ??= definitionId;
        root["version"] ??= version;
        root["name"] ??= definitionId;
        ExpandConnections(root);
        return DefinitionJson.Parse(root.ToJsonString(), definitionId);
    }

    private static void ExpandConnections(JsonObject owner)
    {
        if (owner["connections"] is JsonArray connections)
        {
            for (var i = 0; i < connections.Count; i++)
            {
                if (connections[i] is JsonValue value && value.TryGetValue<string>(out var text))
                {
                    connections[i] = Connection(text);
                }
            }
        }

        foreach (var activity in (owner["activities"] as JsonArray ?? []).OfType<JsonObject>())
        {
            ExpandConnections(activity);
        }
    }

    private static JsonObject Connection(string text)
    {
        var parts = text.Split("->", StringSplitOptions.TrimEntries);
        var source = parts[0].Split(':', StringSplitOptions.TrimEntries);
        return new JsonObject
        {
            ["source"] = new JsonObject { ["activity"] = source[0], ["port"] = source.Length > 1 ? source[1] : ActivityDefinition.DonePort },
            ["target"] = new JsonObject { ["activity"] = parts[1] },
        };
    }
}
