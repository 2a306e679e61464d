using JasperFx.Events;

namespace Orchestrator.Planner.Plans;

/// <summary>Rebuilds a plan as it was from its events, without calling any model again.</summary>
public static class PlanHistory
{
    /// <summary>The plan after the events up to and including <paramref name="version"/>.</summary>
    public static Plan At(IEnumerable<IEvent> events, long version) =>
        events.TakeWhile(e => e.Version <= version).Aggregate(Plan.Initial, (state, e) => PlanEvolution.Evolve(state, e.Data) with { Version = e.Version });
}
