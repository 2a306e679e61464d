namespace Orchestrator.Contracts.Conversations;

/// <summary>
/// A model call a task's conversation made outside the Executor's turns (whose cost arrives with the task's completion):
/// a reply in the chat with the person (<c>chat</c>), or a recap of older turns (<c>recap</c>). <paramref name="CallId"/>
/// is the reply's message id, or the recap's own id.
/// </summary>
public sealed record ConversationCallCostedIntegrationEvent(
    Guid CallId,
    Guid ConversationId,
    Guid TaskId,
    Guid PlanId,
    string Purpose,
    int PromptTokens,
    int CompletionTokens,
    decimal CostUsd,
    DateTimeOffset At);
