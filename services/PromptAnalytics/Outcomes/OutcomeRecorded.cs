using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Orchestrator.PromptAnalytics.Outcomes;

/// <summary>
/// One scored outcome, attributed to the prompt version that produced it and, when the subject was assigned that
/// version by an experiment, to the experiment and variant. Each outcome is its own stream (id = outcome id), so
/// statistics can be recomputed from these events alone. An outcome that <paramref name="Revises"/> changes the verdict of an
/// earlier one on the same subject (the person's later rating) to <paramref name="Success"/>: it moves one trial between success
/// and failure instead of adding a trial. <paramref name="CostUsd"/> is what a model call cost (null for other outcomes).
/// </summary>
public sealed record OutcomeRecorded(
    Guid OutcomeId,
    Guid? Subject,
    string? Prompt,
    string? VersionId,
    Guid? ExperimentId,
    string? Variant,
    string Metric,
    bool Success,
    double? Value,
    int? Tokens,
    double? LatencyMs,
    string Source,
    DateTimeOffset At,
    bool Revises = false,
    decimal? CostUsd = null);

/// <summary>An outcome as a document, for the outcomes of one subject.</summary>
public sealed record OutcomeRecord(
    Guid Id,
    Guid? Subject,
    string? Prompt,
    string? VersionId,
    Guid? ExperimentId,
    string? Variant,
    string Metric,
    bool Success,
    double? Value,
    int? Tokens,
    double? LatencyMs,
    string Source,
    DateTimeOffset At);

/// <summary>Keeps each <see cref="OutcomeRecord"/>, in the same transaction as its event.</summary>
public sealed class OutcomeRecordProjection : SingleStreamProjection<OutcomeRecord, Guid>
{
    public override OutcomeRecord? Evolve(OutcomeRecord? snapshot, Guid id, IEvent e) => e.Data switch
    {
        OutcomeRecorded o => new OutcomeRecord(o.OutcomeId, o.Subject, o.Prompt, o.VersionId, o.ExperimentId, o.Variant, o.Metric, o.Success, o.Value, o.Tokens, o.LatencyMs, o.Source, o.At),
        _ => snapshot,
    };
}
