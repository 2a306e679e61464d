namespace Orchestrator.Contracts.Prompts;

/// <summary>
/// One model call, for prompt analytics: which prompt version produced it, for which subject (a plan),
/// its tokens and latency.
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
    DateTimeOffset At);
