namespace Orchestrator.Contracts.Conversations;

/// <summary>
/// Command from the Executor: run one model turn in a task's conversation without a person.
/// <paramref name="Instruction"/> is the user-side message of the turn (null: continue from the brief).
/// </summary>
public sealed record RunConversationTurn(
    Guid TurnId,
    Guid ConversationId,
    Guid TaskId,
    Guid PlanId,
    string? Instruction,
    bool AllowInputRequest,
    DateTimeOffset At);
