using JasperFx.Events;
using Orchestrator.Eventing;

namespace Orchestrator.Conversation.Messaging;

/// <summary>The Conversation service's domain events that other services hear about.</summary>
public sealed class ConversationIntegrationEvents : IIntegrationEventMap
{
    public object? Map(IEvent @event) => null;
}
