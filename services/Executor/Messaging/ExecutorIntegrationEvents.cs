using JasperFx.Events;
using Orchestrator.Eventing;

namespace Orchestrator.Executor.Messaging;

/// <summary>The Executor's domain events that other services hear about.</summary>
public sealed class ExecutorIntegrationEvents : IIntegrationEventMap
{
    public object? Map(IEvent @event) => null;
}
