using Marten;
using MassTransit;
using Orchestrator.Contracts.Planning;
using Orchestrator.Eventing;

namespace Orchestrator.Conversation.Conversations.StartingConversation;

/// <summary>Opens the root task's conversation with the plan's request as its brief, unless the task's brief opened it first.</summary>
public sealed class PlanCreatedConsumer(IDocumentStore store, ILogger<PlanCreatedConsumer> logger)
    : IdempotentConsumer<PlanCreatedIntegrationEvent>(store, logger)
{
    protected override Guid? StreamOf(PlanCreatedIntegrationEvent message) => message.RootConversationId;

    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<PlanCreatedIntegrationEvent> context)
    {
        var message = context.Message;
        var stream = await ConversationStream.OpenAsync(session, message.RootConversationId, context.CancellationToken);
        EventStreamWriter.Decide(stream, state => state is null
            ? Decision.Accept(new ConversationStarted(message.RootConversationId, message.RootTaskId, message.PlanId, message.Request, message.At))
            : Decision.Unchanged);
    }
}
