using JasperFx.Events;
using Marten.Events.Projections;
using Orchestrator.PromptAnalytics.Library;

namespace Orchestrator.PromptAnalytics.Experiments;

public enum ExperimentStatus
{
    Running,
    Stopped,
    Promoted,
}

/// <summary>An experiment as a document, kept from the events of its template's stream.</summary>
public sealed record Experiment(
    Guid Id,
    string Prompt,
    ExperimentStatus Status,
    IReadOnlyList<ExperimentVariant> Variants,
    AllocationKind Allocation,
    string Metric,
    int MinimumSample,
    double Significance,
    DateTimeOffset StartedAt,
    DateTimeOffset? EndedAt,
    string? PromotedVersionId,
    string? StopReason);

/// <summary>How each domain event changes an experiment.</summary>
public static class ExperimentEvolution
{
    public static Experiment? Evolve(Experiment? state, object @event) => @event switch
    {
        ExperimentStarted e => new Experiment(e.ExperimentId, e.Prompt, ExperimentStatus.Running, e.Variants, e.Allocation, e.Metric, e.MinimumSample, e.Significance, e.At, null, null, null),
        ExperimentStopped e when state is not null => state with { Status = ExperimentStatus.Stopped, EndedAt = e.At, StopReason = e.Reason },
        VersionPromoted e when state is not null => state with { Status = ExperimentStatus.Promoted, EndedAt = state.EndedAt ?? e.At, PromotedVersionId = e.VersionId },
        _ => state,
    };
}

/// <summary>Keeps every <see cref="Experiment"/> as a document, in the same transaction as its template's events.</summary>
public sealed class ExperimentProjection : MultiStreamProjection<Experiment, Guid>
{
    public ExperimentProjection()
    {
        Identity<ExperimentStarted>(e => e.ExperimentId);
        Identity<ExperimentStopped>(e => e.ExperimentId);
        Identity<VersionPromoted>(e => e.ExperimentId);
    }

    public override Experiment? Evolve(Experiment? snapshot, Guid id, IEvent e) => ExperimentEvolution.Evolve(snapshot, e.Data);
}
