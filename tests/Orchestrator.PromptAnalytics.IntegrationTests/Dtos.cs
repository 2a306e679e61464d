namespace Orchestrator.PromptAnalytics.IntegrationTests;

public sealed record VersionDto(string VersionId, string Name, int Number, string Text, string Author, string? Note, string? Origin, IReadOnlyList<string> Labels);

public sealed record TemplateDto(string Name, IReadOnlyDictionary<string, string> Labels, Guid? ExperimentId, IReadOnlyList<VersionDto> Versions);

public sealed record ResolvedDto(string Name, string VersionId, string Text, Guid? ExperimentId, string? Variant);

public sealed record ExperimentDto(Guid Id, string Prompt, string Status, string Allocation, string Metric, int MinimumSample, double Significance);

public sealed record VariantResultDto(
    string VersionId, string Variant, long Assigned, long N, long Successes, double? Rate, double? Low, double? High, double? PValue, double? ProbabilityBest,
    double? MeanValue, double? MeanTokens, double? MeanLatencyMs);

public sealed record ResultsDto(Guid Id, string Prompt, string Status, string Metric, int MinimumSample, double Significance, IReadOnlyList<VariantResultDto> Variants, string? Winner, string Decision, string? PromotedVersionId);

public sealed record ProblemDto(string? Title, string? Detail, int? Status);

public sealed record AssignmentDto(Guid ExperimentId, string Prompt, Guid Subject, string VersionId, string Variant);

public sealed record OutcomeDto(Guid Id, Guid? Subject, string? Prompt, string? VersionId, Guid? ExperimentId, string? Variant, string Metric, bool Success, double? Value, int? Tokens, double? LatencyMs, string Source);

public sealed record SubjectDto(Guid Id, string Kind, string? Title, IReadOnlyList<AssignmentDto> Assignments, IReadOnlyList<OutcomeDto> Outcomes);

public sealed record FailureExampleDto(Guid PlanId, Guid TaskId, Guid? ConversationId, DateTimeOffset At);

public sealed record FailurePatternDto(
    string Key, string Reason, long Count, DateTimeOffset LastSeen, IReadOnlyList<string> PromptVersionIds, IReadOnlyList<string> Modes, IReadOnlyList<FailureExampleDto> Examples);
