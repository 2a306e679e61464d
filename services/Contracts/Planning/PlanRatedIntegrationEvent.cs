namespace Orchestrator.Contracts.Planning;

/// <summary>
/// The person rated a finished plan, 1 to 5. <paramref name="FinishedClean"/>: the plan completed with no failed or retried task;
/// <paramref name="PreviousScore"/>: their earlier rating of it, if any, so a change of verdict can replace the earlier one.
/// </summary>
public sealed record PlanRatedIntegrationEvent(
    Guid PlanId,
    int Score,
    int? PreviousScore,
    bool FinishedClean,
    string? DecompositionPromptVersionId,
    DateTimeOffset At);
