using Orchestrator.Contracts.Planning;

namespace Orchestrator.Executor.Executions;

/// <summary>The Executor learnt of a task it may be asked to run.</summary>
public sealed record ExecutionRegistered(Guid TaskId, Guid PlanId, DateTimeOffset At);

/// <summary>The Planner readied an attempt of the task; it waits for a free slot (interactive tasks start at once).</summary>
public sealed record AttemptQueued(
    Guid TaskId,
    Guid PlanId,
    int Attempt,
    Guid ConversationId,
    string Title,
    string Brief,
    TaskExecutionMode Mode,
    IReadOnlyList<string> ExpectedOutputs,
    IReadOnlyList<TaskInput> Inputs,
    DateTimeOffset ReadyAt,
    DateTimeOffset At);

/// <summary>The attempt got its slot and runs; an interactive one waits for the person.</summary>
public sealed record AttemptStarted(Guid TaskId, Guid PlanId, int Attempt, bool WaitingForPerson, DateTimeOffset At);

/// <summary>A turn was asked of the Conversation service (again, with the same id, when its lease ran out).</summary>
public sealed record TurnRequested(Guid TaskId, Guid PlanId, Guid ConversationId, Guid TurnId, int Number, string? Instruction, bool AllowInputRequest, DateTimeOffset At);

/// <summary>A turn will be asked for at <paramref name="DueAt"/>: the backoff after a transient failure.</summary>
public sealed record TurnScheduled(Guid TaskId, Guid TurnId, int Number, string? Instruction, bool AllowInputRequest, DateTimeOffset DueAt, DateTimeOffset At);

/// <summary>A turn's reply arrived, with its tokens and what its model call cost in US dollars.</summary>
public sealed record TurnCompleted(Guid TaskId, Guid TurnId, string Reply, long Tokens, double LatencyMs, string? PromptVersionId, DateTimeOffset At, decimal CostUsd = 0m);

public sealed record TurnFailed(Guid TaskId, Guid TurnId, string Reason, bool Transient, DateTimeOffset At);

/// <summary>A hybrid task asked the person a question.</summary>
public sealed record InputRequested(Guid TaskId, Guid PlanId, Guid ConversationId, string Question, DateTimeOffset At);

public sealed record ExecutionResumed(Guid TaskId, Guid PlanId, DateTimeOffset At);

/// <summary>The task is done; <paramref name="Tokens"/> and <paramref name="CostUsd"/> are what every turn of every attempt used and cost.</summary>
public sealed record ExecutionCompleted(
    Guid TaskId, Guid PlanId, string Summary, string Result, int Attempts, long Tokens, string? PromptVersionId, DateTimeOffset At, decimal CostUsd = 0m);

/// <summary>
/// The attempt failed for good; <paramref name="Mode"/> and <paramref name="ConversationId"/> (null in events written before them) say
/// what ran where, <paramref name="Tokens"/> and <paramref name="CostUsd"/> what every turn so far used and cost.
/// </summary>
public sealed record ExecutionFailed(
    Guid TaskId, Guid PlanId, string Reason, int Attempts, string? PromptVersionId, DateTimeOffset At, TaskExecutionMode? Mode = null, Guid? ConversationId = null,
    long Tokens = 0, decimal CostUsd = 0m);

/// <summary>The person asked to run the failed task again; the Planner readies a new attempt.</summary>
public sealed record ExecutionRetryRequested(Guid TaskId, Guid PlanId, DateTimeOffset At);

/// <summary>The task was cancelled, by the Planner or by the person through the Executor's route.</summary>
public sealed record ExecutionCancelled(Guid TaskId, Guid PlanId, string Reason, bool ByPerson, DateTimeOffset At);

public enum ExecutionStatus
{
    Pending,
    Queued,
    Running,
    Active,
    AwaitingInput,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>What the current attempt runs: the task as the Planner readied it.</summary>
public sealed record AttemptSpec(
    Guid ConversationId,
    string Title,
    string Brief,
    TaskExecutionMode Mode,
    IReadOnlyList<string> ExpectedOutputs,
    IReadOnlyList<TaskInput> Inputs,
    DateTimeOffset ReadyAt,
    DateTimeOffset QueuedAt);

/// <summary>The turn the execution waits for; <see cref="RequestedAt"/> is null while its backoff runs.</summary>
public sealed record OutstandingTurn(Guid TurnId, int Number, string? Instruction, bool AllowInputRequest, DateTimeOffset DueAt, DateTimeOffset? RequestedAt);

/// <summary>The state of one task's execution stream: attempts, turns, timings, tokens, outcome.</summary>
public sealed record Execution(
    Guid Id,
    Guid PlanId,
    ExecutionStatus Status,
    int Attempts,
    DateTimeOffset RegisteredAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? CompletedAt,
    long Tokens)
{
    public AttemptSpec? Spec { get; init; }

    /// <summary>Turns completed in the current attempt.</summary>
    public int Turns { get; init; }

    public int TotalTurns { get; init; }

    public OutstandingTurn? Turn { get; init; }

    /// <summary>Transient failures of the outstanding turn so far.</summary>
    public int TurnRetries { get; init; }

    /// <summary>The model's replies in the current attempt, oldest first.</summary>
    public IReadOnlyList<string> Replies { get; init; } = [];

    public string? Question { get; init; }

    public string? Summary { get; init; }

    public string? LastError { get; init; }

    public bool RetryRequested { get; init; }

    public string? PromptVersionId { get; init; }

    /// <summary>What every turn of every attempt cost in US dollars.</summary>
    public decimal CostUsd { get; init; }

    public bool IsFinished => Status is ExecutionStatus.Completed or ExecutionStatus.Failed or ExecutionStatus.Cancelled;
}

/// <summary>How each domain event changes an execution.</summary>
public static class ExecutionEvolution
{
    public static Execution? Evolve(Execution? state, object @event) => (state, @event) switch
    {
        (null, ExecutionRegistered e) => new Execution(e.TaskId, e.PlanId, ExecutionStatus.Pending, 0, e.At, null, null, 0),
        (_, ExecutionRegistered) => state,
        (_, AttemptQueued e) => (state ?? new Execution(e.TaskId, e.PlanId, ExecutionStatus.Pending, 0, e.At, null, null, 0)) with
        {
            Status = ExecutionStatus.Queued,
            Attempts = e.Attempt,
            Spec = new AttemptSpec(e.ConversationId, e.Title, e.Brief, e.Mode, e.ExpectedOutputs, e.Inputs, e.ReadyAt, e.At),
            StartedAt = null,
            CompletedAt = null,
            Turns = 0,
            Turn = null,
            TurnRetries = 0,
            Replies = [],
            Question = null,
            Summary = null,
            LastError = null,
            RetryRequested = false,
        },
        (not null, AttemptStarted e) => state with { Status = e.WaitingForPerson ? ExecutionStatus.Active : ExecutionStatus.Running, StartedAt = e.At },
        (not null, TurnRequested e) => state with
        {
            Turn = new OutstandingTurn(e.TurnId, e.Number, e.Instruction, e.AllowInputRequest, state.Turn?.TurnId == e.TurnId ? state.Turn.DueAt : e.At, e.At),
            TurnRetries = state.Turn?.Number == e.Number ? state.TurnRetries : 0,
        },
        (not null, TurnScheduled e) => state with
        {
            Turn = new OutstandingTurn(e.TurnId, e.Number, e.Instruction, e.AllowInputRequest, e.DueAt, null),
            TurnRetries = state.TurnRetries + 1,
        },
        (not null, TurnCompleted e) => state with
        {
            Turn = null,
            Turns = state.Turns + 1,
            TotalTurns = state.TotalTurns + 1,
            Tokens = state.Tokens + e.Tokens,
            CostUsd = state.CostUsd + e.CostUsd,
            Replies = [.. state.Replies, e.Reply],
            PromptVersionId = e.PromptVersionId ?? state.PromptVersionId,
        },
        (not null, TurnFailed e) => state with { Turn = null, LastError = e.Reason },
        (not null, InputRequested e) => state with { Status = ExecutionStatus.AwaitingInput, Question = e.Question },
        (not null, ExecutionResumed) => state with { Status = ExecutionStatus.Running, Question = null },
        (not null, ExecutionCompleted e) => state with { Status = ExecutionStatus.Completed, CompletedAt = e.At, Summary = e.Summary, Turn = null },
        (not null, ExecutionFailed e) => state with { Status = ExecutionStatus.Failed, CompletedAt = e.At, LastError = e.Reason, Turn = null },
        (not null, ExecutionRetryRequested) => state with { RetryRequested = true },
        (not null, ExecutionCancelled e) => state with { Status = ExecutionStatus.Cancelled, CompletedAt = e.At, LastError = e.Reason, Turn = null },
        _ => state,
    };

    public static Execution? Fold(Execution? state, IEnumerable<object> events) => events.Aggregate(state, Evolve);
}
