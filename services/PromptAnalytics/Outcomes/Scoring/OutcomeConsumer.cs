using Marten;
using MassTransit;
using Orchestrator.Eventing;

namespace Orchestrator.PromptAnalytics.Outcomes.Scoring;

/// <summary>
/// Scores one kind of integration event as outcomes. The outcome's id is derived from the message id, so a
/// redelivery that slips past the processed-message check still cannot record the outcome twice.
/// </summary>
public abstract class OutcomeConsumer<TMessage>(IDocumentStore store, ILogger logger) : IdempotentConsumer<TMessage>(store, logger)
    where TMessage : class
{
    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<TMessage> context)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId ?? throw new InvalidOperationException($"{typeof(TMessage).Name} arrived without a message id.");
        foreach (var observation in Observe(context.Message, messageId))
        {
            await OutcomeRecorder.RecordAsync(session, observation, context.CancellationToken);
        }
    }

    /// <summary>What the message says about prompt outcomes; pure.</summary>
    public abstract IEnumerable<Observation> Observe(TMessage message, Guid messageId);
}
