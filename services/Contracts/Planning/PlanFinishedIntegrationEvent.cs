namespace Orchestrator.Contracts.Planning;

/// <summary>The plan reached a final status: completed, failed or cancelled.</summary>
public sealed record PlanFinishedIntegrationEvent(Guid PlanId, string Status, string? DecompositionPromptVersionId, DateTimeOffset At);
