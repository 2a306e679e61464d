using JasperFx.Events;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Conversation.Conversations;
using Orchestrator.Eventing;

namespace Orchestrator.Conversation.Messaging;

/// <summary>The Conversation service's domain events that other services hear about.</summary>
public sealed class ConversationIntegrationEvents : IIntegrationEventMap
{
    public object? Map(IEvent @event) => @event.Data switch
    {
        AutonomousTurnCompleted e => new ConversationTurnCompletedIntegrationEvent(
            e.TurnId, e.ConversationId, e.TaskId, e.PlanId, e.Reply, e.InputRequested, e.Question, e.CompletionProposed,
            e.Model, e.PromptTokens, e.CompletionTokens, e.LatencyMs, e.PromptVersionId, e.At, e.CostUsd),
        AutonomousTurnFailed e => new ConversationTurnFailedIntegrationEvent(e.TurnId, e.ConversationId, e.TaskId, e.PlanId, e.Reason, e.Transient, e.At, e.PromptVersionId),
        HumanInputProvided e => new HumanInputProvidedIntegrationEvent(e.ConversationId, e.TaskId, e.PlanId, e.Answer, e.At),
        ReplyRated e => new ReplyRatedIntegrationEvent(
            e.ConversationId, e.TaskId, e.PlanId, e.MessageId, e.PromptVersionId, NameOf(e.Verdict), NameOf(e.PreviousVerdict), e.At),
        _ => null,
    };

    private static string? NameOf(ReplyVerdict? verdict) => verdict is { } v ? ApiJson.Word(v) : null;
}
