namespace Orchestrator.Contracts.Conversations;

/// <summary>
/// A <see cref="RunConversationTurn"/> failed; <paramref name="Transient"/> says whether a retry may help. <paramref name="PromptVersionId"/>
/// (null from older producers, or when the turn failed before its prompt was chosen) lets a failure count against the prompt that was tried.
/// </summary>
public sealed record ConversationTurnFailedIntegrationEvent(
    Guid TurnId,
    Guid ConversationId,
    Guid TaskId,
    Guid PlanId,
    string Reason,
    bool Transient,
    DateTimeOffset At,
    string? PromptVersionId = null);
