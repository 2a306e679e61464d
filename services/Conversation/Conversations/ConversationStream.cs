using Marten;

namespace Orchestrator.Conversation.Conversations;

/// <summary>A conversation's event stream, opened for the shared write path (<see cref="EventStreamWriter"/>).</summary>
public static class ConversationStream
{
    public static Task<MartenStream<Conversation>> OpenAsync(IDocumentSession session, Guid conversationId, CancellationToken ct) =>
        session.OpenAsync<Conversation>(conversationId, "conversation", ConversationEvolution.Evolve, ct);
}
