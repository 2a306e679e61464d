namespace Orchestrator.Contracts.Planning;

/// <summary>The plan reached a final status: completed, failed or cancelled. <paramref name="Clean"/>: it completed with no failed or retried task.</summary>
public sealed record PlanFinishedIntegrationEvent(Guid PlanId, string Status, string? DecompositionPromptVersionId, DateTimeOffset At, bool Clean = false);
