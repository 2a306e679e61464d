using JasperFx.Events;
using Marten.Events.Aggregation;

namespace Orchestrator.Executor.Executions;

/// <summary>Keeps the latest <see cref="Execution"/> of every task as a document, in the same transaction as its events.</summary>
public sealed class ExecutionProjection : SingleStreamProjection<Execution, Guid>
{
    public override Execution? Evolve(Execution? snapshot, Guid id, IEvent e) => ExecutionEvolution.Evolve(snapshot, e.Data);
}
