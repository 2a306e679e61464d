using JasperFx.Events;
using Marten.Events.Aggregation;
using Orchestrator.PromptAnalytics.Library;

namespace Orchestrator.PromptAnalytics.Experiments.Assigning;

/// <summary>
/// A subject got a variant of an experiment. Each assignment is its own stream, keyed by experiment and subject,
/// so a second first-assignment of the same subject collides on the stream id instead of assigning twice.
/// </summary>
public sealed record VariantAssigned(Guid AssignmentId, Guid ExperimentId, string Prompt, Guid Subject, string VersionId, string Variant, DateTimeOffset At);

/// <summary>Which variant a subject uses in an experiment.</summary>
public sealed record Assignment(Guid Id, Guid ExperimentId, string Prompt, Guid Subject, string VersionId, string Variant, DateTimeOffset At);

public static class AssignmentIds
{
    public static Guid For(Guid experimentId, Guid subject) => DeterministicGuid.From($"assignment/{experimentId:N}/{subject:N}");
}

/// <summary>Keeps each <see cref="Assignment"/> as a document, in the same transaction as its event.</summary>
public sealed class AssignmentProjection : SingleStreamProjection<Assignment, Guid>
{
    public override Assignment? Evolve(Assignment? snapshot, Guid id, IEvent e) => e.Data switch
    {
        VariantAssigned a => new Assignment(a.AssignmentId, a.ExperimentId, a.Prompt, a.Subject, a.VersionId, a.Variant, a.At),
        _ => snapshot,
    };
}
