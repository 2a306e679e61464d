using Marten;
using JasperFx;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Eventing;

/// <summary>
/// A consumer whose effect happens once per message id, however often the broker delivers it (<see cref="HandledMessages"/>):
/// the handled id is inserted in the same Marten transaction as the effect, so a redelivery finds it and
/// a concurrent duplicate fails on the key and rolls its effect back. A consumer that names the stream
/// it writes (<see cref="StreamOf"/>) takes that stream's turn in the <see cref="StreamGate"/> first.
/// </summary>
public abstract class IdempotentConsumer<TMessage>(IDocumentStore store, ILogger logger) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        using var prepared = await PrepareAsync(context);
        if (StreamOf(context.Message) is not { } streamId)
        {
            await ConsumeOnceAsync(context);
            return;
        }

        using var turn = await context.GetServiceOrCreateInstance<StreamGate>().EnterAsync(streamId, context.CancellationToken);
        await ConsumeOnceAsync(context);
    }

    /// <summary>The stream this message writes to, when writers of one stream should take turns; null when they need not.</summary>
    protected virtual Guid? StreamOf(TMessage message) => null;

    /// <summary>
    /// Slow work that needs no turn on the stream (a model call), done before waiting for it so that the stream's other
    /// writers do not wait for it either. It runs for every delivery, duplicates included: it should find for itself when
    /// there is nothing to do, and <see cref="HandleAsync"/> decides again on the stream as it stands in its turn. What it returns
    /// is disposed once the delivery is handled: a turn of its own, say, that makes copies of one message prepare one after the other.
    /// </summary>
    protected virtual Task<IDisposable?> PrepareAsync(ConsumeContext<TMessage> context) => Task.FromResult<IDisposable?>(null);

    private async Task ConsumeOnceAsync(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id.");
        Delivery[] delivery = [new(ConsumerName, typeof(TMessage).Name, messageId)];

        await using var session = store.LightweightSession();
        if ((await HandledMessages.FirstTimeAsync(session, delivery, logger, context.CancellationToken)).Count == 0)
        {
            return;
        }

        await HandleAsync(session, context);
        HandledMessages.Record(session, delivery, DateTimeOffset.UtcNow);
        try
        {
            await session.SaveChangesAsync(context.CancellationToken);
            HandledMessages.Committed(delivery);
        }
        catch (DocumentAlreadyExistsException)
        {
            logger.LogInformation("{Consumer} lost a race with a concurrent delivery of {MessageId}; its effect stands", GetType().Name, messageId);
            EventingMetrics.Duplicates.Add(1, new KeyValuePair<string, object?>("consumer", ConsumerName));
        }
    }

    protected ILogger Logger => logger;

    /// <summary>The store the consumer records its effects in, for reads before its turn (<see cref="PrepareAsync"/>).</summary>
    protected IDocumentStore Store => store;

    /// <summary>The consumer's name in keys, logs and metrics: its full type name, unique across services.</summary>
    private string ConsumerName => GetType().FullName ?? GetType().Name;

    /// <summary>Records the message's effect in <paramref name="session"/>; the base class saves it.</summary>
    protected abstract Task HandleAsync(IDocumentSession session, ConsumeContext<TMessage> context);
}
