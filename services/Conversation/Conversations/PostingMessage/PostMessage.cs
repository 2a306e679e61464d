using System.Text.Json;

namespace Orchestrator.Conversation.Conversations.PostingMessage;

/// <summary>A person's message to a conversation; <paramref name="ReplyRunning"/> when a reply is being generated in it right now.</summary>
public sealed record PostMessage(Guid ConversationId, Guid MessageId, string Content, string Author, int Tokens, DateTimeOffset Now, bool ReplyRunning = false);

public static class PostMessageDecision
{
    public const int MaxContentLength = 32_000;

    /// <summary>
    /// The person's message; when the conversation waits for input, it is also the answer to the pending question. One reply at a
    /// time: while one is generated, the message is refused rather than stored without an answer.
    /// </summary>
    public static Decision Decide(Conversation? state, PostMessage command)
    {
        if (state is null)
        {
            return Decision.NotFound($"Conversation {command.ConversationId} does not exist.");
        }

        var content = command.Content.Trim();
        if (content.Length == 0)
        {
            return Decision.Invalid("The message is empty: write some text in 'content'.");
        }

        if (content.Length > MaxContentLength)
        {
            return Decision.Invalid($"The message has {content.Length} characters; the limit is {MaxContentLength}. Shorten it or split it into several messages.");
        }

        if (command.ReplyRunning)
        {
            return Decision.Conflict("A reply is still being generated in this conversation: wait for it or stop it (POST …/stop), then send again.");
        }

        var posted = new MessagePosted(command.ConversationId, command.MessageId, command.Author, content, command.Tokens, command.Now);
        if (state.Status == ConversationStatus.AwaitingInput)
        {
            return Decision.Accept(posted, new HumanInputProvided(
                state.Id, state.TaskId, state.PlanId, command.MessageId, state.PendingQuestion ?? "", content, command.Now));
        }

        return Decision.Accept(posted);
    }
}

/// <summary>
/// Reads the body of <c>POST …/messages</c>: either <c>{ "content": "…" }</c> or the body of the AI SDK's
/// <c>useChat</c> (<c>{ id, messages: [{ role, parts: [{ type: "text", text }] }], trigger }</c>), whose last user message is taken.
/// </summary>
public static class MessageBody
{
    public static (string? Content, string? Error) Read(JsonElement body)
    {
        if (body.ValueKind != JsonValueKind.Object)
        {
            return (null, "The body must be a JSON object: { \"content\": \"…\" }.");
        }

        if (body.TryGetProperty("content", out var content))
        {
            return content.ValueKind == JsonValueKind.String ? (content.GetString(), null) : (null, "'content' must be a string.");
        }

        if (body.TryGetProperty("messages", out var messages) && messages.ValueKind == JsonValueKind.Array)
        {
            var lastUser = messages.EnumerateArray()
                .LastOrDefault(m => m.ValueKind == JsonValueKind.Object && m.TryGetProperty("role", out var role) && role.ValueKind == JsonValueKind.String && role.GetString() == "user");
            if (lastUser.ValueKind != JsonValueKind.Object)
            {
                return (null, "'messages' holds no user message.");
            }

            return (TextOf(lastUser), null);
        }

        return (null, "The body needs 'content' (a string) or 'messages' (the AI SDK's useChat body).");
    }

    private static string TextOf(JsonElement message)
    {
        if (message.TryGetProperty("parts", out var parts) && parts.ValueKind == JsonValueKind.Array)
        {
            return string.Concat(parts.EnumerateArray()
                .Where(p => p.ValueKind == JsonValueKind.Object && p.TryGetProperty("type", out var type) && type.GetString() == "text")
                .Select(p => p.TryGetProperty("text", out var text) && text.ValueKind == JsonValueKind.String ? text.GetString() : ""));
        }

        return message.TryGetProperty("content", out var content) && content.ValueKind == JsonValueKind.String ? content.GetString() ?? "" : "";
    }
}
