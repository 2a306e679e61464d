using JasperFx.Events;
using Marten;
using Marten.Services;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Eventing;

/// <summary>
/// The fast path of publishing: right after a session commits, puts the integration events of the events it
/// appended on the bus, so a hop between services waits for nothing but the commit. The events themselves are the
/// durable record: a crash (or a failed publish) between commit and dispatch leaves them to the
/// <see cref="IntegrationEventRelay"/>, which publishes with the same message id whatever has no
/// <see cref="DispatchedEvent"/> mark. A failure here never fails the caller, whose transaction has committed.
/// </summary>
internal sealed class DispatchOnCommitListener(IServiceProvider services) : DocumentSessionListenerBase
{
    // Resolved at the first commit: the bus and the ledger are built on the document store this listener is part of.
    private readonly Lazy<IntegrationEventSender> _sender = new(services.GetRequiredService<IntegrationEventSender>);
    private readonly Lazy<DispatchLedger> _ledger = new(services.GetRequiredService<DispatchLedger>);
    private readonly Lazy<ILogger> _logger = new(services.GetRequiredService<ILogger<DispatchOnCommitListener>>);

    public override async Task AfterCommitAsync(IDocumentSession session, IChangeSet commit, CancellationToken token)
    {
        // Sent side by side: the caller (a plan's writer holding its turn, the scheduler) waits for the slowest one
        // only. One commit's messages go to different queues or concern different tasks, so they have no order to keep.
        await Task.WhenAll(commit.GetEvents().Where(e => _sender.Value.IsRelayed(e)).Select(e => SendAsync(e, token)));
    }

    private async Task SendAsync(IEvent @event, CancellationToken token)
    {
        try
        {
            await _sender.Value.SendAsync(@event, "commit", token);
            _ledger.Value.Record(@event.Id);
        }
        catch (Exception e)
        {
            _logger.Value.LogWarning(e, "Publishing event {Sequence} right after its commit failed; the relay will publish it", @event.Sequence);
        }
    }
}
