using System.Text.Json;
using Orchestrator.Prompts;

namespace Orchestrator.ModelAccess;

/// <summary>One proposed child chat, in the decomposition's subtask shape: <see cref="DependsOn"/> names sibling keys.</summary>
public sealed record ProposedSubtask(string Key, string Title, string Objective, string Mode, IReadOnlyList<string> DependsOn, IReadOnlyList<string> ExpectedOutputs);

/// <summary>The model's proposal to split its task into child chats, and why.</summary>
public sealed record SubtaskProposal(string Reason, IReadOnlyList<ProposedSubtask> Subtasks)
{
    /// <summary>The JSON schema of the tool's <c>subtasks</c> argument: the decomposition's subtask without further nesting.</summary>
    public const string SubtasksSchema = $$"""
        {
          "type": "array",
          "description": "The child chats, each with one complete, self-contained brief.",
          "items": {
            "type": "object",
            "additionalProperties": false,
            "required": [{{DecompositionSchema.SubtaskRequired}}],
            "properties": {
              {{DecompositionSchema.SubtaskProperties}}
            }
          }
        }
        """;

    /// <summary>
    /// Reads the tool's arguments as a provider sends them (the array itself, or the array as a JSON string);
    /// null when there is no usable subtask, so a garbled call is dropped rather than shown half-read.
    /// </summary>
    public static SubtaskProposal? Read(string? reason, string? subtasksJson)
    {
        if (string.IsNullOrWhiteSpace(subtasksJson))
        {
            return null;
        }

        try
        {
            using var document = JsonDocument.Parse(subtasksJson);
            var array = document.RootElement;
            if (array.ValueKind == JsonValueKind.String)
            {
                return Read(reason, array.GetString());
            }

            if (array.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var subtasks = array.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.Object).Select((e, i) => new ProposedSubtask(
                Text(e, "key") is { Length: > 0 } key ? key : $"{i + 1}",
                Text(e, "title") ?? "",
                Text(e, "objective") ?? Text(e, "brief") ?? "",
                Mode(Text(e, "mode")),
                Texts(e, "dependsOn"),
                Texts(e, "expectedOutputs"))).Where(s => s.Title.Length > 0).ToList();
            return subtasks.Count == 0 ? null : new SubtaskProposal(reason?.Trim() ?? "", subtasks);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>
    /// The mode as the API names it, from the words models use for it; anything else is interactive, since the person
    /// reviews (and may edit) every proposal before a chat is created.
    /// </summary>
    public static string Mode(string? mode) => mode?.Trim().ToLowerInvariant() switch
    {
        "autonomous" or "auto" or "automatic" or "ai" => "autonomous",
        "hybrid" or "mixed" or "semi" or "semi-auto" => "hybrid",
        _ => "interactive",
    };

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString()!.Trim() : null;

    private static IReadOnlyList<string> Texts(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(v => v.ValueKind == JsonValueKind.String).Select(v => v.GetString()!.Trim()).Where(v => v.Length > 0).ToList()
            : [];
}
