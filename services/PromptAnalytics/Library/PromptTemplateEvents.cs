using Orchestrator.Prompts;

namespace Orchestrator.PromptAnalytics.Library;

/// <summary>A template (one purpose) entered the library.</summary>
public sealed record TemplateCreated(Guid TemplateId, string Name, string Description, DateTimeOffset At);

/// <summary>
/// An immutable version of a template. <paramref name="Origin"/> is the built-in version id it was seeded from
/// (outcomes tagged with that id count for this version), or null for versions people wrote.
/// </summary>
public sealed record VersionAdded(
    Guid TemplateId,
    string Name,
    string VersionId,
    int Number,
    string Text,
    PromptParameters Parameters,
    string Author,
    string? Note,
    string? Origin,
    DateTimeOffset At);

/// <summary>A label (<c>production</c>, <c>candidate</c>) now points at a version.</summary>
public sealed record LabelAssigned(Guid TemplateId, string Name, string Label, string VersionId, DateTimeOffset At);

public enum AllocationKind
{
    Fixed,
    Bandit,
}

/// <summary>One arm of an experiment: a version, its traffic weight (fixed allocation) and its letter.</summary>
public sealed record ExperimentVariant(string VersionId, double Weight, string Variant);

/// <summary>An A/B/n experiment over versions of one template started; only one runs per template at a time.</summary>
public sealed record ExperimentStarted(
    Guid TemplateId,
    Guid ExperimentId,
    string Prompt,
    IReadOnlyList<ExperimentVariant> Variants,
    AllocationKind Allocation,
    string Metric,
    int MinimumSample,
    double Significance,
    DateTimeOffset At);

/// <summary>The experiment stopped assigning; subjects get the production version again.</summary>
public sealed record ExperimentStopped(Guid TemplateId, Guid ExperimentId, string Reason, DateTimeOffset At);

/// <summary>A variant of the experiment became the production version; the experiment ends with it.</summary>
public sealed record VersionPromoted(Guid TemplateId, Guid ExperimentId, string VersionId, DateTimeOffset At);
