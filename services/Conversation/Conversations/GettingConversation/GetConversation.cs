using Marten;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orchestrator.Conversation.Conversations.GettingConversation;

public sealed record MessageView(Guid Id, MessageRole Role, string Content, DateTimeOffset At, int Tokens);

public sealed record ConversationView(Guid Id, Guid TaskId, Guid PlanId, string Brief, IReadOnlyList<MessageView> Messages);

public static class GetConversationEndpoint
{
    public static RouteGroupBuilder MapGetConversation(this RouteGroupBuilder conversations)
    {
        conversations.MapGet("/{conversationId:guid}", async Task<Results<Ok<ConversationView>, ProblemHttpResult>> (Guid conversationId, IQuerySession session, CancellationToken ct) =>
        {
            var conversation = await session.LoadAsync<Conversation>(conversationId, ct);
            if (conversation is null)
            {
                return TypedResults.Problem($"Conversation {conversationId} does not exist.", statusCode: StatusCodes.Status404NotFound);
            }

            return TypedResults.Ok(new ConversationView(
                conversation.Id, conversation.TaskId, conversation.PlanId, conversation.Brief,
                conversation.Messages.Select(m => new MessageView(m.Id, m.Role, m.Content, m.At, m.Tokens)).ToList()));
        })
        .WithName("GetConversation");
        return conversations;
    }
}
