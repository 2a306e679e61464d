using Marten;
using Microsoft.Extensions.Logging;

namespace Orchestrator.Eventing;

/// <summary>One delivery of a bus message to a consumer: what its <see cref="ProcessedMessage"/> is recorded under.</summary>
public sealed record Delivery(string Consumer, string MessageType, Guid MessageId)
{
    public string Key { get; } = ProcessedMessage.KeyFor(Consumer, MessageId);
}

/// <summary>
/// What makes a consumer idempotent, whether it handles one message per transaction (<see cref="IdempotentConsumer{TMessage}"/>)
/// or several together: the deliveries handled already are skipped, and each one handled is recorded as a
/// <see cref="ProcessedMessage"/> in the same transaction as its effects, so a redelivery finds it and a concurrent
/// duplicate fails on its key and rolls its effects back.
/// </summary>
public static class HandledMessages
{
    /// <summary>The deliveries handled for the first time, each key once; the others are logged and counted as duplicates.</summary>
    public static async Task<IReadOnlyList<Delivery>> FirstTimeAsync(IQuerySession session, IReadOnlyCollection<Delivery> deliveries, ILogger logger, CancellationToken ct)
    {
        var keys = deliveries.Select(d => d.Key).Distinct().ToArray();
        var handled = (await session.LoadManyAsync<ProcessedMessage>(ct, keys)).Select(m => m.Id).ToHashSet();
        foreach (var duplicate in deliveries.Where(d => handled.Contains(d.Key)))
        {
            Skipped(logger, duplicate);
        }

        return deliveries.Where(d => !handled.Contains(d.Key)).DistinctBy(d => d.Key).ToList();
    }

    /// <summary>Records <paramref name="deliveries"/> as handled in <paramref name="session"/>, to be saved with their effects.</summary>
    public static void Record(IDocumentSession session, IEnumerable<Delivery> deliveries, DateTimeOffset at)
    {
        foreach (var delivery in deliveries)
        {
            session.Insert(new ProcessedMessage(delivery.Key, delivery.Consumer, delivery.MessageType, at));
        }
    }

    /// <summary>Counts <paramref name="deliveries"/> as handled, once their transaction has committed.</summary>
    public static void Committed(IEnumerable<Delivery> deliveries)
    {
        foreach (var delivery in deliveries)
        {
            EventingMetrics.Handled.Add(1, new KeyValuePair<string, object?>("consumer", delivery.Consumer));
        }
    }

    /// <summary>Logs and counts a delivery whose effects were recorded by an earlier one.</summary>
    public static void Skipped(ILogger logger, Delivery delivery)
    {
        logger.LogInformation("{Consumer} skipped duplicate {MessageType} {MessageId}", delivery.Consumer, delivery.MessageType, delivery.MessageId);
        EventingMetrics.Duplicates.Add(1, new KeyValuePair<string, object?>("consumer", delivery.Consumer));
    }
}
