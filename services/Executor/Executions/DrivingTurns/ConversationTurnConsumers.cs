using Marten;
using MassTransit;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Eventing;
using Orchestrator.Executor.Executions.Scheduling;

namespace Orchestrator.Executor.Executions.DrivingTurns;

/// <summary>
/// A turn's reply drives the task on: the next turn, a question to the person, or completion. A reply
/// for a turn the execution no longer waits for (a duplicate, a cancelled or finished task) is ignored.
/// </summary>
public sealed class ConversationTurnCompletedConsumer(
    IDocumentStore store, TimeProvider clock, ExecutorSettings settings, SchedulerSignal signal, ILogger<ConversationTurnCompletedConsumer> logger)
    : IdempotentConsumer<ConversationTurnCompletedIntegrationEvent>(store, logger)
{
    protected override Guid? StreamOf(ConversationTurnCompletedIntegrationEvent message) => message.TaskId;

    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<ConversationTurnCompletedIntegrationEvent> context)
    {
        var turn = context.Message;
        var events = await ExecutionStream.AppendAsync(session, turn.TaskId,
            state => state is null ? [] : ExecutionDecisions.TurnSucceeded(state, turn, settings.MaxTurns, Guid.NewGuid(), clock.GetUtcNow()),
            context.CancellationToken);
        if (events.Count == 0)
        {
            logger.LogInformation("Reply to turn {TurnId} of task {TaskId} ignored: the execution no longer waits for it", turn.TurnId, turn.TaskId);
            return;
        }

        session.Listeners.Add(signal.AfterCommit);
    }
}

/// <summary>A failed turn is retried after a backoff with jitter when transient; otherwise the task fails.</summary>
public sealed class ConversationTurnFailedConsumer(
    IDocumentStore store, TimeProvider clock, ExecutorSettings settings, SchedulerSignal signal, ILogger<ConversationTurnFailedConsumer> logger)
    : IdempotentConsumer<ConversationTurnFailedIntegrationEvent>(store, logger)
{
    protected override Guid? StreamOf(ConversationTurnFailedIntegrationEvent message) => message.TaskId;

    protected override async Task HandleAsync(IDocumentSession session, ConsumeContext<ConversationTurnFailedIntegrationEvent> context)
    {
        var turn = context.Message;
        var events = await ExecutionStream.AppendAsync(session, turn.TaskId,
            state => state is null
                ? []
                : ExecutionDecisions.TurnFailed(state, turn, settings.MaxTurnRetries, settings.TurnRetryDelay, Random.Shared.NextDouble(), Guid.NewGuid(), clock.GetUtcNow()),
            context.CancellationToken);
        if (events.Count == 0)
        {
            logger.LogInformation("Failure of turn {TurnId} of task {TaskId} ignored: the execution no longer waits for it", turn.TurnId, turn.TaskId);
            return;
        }

        session.Listeners.Add(signal.AfterCommit);
    }
}
