using JasperFx.Events;
using Orchestrator.Eventing;

namespace Orchestrator.PromptAnalytics.Messaging;

/// <summary>PromptAnalytics' domain events that other services hear about.</summary>
public sealed class PromptAnalyticsIntegrationEvents : IIntegrationEventMap
{
    public object? Map(IEvent @event) => null;
}
