namespace Orchestrator.Contracts.Planning;

/// <summary>
/// The person approved the plan. <paramref name="EditsBeforeApproval"/> counts their changes to the
/// proposed tree; <paramref name="DecompositionPromptVersionId"/> is the prompt version that proposed it.
/// </summary>
public sealed record PlanApprovedIntegrationEvent(
    Guid PlanId,
    int EditsBeforeApproval,
    string? DecompositionPromptVersionId,
    DateTimeOffset At);
