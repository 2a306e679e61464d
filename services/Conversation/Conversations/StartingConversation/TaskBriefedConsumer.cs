using Marten;
using MassTransit;
using Orchestrator.Contracts.Planning;
using Orchestrator.Eventing;

namespace Orchestrator.Conversation.Conversations.StartingConversation;

/// <summary>Opens a task's conversation with its consolidated brief, or updates the brief when the Planner changed it.</summary>
public sealed class TaskBriefedConsumer(IDocumentStore store, ILogger<TaskBriefedConsumer> logger)
    : IdempotentConsumer<TaskBriefedIntegrationEvent>(store, logger)
{
    protected override Guid? StreamOf(TaskBriefedIntegrationEvent message) => message.ConversationId;

    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<TaskBriefedIntegrationEvent> context)
    {
        var m = context.Message;
        var stream = await ConversationStream.OpenAsync(session, m.ConversationId, context.CancellationToken);
        var briefed = new ConversationBriefed(m.ConversationId, m.TaskId, m.PlanId, m.ParentId, m.Title, m.Brief, m.Mode, m.ExpectedOutputs, m.At);
        EventStreamWriter.Decide(stream, state => BriefDecision.Changes(state, briefed) ? Decision.Accept(briefed) : Decision.Unchanged);
    }
}

public static class BriefDecision
{
    /// <summary>True when <paramref name="briefed"/> opens the conversation or changes anything the model is told.</summary>
    public static bool Changes(Conversation? state, ConversationBriefed briefed) =>
        state is null
        || state.Title != briefed.Title
        || state.Brief != briefed.Brief
        || state.Mode != briefed.Mode
        || state.ParentId != briefed.ParentId
        || !state.ExpectedOutputs.SequenceEqual(briefed.ExpectedOutputs);
}
