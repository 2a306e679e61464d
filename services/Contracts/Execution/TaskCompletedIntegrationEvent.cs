namespace Orchestrator.Contracts.Execution;

/// <summary>A task produced its result: a short summary and the produced text, and what its model turns cost (tokens, US dollars).</summary>
public sealed record TaskCompletedIntegrationEvent(
    Guid PlanId,
    Guid TaskId,
    string Summary,
    string Result,
    int Attempts,
    long Tokens,
    string? PromptVersionId,
    DateTimeOffset At,
    decimal CostUsd = 0m);
