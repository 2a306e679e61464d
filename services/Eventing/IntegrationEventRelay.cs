using JasperFx.Events;
using JasperFx.Events.Daemon;
using JasperFx.Events.Projections;
using Marten;
using Marten.Subscriptions;

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
/// Marten subscription, run by the async daemon, that is the durable backstop of publishing: it publishes the
/// integration event of every appended domain event that <see cref="DispatchOnCommitListener"/> did not put on the
/// bus right after its commit (the process died in between, or the broker failed it). It waits until each page's
/// events are <see cref="EventStoreSettings.RelayDelay"/> old, so the fast path has published and marked them
/// (<see cref="DispatchedEvent"/>), skips the marked ones and deletes their marks with its progress. The daemon
/// checkpoints after each page, so a crash republishes at most one page; the message id is the event id on both
/// paths, which lets consumers drop the repeats.
/// </summary>
public sealed class IntegrationEventRelay : SubscriptionBase
{
    private readonly IntegrationEventSender _sender;
    private readonly EventStoreSettings _settings;
    private readonly TimeProvider _clock;

    public IntegrationEventRelay(IntegrationEventSender sender, EventStoreSettings settings, TimeProvider clock)
    {
        _sender = sender;
        _settings = settings;
        _clock = clock;
        Name = "integration-event-relay";
    }

    public override async Task<IChangeListener> ProcessEventsAsync(
        EventRange page, ISubscriptionController controller, IDocumentOperations operations, CancellationToken cancellationToken)
    {
        var relayed = page.Events.Where(_sender.IsRelayed).ToList();
        if (relayed.Count == 0)
        {
            return NullChangeListener.Instance;
        }

        var wait = relayed.Max(e => e.Timestamp) + _settings.RelayDelay - _clock.GetUtcNow();
        if (wait > TimeSpan.Zero)
        {
            await Task.Delay(wait, _clock, cancellationToken);
        }

        var dispatched = (await operations.LoadManyAsync<DispatchedEvent>(cancellationToken, relayed.Select(e => e.Id).ToArray()))
            .Select(d => d.Id).ToHashSet();
        foreach (var @event in relayed)
        {
            if (dispatched.Contains(@event.Id))
            {
                operations.Delete<DispatchedEvent>(@event.Id);
                continue;
            }

            await _sender.SendAsync(@event, "relay", cancellationToken);
        }

        // Marks written after their page went by would stay forever.
        var stale = _clock.GetUtcNow() - TimeSpan.FromHours(1);
        operations.DeleteWhere<DispatchedEvent>(d => d.At < stale);
        return NullChangeListener.Instance;
    }
}
