namespace Orchestrator.Prompts;

/// <summary>
/// The prompt version to use for one subject (a plan). Tag what it produces with <paramref name="VersionId"/>
/// so outcomes are attributed to it. <paramref name="IsFallback"/> is true when PromptAnalytics was not reachable
/// and the built-in text was used.
/// </summary>
public sealed record ResolvedPrompt(
    string Name,
    string VersionId,
    string Text,
    PromptParameters Parameters,
    Guid? ExperimentId,
    string? Variant,
    bool IsFallback);
