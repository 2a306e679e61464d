using MassTransit;

namespace Orchestrator.IntegrationTests;

/// <summary>
/// Counts every delivery of <typeparamref name="TMessage"/> that a consumer finished, duplicates included: the test harness's own
/// list of consumed messages keeps one entry per message id.
/// </summary>
internal sealed class ConsumedCounter<TMessage> : IConsumeMessageObserver<TMessage> where TMessage : class
{
    private int _count;

    public int Count => Volatile.Read(ref _count);

    /// <summary>Waits until <paramref name="count"/> deliveries have been consumed.</summary>
    public Task WaitForAsync(int count) =>
        Orchestrator.Testing.Eventually.GetAsync(() => Task.FromResult(Count >= count ? "consumed" : null), TimeSpan.FromSeconds(30), $"{count} deliveries consumed");

    public Task PreConsume(ConsumeContext<TMessage> context) => Task.CompletedTask;

    public Task PostConsume(ConsumeContext<TMessage> context)
    {
        Interlocked.Increment(ref _count);
        return Task.CompletedTask;
    }

    public Task ConsumeFault(ConsumeContext<TMessage> context, Exception exception) => Task.CompletedTask;
}
