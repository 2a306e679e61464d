using System.Text;
using System.Text.Json;

namespace Orchestrator.Conversation.IntegrationTests;

/// <summary>One parsed chunk of the UI message stream.</summary>
public sealed record UiChunk(string Type, JsonElement Json);

/// <summary>The assistant message a client builds from the stream, the way the AI SDK's <c>processUIMessageStream</c> does.</summary>
public sealed class UiMessage
{
    public string? MessageId { get; set; }

    public List<UiChunk> Chunks { get; } = [];

    public Dictionary<string, StringBuilder> Texts { get; } = [];

    public List<(string Type, JsonElement Data)> Data { get; } = [];

    public string? Error { get; set; }

    public bool Finished { get; set; }

    public bool Done { get; set; }

    public string Text => string.Concat(Texts.Values.Select(t => t.ToString()));

    public IReadOnlyList<string> Types => Chunks.Select(c => c.Type).ToList();
}

/// <summary>
/// Reads a UI message stream (SSE) strictly: every chunk must be one the AI SDK's chunk schema accepts,
/// with no unknown fields, and text deltas must belong to a started, unfinished text part.
/// </summary>
public static class UiMessageStreamReader
{
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["start"] = ["type", "messageId", "messageMetadata"],
        ["start-step"] = ["type"],
        ["text-start"] = ["type", "id", "providerMetadata"],
        ["text-delta"] = ["type", "id", "delta", "providerMetadata"],
        ["text-end"] = ["type", "id", "providerMetadata"],
        ["finish-step"] = ["type"],
        ["finish"] = ["type", "messageMetadata"],
        ["error"] = ["type", "errorText"],
    };

    /// <summary>Reads until <c>[DONE]</c>, the end of the body, or <paramref name="stopWhen"/> says to stop.</summary>
    public static async Task<UiMessage> ReadAsync(Stream body, Func<UiMessage, bool>? stopWhen = null, CancellationToken ct = default)
    {
        var message = new UiMessage();
        var open = new HashSet<string>();
        using var reader = new StreamReader(body, Encoding.UTF8);
        while (await reader.ReadLineAsync(ct) is { } line)
        {
            if (line.Length == 0)
            {
                continue;
            }

            if (!line.StartsWith("data: ", StringComparison.Ordinal))
            {
                throw new FormatException($"Not an SSE data line: {line}");
            }

            var payload = line["data: ".Length..];
            if (payload == "[DONE]")
            {
                message.Done = true;
                break;
            }

            var json = JsonDocument.Parse(payload).RootElement.Clone();
            var type = json.GetProperty("type").GetString()!;
            var fields = json.EnumerateObject().Select(p => p.Name).ToList();
            var allowed = type.StartsWith("data-", StringComparison.Ordinal) ? ["type", "data", "id", "transient"] : Allowed.GetValueOrDefault(type)
                ?? throw new FormatException($"Unknown chunk type '{type}'.");
            var unknown = fields.Except(allowed).ToList();
            if (unknown.Count > 0)
            {
                throw new FormatException($"Chunk '{type}' has fields the SDK's schema rejects: {string.Join(", ", unknown)}.");
            }

            message.Chunks.Add(new UiChunk(type, json));
            switch (type)
            {
                case "start":
                    message.MessageId = json.TryGetProperty("messageId", out var id) ? id.GetString() : null;
                    break;
                case "text-start":
                    open.Add(json.GetProperty("id").GetString()!);
                    message.Texts[json.GetProperty("id").GetString()!] = new StringBuilder();
                    break;
                case "text-delta":
                    var textId = json.GetProperty("id").GetString()!;
                    if (!open.Contains(textId))
                    {
                        throw new FormatException($"text-delta for text part '{textId}' that was not started.");
                    }

                    message.Texts[textId].Append(json.GetProperty("delta").GetString());
                    break;
                case "text-end":
                    open.Remove(json.GetProperty("id").GetString()!);
                    break;
                case "error":
                    message.Error = json.GetProperty("errorText").GetString();
                    break;
                case "finish":
                    message.Finished = true;
                    break;
                default:
                    if (type.StartsWith("data-", StringComparison.Ordinal))
                    {
                        message.Data.Add((type, json.GetProperty("data")));
                    }

                    break;
            }

            if (stopWhen?.Invoke(message) == true)
            {
                break;
            }
        }

        return message;
    }
}
