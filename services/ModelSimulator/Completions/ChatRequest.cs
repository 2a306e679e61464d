using System.Text.Json.Nodes;

namespace Orchestrator.ModelSimulator.Completions;

public sealed record ChatMessage(string Role, string Content);

/// <summary>The parts of an OpenAI chat-completions request the simulator reads.</summary>
public sealed record ChatRequest(
    string? Model,
    IReadOnlyList<ChatMessage> Messages,
    IReadOnlyList<string> Tools,
    string? ResponseFormatType,
    string? SchemaName,
    bool Stream,
    bool IncludeUsage)
{
    public const string DecompositionSchema = "plan_decomposition";

    public bool IsDecomposition => ResponseFormatType == "json_schema" && SchemaName == DecompositionSchema;

    public bool WantsJson => ResponseFormatType is "json_schema" or "json_object";

    public string LastUserMessage => Messages.LastOrDefault(m => m.Role == "user")?.Content ?? "";

    public string SystemPrompt => string.Join("\n", Messages.Where(m => m.Role is "system" or "developer").Select(m => m.Content));

    public bool HasAssistantMessage => Messages.Any(m => m.Role == "assistant");

    public bool Offers(string tool) => Tools.Contains(tool);

    /// <summary>Reads a request body, or says what is wrong with it.</summary>
    public static (ChatRequest? Request, string? Error) Parse(JsonNode? body)
    {
        if (body is not JsonObject root)
        {
            return (null, "The body must be a JSON object.");
        }

        if (root["messages"] is not JsonArray messages || messages.Count == 0)
        {
            return (null, "'messages' must be a non-empty array.");
        }

        var parsed = new List<ChatMessage>();
        foreach (var message in messages)
        {
            var role = message?["role"]?.GetValue<string>() ?? "user";
            parsed.Add(new ChatMessage(role, ContentOf(message?["content"])));
        }

        var tools = root["tools"] is JsonArray toolArray
            ? toolArray.Select(t => t?["function"]?["name"]?.GetValue<string>()).OfType<string>().ToList()
            : [];
        var format = root["response_format"];
        return (new ChatRequest(
            root["model"]?.GetValue<string>(),
            parsed,
            tools,
            format?["type"]?.GetValue<string>(),
            format?["json_schema"]?["name"]?.GetValue<string>(),
            root["stream"]?.GetValue<bool>() ?? false,
            root["stream_options"]?["include_usage"]?.GetValue<bool>() ?? false), null);
    }

    /// <summary>A message's text: a string, or the text parts of a content array.</summary>
    private static string ContentOf(JsonNode? content) => content switch
    {
        null => "",
        JsonValue value when value.TryGetValue<string>(out var text) => text,
        JsonArray parts => string.Concat(parts.Select(p => p?["text"]?.GetValue<string>() ?? "")),
        _ => content.ToJsonString(),
    };
}
