using JasperFx.Events;
using Orchestrator.Contracts.Planning;
using Orchestrator.Eventing;
using Orchestrator.Planner.Plans;

namespace Orchestrator.Planner.Messaging;

/// <summary>The Planner's domain events that other services hear about.</summary>
public sealed class PlannerIntegrationEvents : IIntegrationEventMap
{
    public object? Map(IEvent @event) => @event.Data switch
    {
        PlanCreated e => new PlanCreatedIntegrationEvent(e.PlanId, e.Title, e.Request, e.RootTaskId, e.RootConversationId, e.At),
        _ => null,
    };
}
