namespace Orchestrator.Contracts.Planning;

/// <summary>The person discarded or regenerated a proposed decomposition.</summary>
public sealed record PlanRejectedIntegrationEvent(Guid PlanId, Guid TaskId, string? DecompositionPromptVersionId, string Reason, DateTimeOffset At);
