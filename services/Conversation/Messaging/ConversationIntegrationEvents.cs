using JasperFx.Events;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Conversation.Conversations;
using Orchestrator.Eventing;
using Orchestrator.ModelAccess;

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
        // A chat reply's cost reaches the task's; an autonomous turn's comes with the turn's completion, through the Executor.
        ReplyGenerated { TurnId: null } e when e.TaskId != Guid.Empty => new ConversationCallCostedIntegrationEvent(
            e.MessageId, e.ConversationId, e.TaskId, e.PlanId, ModelPurposes.Chat, e.PromptTokens, e.CompletionTokens, e.CostUsd, e.At),
        ConversationRecapped e when e.TaskId != Guid.Empty => new ConversationCallCostedIntegrationEvent(
            RecapCallId(e), e.ConversationId, e.TaskId, e.PlanId, ModelPurposes.Recap, e.PromptTokens, e.CompletionTokens, e.CostUsd, e.At),
        ReplyRated e => new ReplyRatedIntegrationEvent(
            e.ConversationId, e.TaskId, e.PlanId, e.MessageId, e.PromptVersionId, NameOf(e.Verdict), NameOf(e.PreviousVerdict), e.At),
        _ => null,
    };

    /// <summary>A recap covers a conversation up to one message, once.</summary>
    public static Guid RecapCallId(ConversationRecapped recap) => DeterministicGuid.From($"recap:{recap.ConversationId:N}:{recap.ThroughMessageId:N}");

    private static string? NameOf(ReplyVerdict? verdict) => verdict is { } v ? ApiJson.Word(v) : null;
}
