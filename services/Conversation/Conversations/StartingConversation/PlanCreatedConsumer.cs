using Marten;
using MassTransit;
using Orchestrator.Contracts.Planning;
using Orchestrator.Eventing;

namespace Orchestrator.Conversation.Conversations.StartingConversation;

/// <summary>Opens the root task's conversation with the plan's request as its brief.</summary>
public sealed class PlanCreatedConsumer(IDocumentStore store, ILogger<PlanCreatedConsumer> logger)
    : IdempotentConsumer<PlanCreatedIntegrationEvent>(store, logger)
{
    protected override Task HandleAsync(IDocumentSession session, ConsumeContext<PlanCreatedIntegrationEvent> context)
    {
        var message = context.Message;
        session.Events.StartStream<Conversation>(
            message.RootConversationId,
            new ConversationStarted(message.RootConversationId, message.RootTaskId, message.PlanId, message.Request, message.At));
        return Task.CompletedTask;
    }
}
