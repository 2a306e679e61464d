using System.Threading.Channels;
using Marten;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Eventing;

/// <summary>
/// Writes the <see cref="DispatchedEvent"/> marks of what the fast path published, in the background and many
/// in one transaction, so that a hop costs its sender no extra round trip. A mark that is lost (a crash, a failed
/// write) only makes the relay publish that message once more, which consumers drop as a duplicate.
/// </summary>
public sealed class DispatchLedger(IDocumentStore store, TimeProvider clock, ILogger<DispatchLedger> logger) : BackgroundService
{
    private const int MaxBatch = 500;

    private readonly Channel<Guid> _published = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Queues the mark of event <paramref name="eventId"/>, published on the fast path.</summary>
    public void Record(Guid eventId) => _published.Writer.TryWrite(eventId);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await _published.Reader.WaitToReadAsync(stoppingToken))
            {
                await WriteAsync(CancellationToken.None);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            await WriteAsync(CancellationToken.None);
        }
    }

    private async Task WriteAsync(CancellationToken ct)
    {
        var batch = new List<DispatchedEvent>();
        var now = clock.GetUtcNow();
        while (batch.Count < MaxBatch && _published.Reader.TryRead(out var id))
        {
            batch.Add(new DispatchedEvent(id, now));
        }

        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await using var session = store.LightweightSession();
            session.Store(batch.ToArray());
            await session.SaveChangesAsync(ct);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not mark {Count} dispatched events; the relay will publish them again", batch.Count);
        }
    }
}
