namespace Orchestrator.Contracts.Execution;

/// <summary>The person asked to run a failed task again; the Planner readies it with a new attempt.</summary>
public sealed record TaskRetryRequestedIntegrationEvent(Guid PlanId, Guid TaskId, DateTimeOffset At);
