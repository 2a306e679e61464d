using System.Text.Json;
using System.Text.Json.Serialization;
using Marten;
using Microsoft.AspNetCore.Http.HttpResults;
using Orchestrator.Conversation.Conversations.GettingConversation;

namespace Orchestrator.Conversation.Conversations.RatingReply;

/// <summary>
/// <c>POST /api/conversations/{id}/messages/{messageId}/feedback</c> with <c>{ "verdict": "up" | "down" | null }</c>
/// records the person's thumbs on a reply (null clears it) and answers with the message. The verdict travels to
/// PromptAnalytics as an outcome of the prompt version that produced the reply.
/// </summary>
public static class RateReplyEndpoint
{
    public static RouteGroupBuilder MapReplyFeedback(this RouteGroupBuilder conversations)
    {
        conversations.MapPost("/{conversationId:guid}/messages/{messageId:guid}/feedback", RateAsync)
            .WithName("RateReply")
            .WithSummary("Sets the person's thumbs up or down on a reply, or clears it with null.")
            .Accepts<ReplyFeedbackRequest>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return conversations;
    }

    private static async Task<Results<Ok<MessageView>, ProblemHttpResult>> RateAsync(
        Guid conversationId, Guid messageId, HttpRequest request, IDocumentStore store, TimeProvider clock, CancellationToken ct)
    {
        var (verdict, error) = await ReadVerdictAsync(request, ct);
        if (error is not null)
        {
            return TypedResults.Problem(error, statusCode: StatusCodes.Status400BadRequest, title: "Invalid request");
        }

        await using var session = store.LightweightSession();
        var stream = await ConversationStream.OpenAsync(session, conversationId, ct);
        var command = new RateReply(conversationId, messageId, verdict, clock.GetUtcNow());
        var write = await session.WriteAsync(stream, current => RateReplyDecision.Decide(current, command), ct);
        return write.Respond(state => TypedResults.Ok(ConversationView.From(state).Messages.Single(m => m.Id == messageId)));
    }

    /// <summary>
    /// The body, for the OpenAPI document: it is read by hand, since a missing verdict is an error and a null one
    /// clears the thumbs.
    /// </summary>
    public sealed record ReplyFeedbackRequest([property: JsonRequired] ReplyVerdict? Verdict);

    private static async Task<(string? Verdict, string? Error)> ReadVerdictAsync(HttpRequest request, CancellationToken ct)
    {
        const string Expected = "send { \"verdict\": \"up\" }, { \"verdict\": \"down\" } or { \"verdict\": null } to clear it.";
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return (null, $"The body is not valid JSON: {Expected}");
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("verdict", out var verdict))
        {
            return (null, $"The body has no 'verdict': {Expected}");
        }

        return verdict.ValueKind switch
        {
            JsonValueKind.Null => (null, null),
            JsonValueKind.String => (verdict.GetString(), null),
            _ => (null, $"'verdict' must be a string or null: {Expected}"),
        };
    }
}
