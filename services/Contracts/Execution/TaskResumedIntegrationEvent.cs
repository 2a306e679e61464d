namespace Orchestrator.Contracts.Execution;

/// <summary>A task that waited for input got it and runs again.</summary>
public sealed record TaskResumedIntegrationEvent(Guid PlanId, Guid TaskId, DateTimeOffset At);
