using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Orchestrator.Planner.Plans;

/// <summary>Keeps the latest <see cref="Plan"/> of every stream as a document, in the same transaction as its events.</summary>
public sealed class PlanProjection : SingleStreamProjection<Plan, Guid>
{
    public override Plan Evolve(Plan? snapshot, Guid id, IEvent e) =>
        PlanEvolution.Evolve(snapshot ?? Plan.Initial, e.Data) with { Version = e.Version };
}
