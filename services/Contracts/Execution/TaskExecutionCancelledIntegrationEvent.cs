namespace Orchestrator.Contracts.Execution;

/// <summary>The person cancelled a task through the Executor (<c>POST /api/executions/{taskId}/cancel</c>); its turns stopped.</summary>
public sealed record TaskExecutionCancelledIntegrationEvent(Guid PlanId, Guid TaskId, string Reason, DateTimeOffset At);
