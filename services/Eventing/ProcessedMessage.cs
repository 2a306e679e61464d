namespace Orchestrator.Eventing;

/// <summary>Marks a bus message as handled by one consumer; stored in the same transaction as the consumer's effects.</summary>
public sealed record ProcessedMessage(string Id, string Consumer, string MessageType, DateTimeOffset At)
{
    public static string KeyFor(string consumer, Guid messageId) => $"{consumer}:{messageId:N}";
}
