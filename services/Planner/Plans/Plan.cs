using System.Collections.Immutable;
using Orchestrator.Planner.Patterns;

namespace Orchestrator.Planner.Plans;

public enum PlanStatus
{
    Draft,
    Proposed,
    Running,
    Completed,
    Failed,
    Cancelled,
}

public enum TaskMode
{
    Interactive,
    Autonomous,
    Hybrid,
}

public enum TaskStatus
{
    Pending,
    Ready,
    Active,
    AwaitingInput,
    Completed,
    Failed,
    Cancelled,
}

/// <summary>One node of the task tree.</summary>
public sealed record PlanTask(
    Guid Id,
    Guid? ParentId,
    string Title,
    string Objective,
    TaskMode Mode,
    TaskStatus Status,
    ImmutableArray<Guid> DependsOn,
    ImmutableArray<string> ExpectedOutputs,
    int Order,
    Guid ConversationId,
    string? Result)
{
    /// <summary>A short summary of <see cref="Result"/>.</summary>
    public string? Summary { get; init; }

    /// <summary>Why the task failed, or why a parent needs the person's attention (a child failed).</summary>
    public string? Problem { get; init; }

    /// <summary>True when a child failed: the person should look at this task.</summary>
    public bool NeedsAttention { get; init; }

    /// <summary>
    /// A parent whose subtasks' results were asked to be combined (<see cref="AggregationRequested"/>) while it waits for them: the request
    /// is on its way or done. Cleared when the parent completes or fails.
    /// </summary>
    public bool AwaitsAggregation { get; init; }

    /// <summary>The question a hybrid task asked the person, while it waits for the answer.</summary>
    public string? Question { get; init; }

    /// <summary>How many times the task was readied to run.</summary>
    public int Attempts { get; init; }

    /// <summary>True when the task came from a decomposition that the person has not approved yet.</summary>
    public bool Proposed { get; init; }

    /// <summary>The tokens the task's own model calls used (its run, or for a parent its aggregation).</summary>
    public long Tokens { get; init; }

    /// <summary>What the task's own model calls cost in US dollars.</summary>
    public decimal CostUsd { get; init; }

    /// <summary>The tokens of the calls made for the task outside its runs: decomposing it, and its chat with the person.</summary>
    public long PlanningAndChatTokens { get; init; }

    /// <summary>What the calls made for the task outside its runs cost in US dollars.</summary>
    public decimal PlanningAndChatCostUsd { get; init; }

    /// <summary>Every model call's tokens made for the task: its runs, decomposing it and its chat.</summary>
    public long AllTokens => Tokens + PlanningAndChatTokens;

    /// <summary>What every model call made for the task cost in US dollars.</summary>
    public decimal AllCostUsd => CostUsd + PlanningAndChatCostUsd;

    /// <summary>The plan version that added the task: tasks are listed in the order they were added.</summary>
    public long Added { get; init; }

    /// <summary>What the task produced as named artifacts, each at its current version; empty until it completes.</summary>
    public ImmutableArray<TaskArtifact> Artifacts { get; init; } = [];

    /// <summary>When the task last started and completed, for the plan's report.</summary>
    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? CompletedAt { get; init; }

    public bool IsRunning => Status is TaskStatus.Active or TaskStatus.AwaitingInput;

    public bool IsFinished => Status is TaskStatus.Completed or TaskStatus.Cancelled;
}

/// <summary>The person's verdict on a finished plan: 1 (poor) to 5 (excellent).</summary>
public sealed record PlanRating(int Score, string? Comment, DateTimeOffset At);

/// <summary>
/// An artifact of a task at its current version; a task's first artifact is its whole result. <see cref="Start"/>/<see cref="Length"/> locate the original in the
/// task's result; <see cref="Edited"/> says the person changed it since the result was recorded.
/// </summary>
public sealed record TaskArtifact(Guid Id, string Name, string Kind, string? Language, int Version, string Content, int Start, int Length, bool Edited)
{
    public const string Markdown = "markdown";

    public const string Code = "code";
}

/// <summary>The state of a plan stream: the whole task tree. Built only by <see cref="PlanEvolution.Evolve"/>.</summary>
public sealed record Plan(
    Guid Id,
    string Title,
    string Request,
    PlanStatus Status,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    ImmutableList<PlanTask> Tasks)
{
    public static readonly Plan Initial = new(Guid.Empty, "", "", PlanStatus.Draft, 0, default, default, []);

    /// <summary>The prompt version of the latest decomposition, for analytics.</summary>
    public string? DecompositionPromptVersionId { get; init; }

    /// <summary>Changes the person made to the tree since the latest decomposition was proposed.</summary>
    public int EditsSinceProposal { get; init; }

    /// <summary>The gallery patterns the plan's decompositions were based on.</summary>
    public ImmutableArray<PatternRef> Patterns { get; init; } = [];

    /// <summary>The pattern the person chose to start from, adapted by the root's decomposition.</summary>
    public Guid? StartPatternId { get; init; }

    /// <summary>The person's verdict on the finished plan.</summary>
    public PlanRating? Rating { get; init; }

    [System.Text.Json.Serialization.JsonIgnore]
    public bool Exists => Id != Guid.Empty;

    [System.Text.Json.Serialization.JsonIgnore]
    public PlanTask Root => Tasks.Find(t => t.ParentId is null) ?? throw new InvalidOperationException($"Plan {Id} has no root task.");

    public PlanTask? Find(Guid taskId) => Tasks.Find(t => t.Id == taskId);

    public IEnumerable<PlanTask> ChildrenOf(Guid taskId) => Tasks.Where(t => t.ParentId == taskId).OrderBy(t => t.Order);

    public bool HasChildren(Guid taskId) => Tasks.Exists(t => t.ParentId == taskId);

    /// <summary>The task and every task below it, parents before children.</summary>
    public IEnumerable<PlanTask> SubtreeOf(Guid taskId)
    {
        if (Find(taskId) is not { } top)
        {
            yield break;
        }

        var queue = new Queue<PlanTask>([top]);
        while (queue.TryDequeue(out var task))
        {
            yield return task;
            foreach (var child in ChildrenOf(task.Id))
            {
                queue.Enqueue(child);
            }
        }
    }

    /// <summary>The task's ancestors, nearest first.</summary>
    public IEnumerable<PlanTask> AncestorsOf(Guid taskId)
    {
        var current = Find(taskId);
        while (current?.ParentId is { } parentId && Find(parentId) is { } parent)
        {
            yield return parent;
            current = parent;
        }
    }

    public bool IsAncestorOf(Guid ancestorId, Guid taskId) => AncestorsOf(taskId).Any(a => a.Id == ancestorId);

    internal Plan Replace(Guid taskId, Func<PlanTask, PlanTask> change)
    {
        var index = Tasks.FindIndex(t => t.Id == taskId);
        return index < 0 ? this : this with { Tasks = Tasks.SetItem(index, change(Tasks[index])) };
    }
}
