using Marten;
using MassTransit;
using Orchestrator.Contracts.Planning;
using Orchestrator.Conversation.Conversations.StartingConversation;
using Orchestrator.Eventing;

namespace Orchestrator.Conversation.Conversations.DeclaringInputs;

/// <summary>Records the inputs a ready task declares (its dependencies' and children's results); brings the brief up to date on the way.</summary>
public sealed class TaskReadyConsumer(IDocumentStore store, ILogger<TaskReadyConsumer> logger)
    : IdempotentConsumer<TaskReadyIntegrationEvent>(store, logger)
{
    protected override Guid? StreamOf(TaskReadyIntegrationEvent message) => message.ConversationId;

    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<TaskReadyIntegrationEvent> context)
    {
        var m = context.Message;
        var stream = await ConversationStream.OpenAsync(session, m.ConversationId, context.CancellationToken);
        EventStreamWriter.Decide(stream, state =>
        {
            var briefed = new ConversationBriefed(m.ConversationId, m.TaskId, m.PlanId, state?.ParentId, m.Title, m.Brief, m.Mode, m.ExpectedOutputs, m.At);
            var declared = new InputsDeclared(m.ConversationId, m.Inputs, m.Attempt, m.At);
            return BriefDecision.Changes(state, briefed) ? Decision.Accept(briefed, declared) : Decision.Accept(declared);
        });
    }
}
