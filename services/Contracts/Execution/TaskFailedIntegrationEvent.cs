namespace Orchestrator.Contracts.Execution;

/// <summary>A task failed after its retries; the reason is kept and shown.</summary>
public sealed record TaskFailedIntegrationEvent(Guid PlanId, Guid TaskId, string Reason, int Attempts, string? PromptVersionId, DateTimeOffset At);
