using System.Collections.Immutable;

namespace Orchestrator.Planner.Plans;

/// <summary>How each domain event changes a plan; the only code that builds a <see cref="Plan"/>.</summary>
public static class PlanEvolution
{
    /// <summary>Applies one domain event to the state.</summary>
    public static Plan Evolve(Plan state, object @event)
    {
        var next = Apply(state, @event);
        return @event is IPlanEvent e and not PlanCreated ? next with { UpdatedAt = e.At } : next;
    }

    private static Plan Apply(Plan state, object @event) => @event switch
    {
        PlanCreated e => new Plan(e.PlanId, e.Title, e.Request, PlanStatus.Draft, state.Version, e.At, e.At,
        [
            new PlanTask(e.RootTaskId, null, e.Title, e.Request, TaskMode.Interactive, TaskStatus.Pending, [], [], 0, e.RootConversationId, null),
        ]),

        TaskAdded e => CountEdit(state, e.Origin != TaskOrigin.Decomposition) with
        {
            Tasks = Reorder(state.Tasks.Add(new PlanTask(
                e.TaskId, e.ParentId, e.Title, e.Objective, e.Mode, TaskStatus.Pending, [.. e.DependsOn], [.. e.ExpectedOutputs], e.Order, e.ConversationId, null)
            {
                Proposed = e.Origin == TaskOrigin.Decomposition && state.Status != PlanStatus.Running,
            }), e.ParentId, e.TaskId, e.Order),
        },

        TaskEdited e => CountEdit(state, true).Replace(e.TaskId, t => t with
        {
            Title = e.Title,
            Objective = e.Objective,
            Mode = e.Mode,
            DependsOn = [.. e.DependsOn],
            ExpectedOutputs = [.. e.ExpectedOutputs],
        }),

        TaskMoved e => CountEdit(state, true) with
        {
            Tasks = Reorder(state.Tasks.Select(t => t.Id == e.TaskId ? t with { ParentId = e.ParentId } : t).ToImmutableList(), e.ParentId, e.TaskId, e.Index),
        },

        SubtreeDeleted e => CountEdit(state, true) with
        {
            Tasks = Renumber(state.Tasks
                .Where(t => !e.RemovedTaskIds.Contains(t.Id))
                .Select(t => t.DependsOn.Any(e.RemovedTaskIds.Contains) ? t with { DependsOn = [.. t.DependsOn.Except(e.RemovedTaskIds)] } : t)
                .ToImmutableList()),
        },

        DecompositionProposed e => state with
        {
            Status = state.Status == PlanStatus.Running ? PlanStatus.Running : PlanStatus.Proposed,
            DecompositionPromptVersionId = e.PromptVersionId,
            EditsSinceProposal = 0,
        },

        DecompositionDiscarded => state with { Status = state.Status == PlanStatus.Proposed ? PlanStatus.Draft : state.Status },

        PlanApproved => state with
        {
            Status = PlanStatus.Running,
            Tasks = state.Tasks.Select(t => t.Proposed ? t with { Proposed = false } : t).ToImmutableList(),
        },

        TaskReadied e => state.Replace(e.TaskId, t => t with { Status = TaskStatus.Ready, Attempts = e.Attempt, Problem = null }),
        TaskStarted e => state.Replace(e.TaskId, t => t with { Status = TaskStatus.Active }),
        TaskAwaitingInput e => state.Replace(e.TaskId, t => t with { Status = TaskStatus.AwaitingInput, Question = e.Question }),
        TaskResumed e => state.Replace(e.TaskId, t => t with { Status = TaskStatus.Active, Question = null }),
        TaskCompleted e => state.Replace(e.TaskId, t => t with
        {
            Status = TaskStatus.Completed,
            Result = e.Result,
            Summary = e.Summary,
            Question = null,
            Problem = null,
            NeedsAttention = false,
        }),
        TaskFailed e => state.Replace(e.TaskId, t => t with { Status = TaskStatus.Failed, Problem = e.Reason, Question = null }),
        TaskNeedsAttention e => state.Replace(e.TaskId, t => t with { NeedsAttention = true, Problem = e.Reason }),
        TaskRetried e => state.Replace(e.TaskId, t => t with { Status = TaskStatus.Pending, Problem = null })
            .ClearAttentionAbove(e.TaskId) with { Status = state.Status is PlanStatus.Failed ? PlanStatus.Running : state.Status },
        TaskCancelled e => state.Replace(e.TaskId, t => t with { Status = TaskStatus.Cancelled, Question = null }),
        PlanFinished e => state with { Status = e.Status },
        _ => state,
    };

    private static Plan ClearAttentionAbove(this Plan plan, Guid taskId) =>
        plan.AncestorsOf(taskId).Aggregate(plan, (p, a) => p.Replace(a.Id, t => t with { NeedsAttention = false, Problem = null }));

    private static Plan CountEdit(Plan state, bool isEdit) =>
        isEdit && state.Status == PlanStatus.Proposed ? state with { EditsSinceProposal = state.EditsSinceProposal + 1 } : state;

    /// <summary>Puts <paramref name="taskId"/> at <paramref name="index"/> among the children of <paramref name="parentId"/> and renumbers them.</summary>
    private static ImmutableList<PlanTask> Reorder(ImmutableList<PlanTask> tasks, Guid parentId, Guid taskId, int index)
    {
        var siblings = tasks.Where(t => t.ParentId == parentId && t.Id != taskId).OrderBy(t => t.Order).ToList();
        var moved = tasks.Find(t => t.Id == taskId)!;
        siblings.Insert(Math.Clamp(index, 0, siblings.Count), moved);
        var orders = siblings.Select((t, i) => (t.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return Renumber(tasks.Select(t => orders.TryGetValue(t.Id, out var order) && t.Order != order ? t with { Order = order } : t).ToImmutableList());
    }

    /// <summary>Makes every sibling group's orders 0..n-1, keeping their relative order.</summary>
    private static ImmutableList<PlanTask> Renumber(ImmutableList<PlanTask> tasks)
    {
        var orders = tasks.GroupBy(t => t.ParentId)
            .SelectMany(g => g.OrderBy(t => t.Order).Select((t, i) => (t.Id, i)))
            .ToDictionary(x => x.Id, x => x.i);
        return tasks.Select(t => t.Order == orders[t.Id] ? t : t with { Order = orders[t.Id] }).ToImmutableList();
    }
}
