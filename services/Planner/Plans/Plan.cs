using System.Collections.Immutable;

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
    int Order,
    Guid ConversationId,
    string? Result);

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

    public bool Exists => Id != Guid.Empty;

    public PlanTask? Root => Tasks.Find(t => t.ParentId is null);
}

/// <summary>How each domain event changes a plan; the only code that builds a <see cref="Plan"/>.</summary>
public static class PlanEvolution
{
    /// <summary>Applies one domain event to the state.</summary>
    public static Plan Evolve(Plan state, object @event) => @event switch
    {
        PlanCreated e => new Plan(e.PlanId, e.Title, e.Request, PlanStatus.Draft, state.Version, e.At, e.At,
        [
            new PlanTask(e.RootTaskId, null, e.Title, e.Request, TaskMode.Interactive, TaskStatus.Pending, [], 0, e.RootConversationId, null),
        ]),
        _ => state,
    };
}
