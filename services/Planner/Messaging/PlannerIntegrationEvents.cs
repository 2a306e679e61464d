using JasperFx.Events;
using Orchestrator.Contracts.Planning;
using Orchestrator.Eventing;
using Orchestrator.Planner.Plans;
using Orchestrator.Planner.Plans.Progressing;

namespace Orchestrator.Planner.Messaging;

/// <summary>The Planner's domain events that other services hear about.</summary>
public sealed class PlannerIntegrationEvents : IIntegrationEventMap
{
    public object? Map(IEvent @event) => @event.Data switch
    {
        PlanCreated e => new PlanCreatedIntegrationEvent(e.PlanId, e.Title, e.Request, e.RootTaskId, e.RootConversationId, e.At),
        TaskAdded e => new TaskBriefedIntegrationEvent(e.PlanId, e.TaskId, e.ConversationId, e.ParentId, e.Title, e.Objective, Mode(e.Mode), e.ExpectedOutputs, e.At),
        // Edits recorded before they named the task's conversation cannot reach it; the brief goes out again when the task is readied.
        TaskEdited { ConversationId: var conversation } e when conversation != Guid.Empty =>
            new TaskBriefedIntegrationEvent(e.PlanId, e.TaskId, conversation, e.ParentId, e.Title, e.Objective, Mode(e.Mode), e.ExpectedOutputs, e.At),
        PlanApproved e => new PlanApprovedIntegrationEvent(e.PlanId, e.EditsBeforeApproval, e.DecompositionPromptVersionId, e.At),
        DecompositionDiscarded e => new PlanRejectedIntegrationEvent(e.PlanId, e.TaskId, e.PromptVersionId, e.Reason, e.At),
        PlanFinished e => new PlanFinishedIntegrationEvent(e.PlanId, ApiJson.Word(e.Status), e.DecompositionPromptVersionId, e.At, e.Clean),
        PlanRated e => new PlanRatedIntegrationEvent(e.PlanId, e.Score, e.PreviousScore, e.FinishedClean, e.DecompositionPromptVersionId, e.At),
        TaskReadied e => new TaskReadyIntegrationEvent(e.PlanId, e.TaskId, e.ConversationId, e.Title, e.Brief, Mode(e.Mode), e.ExpectedOutputs,
            e.Inputs.Select(i => new TaskInput(i.TaskId, i.Title, i.Content, Source(i.Source))).ToList(), e.Attempt, e.At),
        // Sent by the relay like an event is published, so a crash right after the last subtask's completion cannot lose it.
        AggregationRequested e => new SendTo(AggregateParentQueue, new AggregateParent(e.PlanId, e.TaskId, e.At)),
        TaskCancelled e => new TaskCancelledIntegrationEvent(e.PlanId, e.TaskId, e.Reason, e.At),
        // The task's own run stops (the Executor ends the attempt, the Conversation its turns); the task itself goes on in its subtasks.
        TaskWaitingForSubtasks e => new TaskCancelledIntegrationEvent(e.PlanId, e.TaskId, WaitingForSubtasksReason, e.At),
        _ => null,
    };

    private static readonly Uri AggregateParentQueue = new($"queue:{AggregateParentConsumer.Queue}");

    public const string WaitingForSubtasksReason = "Its work goes on in the subtasks it was split into; it completes with their combined results.";

    private static TaskExecutionMode Mode(TaskMode mode) => mode switch
    {
        TaskMode.Autonomous => TaskExecutionMode.Autonomous,
        TaskMode.Hybrid => TaskExecutionMode.Hybrid,
        _ => TaskExecutionMode.Interactive,
    };

    private static TaskInputSource Source(string source) => source switch
    {
        "parent" => TaskInputSource.Parent,
        "child" => TaskInputSource.Child,
        _ => TaskInputSource.Dependency,
    };
}
