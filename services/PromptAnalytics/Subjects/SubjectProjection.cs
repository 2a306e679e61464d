using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Orchestrator.PromptAnalytics.Subjects;

/// <summary>Keeps the latest <see cref="Subject"/> as a document, in the same transaction as its events.</summary>
public sealed class SubjectProjection : SingleStreamProjection<Subject, Guid>
{
    public override Subject? Evolve(Subject? snapshot, Guid id, IEvent e) => SubjectEvolution.Evolve(snapshot, e.Data);
}
