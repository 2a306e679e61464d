namespace Orchestrator.Contracts.Execution;

/// <summary>
/// The Executor started an attempt of a task. <paramref name="WaitingForPerson"/> is true for an
/// interactive task, which is now active and waits for the person.
/// </summary>
public sealed record TaskStartedIntegrationEvent(Guid PlanId, Guid TaskId, int Attempt, bool WaitingForPerson, DateTimeOffset At);
