namespace Orchestrator.Contracts.Planning;

/// <summary>
/// A task was created or its brief changed. <paramref name="Brief"/> is the one consolidated,
/// self-contained instruction the task's conversation starts from.
/// </summary>
public sealed record TaskBriefedIntegrationEvent(
    Guid PlanId,
    Guid TaskId,
    Guid ConversationId,
    Guid? ParentId,
    string Title,
    string Brief,
    TaskExecutionMode Mode,
    IReadOnlyList<string> ExpectedOutputs,
    DateTimeOffset At);
