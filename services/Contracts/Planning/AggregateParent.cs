namespace Orchestrator.Contracts.Planning;

/// <summary>
/// Command the Planner sends to itself when every subtask of task <paramref name="TaskId"/> has completed: combine their
/// results into the task's own result (a model call). Its message id is that of the event that asked for it, so a
/// redelivery is recognised.
/// </summary>
public sealed record AggregateParent(Guid PlanId, Guid TaskId, DateTimeOffset At);
