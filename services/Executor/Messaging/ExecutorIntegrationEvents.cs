using JasperFx.Events;
using Orchestrator.Contracts.Conversations;
using Orchestrator.Contracts.Execution;
using Orchestrator.Eventing;
using Orchestrator.Executor.Executions;

namespace Orchestrator.Executor.Messaging;

/// <summary>
/// The Executor's domain events that other services hear about. A requested turn becomes the
/// <see cref="RunConversationTurn"/> command, sent by the relay like an event is published, so a crash
/// right after the append cannot lose it.
/// </summary>
public sealed class ExecutorIntegrationEvents(ExecutorSettings settings) : IIntegrationEventMap
{
    private readonly Uri _turnQueue = new($"queue:{settings.ConversationTurnQueue}");

    public object? Map(IEvent @event) => @event.Data switch
    {
        AttemptStarted e => new TaskStartedIntegrationEvent(e.PlanId, e.TaskId, e.Attempt, e.WaitingForPerson, e.At),
        TurnRequested e => new SendTo(_turnQueue, new RunConversationTurn(e.TurnId, e.ConversationId, e.TaskId, e.PlanId, e.Instruction, e.AllowInputRequest, e.At)),
        InputRequested e => new TaskInputRequestedIntegrationEvent(e.PlanId, e.TaskId, e.ConversationId, e.Question, e.At),
        ExecutionResumed e => new TaskResumedIntegrationEvent(e.PlanId, e.TaskId, e.At),
        ExecutionCompleted e => new TaskCompletedIntegrationEvent(e.PlanId, e.TaskId, e.Summary, e.Result, e.Attempts, e.Tokens, e.PromptVersionId, e.At, e.CostUsd),
        ExecutionFailed e => new TaskFailedIntegrationEvent(e.PlanId, e.TaskId, e.Reason, e.Attempts, e.PromptVersionId, e.At, e.Mode, e.ConversationId, e.Tokens, e.CostUsd),
        ExecutionRetryRequested e => new TaskRetryRequestedIntegrationEvent(e.PlanId, e.TaskId, e.At),
        ExecutionCancelled { ByPerson: true } e => new TaskExecutionCancelledIntegrationEvent(e.PlanId, e.TaskId, e.Reason, e.At),
        _ => null,
    };
}
