using Orchestrator.PromptAnalytics.Experiments.Assigning;
using Orchestrator.PromptAnalytics.Library;

namespace Orchestrator.PromptAnalytics.Outcomes;

/// <summary>Something that happened to a subject, before it is attributed to a prompt version.</summary>
public sealed record Observation(
    Guid OutcomeId,
    Guid? Subject,
    string? Prompt,
    string? VersionId,
    string Metric,
    bool Success,
    double? Value,
    int? Tokens,
    double? LatencyMs,
    string Source,
    DateTimeOffset At,
    bool Revises = false,
    decimal? CostUsd = null);

/// <summary>Attributes an observation to the prompt version (and experiment variant) that produced it.</summary>
public static class Attribution
{
    /// <summary>
    /// The outcome event for <paramref name="observation"/>. The version is the one the producer tagged (a built-in
    /// alias counts for the library version seeded from it), or, untagged, the one the subject was assigned.
    /// The outcome counts for an experiment only when the subject was assigned exactly that version in it: a subject
    /// that fell back to another version (e.g. the built-in while the service was down) does not distort the test.
    /// </summary>
    public static OutcomeRecorded Attribute(Observation observation, PromptTemplate? template, IReadOnlyList<Assignment> subjectAssignments)
    {
        ArgumentNullException.ThrowIfNull(observation);
        ArgumentNullException.ThrowIfNull(subjectAssignments);
        var prompt = observation.Prompt ?? (observation.VersionId is { } tagged ? TemplateIds.TemplateOf(tagged) : null);
        var versionId = observation.VersionId is { } id ? template?.FindVersion(id)?.VersionId ?? id : null;
        var candidates = subjectAssignments
            .Where(a => a.Subject == observation.Subject && (prompt is null || a.Prompt == prompt))
            .OrderByDescending(a => a.At)
            .ToList();
        var assignment = versionId is null ? candidates.FirstOrDefault() : candidates.FirstOrDefault(a => a.VersionId == versionId);

        return new OutcomeRecorded(
            observation.OutcomeId,
            observation.Subject,
            prompt ?? assignment?.Prompt,
            versionId ?? assignment?.VersionId,
            assignment?.ExperimentId,
            assignment?.Variant,
            observation.Metric,
            observation.Success,
            observation.Value,
            observation.Tokens,
            observation.LatencyMs,
            observation.Source,
            observation.At,
            observation.Revises,
            observation.CostUsd);
    }
}
