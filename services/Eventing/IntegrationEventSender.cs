using System.Diagnostics;
using JasperFx.Events;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Eventing;

/// <summary>
/// Puts the integration event of one appended domain event on the bus, the same way on both paths that do it
/// (<see cref="DispatchOnCommitListener"/> right after the commit, <see cref="IntegrationEventRelay"/> as the
/// backstop): the message id is the event id, and the message is sent inside a producer activity that continues
/// the trace recorded on its event (<see cref="EventTraceContext"/>), so consumers see one message and one trace.
/// </summary>
public sealed class IntegrationEventSender(IBus bus, IIntegrationEventMap map, ILogger<IntegrationEventSender> logger)
{
    /// <summary>Whether <paramref name="event"/> goes on the bus at all.</summary>
    public bool IsRelayed(IEvent @event) => map.Map(@event) is not null;

    /// <summary>Publishes (or sends) the integration event of <paramref name="event"/>; false when it stays inside the service.</summary>
    public async Task<bool> SendAsync(IEvent @event, string path, CancellationToken cancellationToken)
    {
        if (map.Map(@event) is not { } message)
        {
            return false;
        }

        var destination = message is SendTo target ? target.Message.GetType().Name : message.GetType().Name;
        using var activity = EventTraceContext.StartActivity($"relay {destination}", ActivityKind.Producer, @event);
        activity?.SetTag("messaging.message.id", @event.Id.ToString());
        activity?.SetTag("orchestrator.event.sequence", @event.Sequence);
        activity?.SetTag("orchestrator.relay.path", path);
        if (message is SendTo send)
        {
            var endpoint = await bus.GetSendEndpoint(send.Destination);
            await endpoint.Send(send.Message, send.Message.GetType(), context => context.MessageId = @event.Id, cancellationToken);
            message = send.Message;
        }
        else
        {
            await bus.Publish(message, message.GetType(), context => context.MessageId = @event.Id, cancellationToken);
        }

        logger.LogDebug("Relayed {MessageType} for event {Sequence} ({Path})", message.GetType().Name, @event.Sequence, path);
        return true;
    }
}
