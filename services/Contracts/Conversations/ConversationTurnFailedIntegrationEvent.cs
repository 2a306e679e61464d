namespace Orchestrator.Contracts.Conversations;

/// <summary>A <see cref="RunConversationTurn"/> failed; <paramref name="Transient"/> says whether a retry may help.</summary>
public sealed record ConversationTurnFailedIntegrationEvent(
    Guid TurnId,
    Guid ConversationId,
    Guid TaskId,
    Guid PlanId,
    string Reason,
    bool Transient,
    DateTimeOffset At);
