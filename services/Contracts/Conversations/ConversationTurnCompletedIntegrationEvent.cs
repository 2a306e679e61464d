namespace Orchestrator.Contracts.Conversations;

/// <summary>
/// The outcome of a <see cref="RunConversationTurn"/>: the reply, its tokens and cost in US dollars, and whether the model
/// asked the person for input (a structured signal, with its question) or proposed that the task is done.
/// </summary>
public sealed record ConversationTurnCompletedIntegrationEvent(
    Guid TurnId,
    Guid ConversationId,
    Guid TaskId,
    Guid PlanId,
    string Reply,
    bool InputRequested,
    string? Question,
    bool CompletionProposed,
    string Model,
    int PromptTokens,
    int CompletionTokens,
    double LatencyMs,
    string? PromptVersionId,
    DateTimeOffset At,
    decimal CostUsd = 0m);
