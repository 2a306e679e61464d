using System.Text.Json;
using Orchestrator.Planner.Plans.Artifacts;

namespace Orchestrator.Planner.Plans;

/// <summary>Tokens used and what they cost in US dollars.</summary>
public sealed record CostView(long Tokens, decimal Usd)
{
    public static CostView Sum(IEnumerable<TaskView> tasks)
    {
        long tokens = 0;
        var usd = 0m;
        foreach (var task in tasks)
        {
            tokens += task.Cost.Tokens;
            usd += task.Cost.Usd;
        }

        return new(tokens, usd);
    }
}

/// <summary>A task as the API shows it; <see cref="Cost"/> is what its own model calls used and cost: its runs (or a parent's aggregation), decomposing it, and its chat with the person.</summary>
public sealed record TaskView(
    Guid Id,
    Guid? ParentId,
    string Title,
    string Objective,
    TaskMode Mode,
    TaskStatus Status,
    IReadOnlyList<Guid> DependsOn,
    IReadOnlyList<string> ExpectedOutputs,
    int Order,
    Guid ConversationId,
    string? Result,
    string? Summary,
    string? Problem,
    bool NeedsAttention,
    string? Question,
    int Attempts,
    bool Proposed,
    IReadOnlyList<ArtifactView> Artifacts,
    long Tokens,
    CostView Cost)
{
    /// <summary>
    /// The task as shown: a pending parent whose subtasks have started shows as active, so the tree
    /// says where work is happening. <paramref name="busyAncestors"/> holds every task with a started descendant.
    /// </summary>
    public static TaskView From(PlanTask t, IReadOnlySet<Guid> busyAncestors)
    {
        var status = t.Status == TaskStatus.Pending && busyAncestors.Contains(t.Id) ? TaskStatus.Active : t.Status;
        return new(t.Id, t.ParentId, t.Title, t.Objective, t.Mode, status, t.DependsOn, t.ExpectedOutputs, t.Order, t.ConversationId,
            t.Result, t.Summary, t.Problem, t.NeedsAttention, t.Question, t.Attempts, t.Proposed,
            t.Artifacts.IsDefaultOrEmpty ? [] : [.. t.Artifacts.Select(ArtifactView.From)], t.AllTokens, new CostView(t.AllTokens, t.AllCostUsd));
    }

    /// <summary>One task as shown; for many tasks of a plan compute <see cref="BusyAncestors"/> once.</summary>
    public static TaskView From(Plan plan, PlanTask t) =>
        From(t, plan.SubtreeOf(t.Id).Skip(1).Any(d => d.Status is not (TaskStatus.Pending or TaskStatus.Cancelled)) ? new HashSet<Guid> { t.Id } : new HashSet<Guid>());

    /// <summary>The tasks with a started (not pending, not cancelled) descendant: one walk up from each started task.</summary>
    public static IReadOnlySet<Guid> BusyAncestors(Plan plan)
    {
        var parents = plan.Tasks.ToDictionary(t => t.Id, t => t.ParentId);
        var busy = new HashSet<Guid>();
        foreach (var task in plan.Tasks.Where(t => t.Status is not (TaskStatus.Pending or TaskStatus.Cancelled)))
        {
            // Stop at an ancestor already marked: everything above it is marked too.
            for (var parent = task.ParentId; parent is { } id && busy.Add(id); parent = parents.GetValueOrDefault(id))
            {
            }
        }

        return busy;
    }
}

/// <summary>An artifact as a task lists it (its content has a route of its own).</summary>
public sealed record ArtifactView(Guid Id, string Name, string Kind, string? Language, int Version, bool Edited, string FileName)
{
    public static ArtifactView From(TaskArtifact a) => new(a.Id, a.Name, a.Kind, a.Language, a.Version, a.Edited, ArtifactFileNames.Of(a));
}

/// <summary>A plan as the API shows it: tasks as a flat list, the tree by parentId; <see cref="Cost"/> sums its tasks' costs.</summary>
public sealed record PlanView(
    Guid Id,
    string Title,
    string Request,
    PlanStatus Status,
    long Version,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    string? DecompositionPromptVersionId,
    IReadOnlyList<TaskView> Tasks,
    IReadOnlyList<Patterns.PatternRef> Patterns,
    PlanRating? Rating,
    CostView Cost)
{
    public static PlanView From(Plan p)
    {
        var busy = TaskView.BusyAncestors(p);
        var tasks = p.Tasks.OrderBy(t => t.ParentId is null ? 0 : 1).ThenBy(t => t.Order).Select(t => TaskView.From(t, busy)).ToList();
        return new(p.Id, p.Title, p.Request, p.Status, p.Version, p.CreatedAt, p.UpdatedAt, p.DecompositionPromptVersionId, tasks, p.Patterns, p.Rating, CostView.Sum(tasks));
    }
}

/// <summary>One line of the plan list.</summary>
public sealed record PlanSummary(Guid Id, string Title, PlanStatus Status, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, int Tasks);
