using Marten;
using MassTransit;
using Orchestrator.Contracts.Execution;
using Orchestrator.Eventing;
using Orchestrator.PromptAnalytics.Library;

namespace Orchestrator.PromptAnalytics.Failures.Recording;

/// <summary>Records a failed task's normalised reason; the decision is pure, the stream is the failure's own.</summary>
public static class RecordFailureDecision
{
    /// <summary>A failure already recorded (a redelivery) changes nothing; otherwise its reason is normalised and classified.</summary>
    public static Decision Decide(FailureRecord? recorded, TaskFailedIntegrationEvent message, Guid failureId)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (recorded is not null)
        {
            return Decision.Unchanged;
        }

        var mode = message.Mode is { } known ? ApiJson.Word(known) : "unknown";
        return Decision.Accept(new TaskFailureRecorded(
            failureId, message.PlanId, message.TaskId, message.ConversationId, FailureReasons.Classify(message.Reason),
            FailureReasons.Normalise(message.Reason), message.PromptVersionId, mode, message.At));
    }
}

/// <summary>
/// Hears every failed task so its reason joins a failure pattern. A consumer of its own beside the outcome scoring, so
/// a failure is grouped even when scoring it as an outcome fails, and the other way round.
/// </summary>
public sealed class TaskFailedGroupingConsumer(IDocumentStore store, ILogger<TaskFailedGroupingConsumer> logger)
    : IdempotentConsumer<TaskFailedIntegrationEvent>(store, logger)
{
    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<TaskFailedIntegrationEvent> context)
    {
        ArgumentNullException.ThrowIfNull(session);
        ArgumentNullException.ThrowIfNull(context);
        var messageId = context.MessageId ?? throw new InvalidOperationException("A failed task arrived without a message id.");
        // Its own id, derived from the message's: the same message is scored as an outcome in a stream named by the message id itself.
        var failureId = DeterministicGuid.From($"failure/{messageId:N}");
        var stream = await session.OpenAsync<FailureRecord>(failureId, $"failure {failureId}", FailureRecordEvolution.Evolve, context.CancellationToken);
        EventStreamWriter.Decide(stream, recorded => RecordFailureDecision.Decide(recorded, context.Message, failureId));
    }
}
