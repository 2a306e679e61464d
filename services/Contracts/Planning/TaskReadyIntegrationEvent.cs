namespace Orchestrator.Contracts.Planning;

/// <summary>Every dependency of the task is complete: the Executor should run it with exactly these inputs.</summary>
public sealed record TaskReadyIntegrationEvent(
    Guid PlanId,
    Guid TaskId,
    Guid ConversationId,
    string Title,
    string Brief,
    TaskExecutionMode Mode,
    IReadOnlyList<string> ExpectedOutputs,
    IReadOnlyList<TaskInput> Inputs,
    int Attempt,
    DateTimeOffset At);
