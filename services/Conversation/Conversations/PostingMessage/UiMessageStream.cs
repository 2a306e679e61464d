using System.Text.Json;

namespace Orchestrator.Conversation.Conversations.PostingMessage;

/// <summary>
/// Writes server-sent events in the Vercel AI SDK's UI message stream protocol (v1), which
/// <c>useChat</c> reads: <c>start</c>, <c>start-step</c>, <c>text-start</c>/<c>text-delta</c>/<c>text-end</c>,
/// <c>data-*</c>, <c>finish-step</c>, <c>finish</c> or <c>error</c>, then <c>[DONE]</c>. Each part carries only
/// the fields the SDK's schema allows.
/// </summary>
public sealed class UiMessageStream(HttpResponse response)
{
    public const string ProtocolHeader = "x-vercel-ai-ui-message-stream";

    private static readonly JsonSerializerOptions Json = ApiJson.Options;

    public static void Prepare(HttpResponse response)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream";
        response.Headers.CacheControl = "no-cache";
        response.Headers.Connection = "keep-alive";
        response.Headers[ProtocolHeader] = "v1";
        // Proxies (nginx and kin) must pass each event on as it comes.
        response.Headers["X-Accel-Buffering"] = "no";
    }

    public Task StartAsync(Guid messageId) => WriteAsync(new { type = "start", messageId = messageId.ToString() });

    public Task StartStepAsync() => WriteAsync(new { type = "start-step" });

    public Task TextStartAsync(string id) => WriteAsync(new { type = "text-start", id });

    public Task TextDeltaAsync(string id, string delta) => WriteAsync(new { type = "text-delta", id, delta });

    public Task TextEndAsync(string id) => WriteAsync(new { type = "text-end", id });

    /// <summary>A custom data part; <paramref name="name"/> becomes the part type <c>data-{name}</c>.</summary>
    public Task DataAsync(string name, object data) => WriteAsync(new { type = $"data-{name}", data });

    public Task FinishStepAsync() => WriteAsync(new { type = "finish-step" });

    public Task FinishAsync() => WriteAsync(new { type = "finish" });

    public Task ErrorAsync(string errorText) => WriteAsync(new { type = "error", errorText });

    public async Task DoneAsync()
    {
        await response.WriteAsync("data: [DONE]\n\n");
        await response.Body.FlushAsync();
    }

    private async Task WriteAsync(object part)
    {
        await response.WriteAsync($"data: {JsonSerializer.Serialize(part, Json)}\n\n");
        await response.Body.FlushAsync();
    }
}
