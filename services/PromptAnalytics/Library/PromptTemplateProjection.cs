using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Orchestrator.PromptAnalytics.Library;

/// <summary>Keeps the latest <see cref="PromptTemplate"/> as a document, in the same transaction as its events.</summary>
public sealed class PromptTemplateProjection : SingleStreamProjection<PromptTemplate, Guid>
{
    public override PromptTemplate? Evolve(PromptTemplate? snapshot, Guid id, IEvent e) => PromptTemplateEvolution.Evolve(snapshot, e.Data);
}
