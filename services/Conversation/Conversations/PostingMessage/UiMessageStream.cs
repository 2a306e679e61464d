using System.Text.Json;
using Orchestrator.Conversation.Conversations.GettingConversation;

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

    /// <summary>The whole message answering a pending question: no model reply, because the Executor resumes the task.</summary>
    public async Task InputProvidedAsync(HumanInputProvided answer)
    {
        await StartAsync(Guid.CreateVersion7());
        await DataAsync("input-provided", new { question = answer.Question, answer = answer.Answer });
        await FinishAsync();
        await DoneAsync();
    }

    /// <summary>
    /// Ends the reply's text part <paramref name="textId"/> as the reply was stored: complete with what the stored text adds to the
    /// <paramref name="streamed"/> characters (a reply that is only a proposal), the proposal and the usage; stopped (to a client
    /// still there); or failed, with the reason as the error.
    /// </summary>
    public async Task EndReplyAsync(string textId, int streamed, ReplyGenerated reply, ProposalView? proposal)
    {
        var messageId = reply.MessageId;
        switch (reply.Status)
        {
            case MessageStatus.Stopped:
                if (!response.HttpContext.RequestAborted.IsCancellationRequested)
                {
                    await TextEndAsync(textId);
                    await DataAsync("stopped", new { messageId });
                    await FinishAsync();
                    await DoneAsync();
                }

                return;
            case MessageStatus.Failed:
                await ErrorAsync(reply.FailureReason ?? "");
                await DoneAsync();
                return;
        }

        if (reply.Content.Length > streamed)
        {
            await TextDeltaAsync(textId, reply.Content[streamed..]);
        }

        await TextEndAsync(textId);
        if (proposal is not null)
        {
            await DataAsync("subtask-proposal", new { messageId, proposal });
        }

        await DataAsync("usage", new { messageId, model = reply.Model, promptTokens = reply.PromptTokens, completionTokens = reply.CompletionTokens, latencyMs = reply.LatencyMs, costUsd = reply.CostUsd });
        await FinishStepAsync();
        await FinishAsync();
        await DoneAsync();
    }

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
