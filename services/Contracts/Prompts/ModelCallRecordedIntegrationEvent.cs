namespace Orchestrator.Contracts.Prompts;

/// <summary>
/// One model call, for prompt analytics: which prompt version produced it, for which subject (a plan),
/// its tokens, latency and cost in US dollars (zero for the simulator and for a model the price table does not name).
/// </summary>
public sealed record ModelCallRecordedIntegrationEvent(
    Guid CallId,
    Guid? Subject,
    string Purpose,
    string? PromptName,
    string? PromptVersionId,
    string Model,
    int PromptTokens,
    int CompletionTokens,
    double LatencyMs,
    bool Succeeded,
    DateTimeOffset At,
    decimal CostUsd = 0m);
