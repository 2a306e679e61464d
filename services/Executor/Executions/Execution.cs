namespace Orchestrator.Executor.Executions;

/// <summary>The Executor learnt of a task it may be asked to run.</summary>
public sealed record ExecutionRegistered(Guid TaskId, Guid PlanId, DateTimeOffset At);

public enum ExecutionStatus
{
    Pending,
    Running,
    AwaitingInput,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>The state of one task's execution stream: attempts, timings, tokens, outcome.</summary>
public sealed record Execution(
    Guid Id,
    Guid PlanId,
    ExecutionStatus Status,
    int Attempts,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    long Tokens);

/// <summary>How each domain event changes an execution.</summary>
public static class ExecutionEvolution
{
    public static Execution? Evolve(Execution? state, object @event) => @event switch
    {
        ExecutionRegistered e => state ?? new Execution(e.TaskId, e.PlanId, ExecutionStatus.Pending, 0, e.At, null, null, 0),
        _ => state,
    };
}
