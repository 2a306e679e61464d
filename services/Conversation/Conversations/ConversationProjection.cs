using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Orchestrator.Conversation.Conversations;

/// <summary>Keeps the latest <see cref="Conversation"/> of every stream as a document, in the same transaction as its events.</summary>
public sealed class ConversationProjection : SingleStreamProjection<Conversation, Guid>
{
    public override Conversation? Evolve(Conversation? snapshot, Guid id, IEvent e) => ConversationEvolution.Evolve(snapshot, e.Data);
}
