using Marten;

namespace Orchestrator.Conversation.Conversations;

/// <summary>A conversation's event stream, opened for the shared write path (<see cref="EventStreamWriter"/>).</summary>
public static class ConversationStream
{
    /// <summary>How often a write outside any request is decided again when other writers keep moving the stream.</summary>
    public const int Attempts = 3;

    public static Task<MartenStream<Conversation>> OpenAsync(IDocumentSession session, Guid conversationId, CancellationToken ct) =>
        session.OpenAsync<Conversation>(conversationId, "conversation", ConversationEvolution.Evolve, ct);

    /// <summary>
    /// Writes what <paramref name="decide"/> decides in a session of its own, never cancelled: a reply is stored after the request
    /// that asked for it may have ended. Another writer moving the stream meanwhile (an input declared, a thumbs up) is no reason to
    /// lose the reply, so the decision is taken again on the newer state.
    /// </summary>
    public static async Task<Written<Conversation>> WriteAsync(IDocumentStore store, Guid conversationId, Func<Conversation?, Decision> decide)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var session = store.LightweightSession();
            var stream = await OpenAsync(session, conversationId, CancellationToken.None);
            var written = await session.WriteAsync(stream, decide, CancellationToken.None);
            if (written.Problem is not { Kind: Refusal.Conflict } || attempt == Attempts)
            {
                return written;
            }
        }
    }
}
