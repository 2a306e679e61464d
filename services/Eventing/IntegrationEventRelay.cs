using System.Diagnostics;
using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Eventing;

/// <summary>Maps a service's domain events to the integration events it publishes.</summary>
public interface IIntegrationEventMap
{
    /// <summary>
    /// The integration event for <paramref name="event"/>, or null when it stays inside the service.
    /// A <see cref="SendTo"/> sends a command to one queue instead of publishing.
    /// </summary>
    object? Map(IEvent @event);
}

/// <summary>A command the relay sends to <paramref name="Destination"/> (e.g. <c>queue:name</c>) rather than publishes.</summary>
public sealed record SendTo(Uri Destination, object Message);

/// <summary>
/// Marten subscription, run by the async daemon, that publishes the integration events of appended
/// domain events. The daemon checkpoints after each page, so a crash republishes at most one page;
/// the message id is the event id, which lets consumers drop the repeats. Each message is sent inside a
/// producer activity that continues the trace recorded on its event (<see cref="EventTraceContext"/>), so
/// the bus carries the originating request's trace on to the consumers.
/// </summary>
public sealed class IntegrationEventRelay : SubscriptionBase
{
    private readonly IBus _bus;
    private readonly IIntegrationEventMap _map;
    private readonly ILogger<IntegrationEventRelay> _logger;

    public IntegrationEventRelay(IBus bus, IIntegrationEventMap map, ILogger<IntegrationEventRelay> logger)
    {
        _bus = bus;
        _map = map;
        _logger = logger;
        Name = "integration-event-relay";
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        foreach (var @event in page.Events)
        {
            if (_map.Map(@event) is not { } message)
            {
                continue;
            }

            var destination = message is SendTo target ? target.Message.GetType().Name : message.GetType().Name;
            using var activity = EventTraceContext.StartActivity($"relay {destination}", ActivityKind.Producer, @event);
            activity?.SetTag("messaging.message.id", @event.Id.ToString());
            activity?.SetTag("orchestrator.event.sequence", @event.Sequence);
            if (message is SendTo send)
            {
                var endpoint = await _bus.GetSendEndpoint(send.Destination);
                await endpoint.Send(send.Message, send.Message.GetType(), context => context.MessageId = @event.Id, cancellationToken);
                message = send.Message;
            }
            else
            {
                await _bus.Publish(message, message.GetType(), context => context.MessageId = @event.Id, cancellationToken);
            }

            _logger.LogDebug("Relayed {MessageType} for event {Sequence}", message.GetType().Name, @event.Sequence);
        }

        return NullChangeListener.Instance;
    }
}
