using Orchestrator.Contracts.Planning;

namespace Orchestrator.Contracts.Execution;

/// <summary>
/// A task failed after its retries; the reason is kept and shown. <paramref name="Mode"/> and <paramref name="ConversationId"/>
/// came later (null from older producers), so failures can be grouped by mode and link to the task's chat; so did
/// <paramref name="Tokens"/> and <paramref name="CostUsd"/>, what the task's model turns used and cost before it failed.
/// </summary>
public sealed record TaskFailedIntegrationEvent(
    Guid PlanId,
    Guid TaskId,
    string Reason,
    int Attempts,
    string? PromptVersionId,
    DateTimeOffset At,
    TaskExecutionMode? Mode = null,
    Guid? ConversationId = null,
    long Tokens = 0,
    decimal CostUsd = 0m);
