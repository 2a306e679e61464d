using System.Collections.Immutable;
using Orchestrator.Planner.Patterns;

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
            new PlanTask(e.RootTaskId, null, e.Title, e.Request, TaskMode.Interactive, TaskStatus.Pending, [], [], 0, e.RootConversationId, null) { Added = state.Version + 1 },
        ])
        {
            StartPatternId = e.PatternId,
        },

        TaskAdded e => CountEdit(state, e.Origin != TaskOrigin.Decomposition) with
        {
            Tasks = RenumberChildren(state.Tasks.Add(new PlanTask(
                e.TaskId, e.ParentId, e.Title, e.Objective, e.Mode, TaskStatus.Pending, [.. e.DependsOn], [.. e.ExpectedOutputs], e.Order, e.ConversationId, null)
            {
                Proposed = e.Origin == TaskOrigin.Decomposition && state.Status != PlanStatus.Running,
                Added = state.Version + 1,
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

        TaskWaitingForSubtasks e => state.Replace(e.TaskId, t => t with { Status = TaskStatus.Pending, Question = null }),

        TaskMoved e => Move(CountEdit(state, true), e),

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
            Patterns = BasedOn(state, e),
        },

        DecompositionDiscarded => state with { Status = state.Status == PlanStatus.Proposed ? PlanStatus.Draft : state.Status },

        PlanApproved => state with
        {
            Status = PlanStatus.Running,
            Tasks = state.Tasks.Select(t => t.Proposed ? t with { Proposed = false } : t).ToImmutableList(),
        },

        TaskReadied e => state.Replace(e.TaskId, t => t with { Status = TaskStatus.Ready, Attempts = e.Attempt, Problem = null }),
        TaskStarted e => state.Replace(e.TaskId, t => t with { Status = TaskStatus.Active, StartedAt = e.At }),
        TaskAwaitingInput e => state.Replace(e.TaskId, t => t with { Status = TaskStatus.AwaitingInput, Question = e.Question }),
        TaskResumed e => state.Replace(e.TaskId, t => t with { Status = TaskStatus.Active, Question = null }),
        TaskCompleted e => state.Replace(e.TaskId, t => t with
        {
            Status = TaskStatus.Completed,
            Result = e.Result,
            Summary = e.Summary,
            CompletedAt = e.At,
            Question = null,
            Problem = null,
            NeedsAttention = false,
            Tokens = e.Tokens,
            CostUsd = e.CostUsd,
            AwaitsAggregation = false,
        }),
        ArtifactsRecorded e => state.Replace(e.TaskId, t => t with
        {
            Artifacts = [.. e.Artifacts.Select(a => new TaskArtifact(a.ArtifactId, a.Name, a.Kind, a.Language,
                (t.Artifacts.FirstOrDefault(old => old.Id == a.ArtifactId)?.Version ?? 0) + 1, a.Content, a.Start, a.Length, false))],
        }),
        ArtifactEdited e => state.Replace(e.TaskId, t => t with
        {
            Artifacts = [.. t.Artifacts.Select(a => a.Id == e.ArtifactId ? a with { Version = e.Version, Content = e.Content, Edited = true } : a)],
        }),
        TaskFailed e => state.Replace(e.TaskId, t => t with
        {
            Status = TaskStatus.Failed, Problem = e.Reason, Question = null, Tokens = e.Tokens, CostUsd = e.CostUsd, AwaitsAggregation = false,
        }),
        AggregationRequested e => state.Replace(e.TaskId, t => t with { AwaitsAggregation = true }),
        TaskCallsCosted e => state.Replace(e.TaskId, t => t with
        {
            PlanningAndChatTokens = t.PlanningAndChatTokens + e.Tokens,
            PlanningAndChatCostUsd = t.PlanningAndChatCostUsd + e.CostUsd,
        }),
        TaskNeedsAttention e => state.Replace(e.TaskId, t => t with { NeedsAttention = true, Problem = e.Reason }),
        TaskRetried e => state.Replace(e.TaskId, t => t with { Status = TaskStatus.Pending, Problem = null })
            .ClearAttentionAbove(e.TaskId) with { Status = state.Status is PlanStatus.Failed ? PlanStatus.Running : state.Status },
        TaskCancelled e => state.Replace(e.TaskId, t => t with { Status = TaskStatus.Cancelled, Question = null }),
        PlanFinished e => state with { Status = e.Status },
        PlanRated e => state with { Rating = new PlanRating(e.Score, e.Comment, e.At) },
        _ => state,
    };

    /// <summary>The patterns the plan is based on: a new decomposition of the root replaces them, one of a subtask adds its own.</summary>
    private static ImmutableArray<PatternRef> BasedOn(Plan state, DecompositionProposed e)
    {
        var named = e.Patterns ?? [];
        var isRoot = state.Find(e.TaskId)?.ParentId is null;
        return isRoot ? [.. named] : [.. state.Patterns.Concat(named).DistinctBy(p => p.Id)];
    }

    private static Plan ClearAttentionAbove(this Plan plan, Guid taskId) =>
        plan.AncestorsOf(taskId).Aggregate(plan, (p, a) => p.Replace(a.Id, t => t with { NeedsAttention = false, Problem = null }));

    private static Plan CountEdit(Plan state, bool isEdit) =>
        isEdit && state.Status == PlanStatus.Proposed ? state with { EditsSinceProposal = state.EditsSinceProposal + 1 } : state;

    private static Plan Move(Plan state, TaskMoved e)
    {
        var index = state.Tasks.FindIndex(t => t.Id == e.TaskId);
        if (index < 0)
        {
            return state;
        }

        var moved = state.Tasks[index];
        var tasks = RenumberChildren(state.Tasks.SetItem(index, moved with { ParentId = e.ParentId }), e.ParentId, e.TaskId, e.Index);
        return state with { Tasks = moved.ParentId == e.ParentId ? tasks : RenumberChildren(tasks, moved.ParentId, null, 0) };
    }

    /// <summary>
    /// Makes the orders of <paramref name="parentId"/>'s children 0..n-1, keeping their relative order, after putting
    /// <paramref name="placedId"/> (when given) at <paramref name="index"/> among them. Only that sibling group changes:
    /// every other group is already numbered 0..n-1, and only the tasks whose order changes are replaced.
    /// </summary>
    private static ImmutableList<PlanTask> RenumberChildren(ImmutableList<PlanTask> tasks, Guid? parentId, Guid? placedId, int index)
    {
        var siblings = new List<(int Position, PlanTask Task)>();
        (int Position, PlanTask Task)? placed = null;
        var position = 0;
        foreach (var task in tasks)
        {
            if (task.ParentId == parentId)
            {
                if (task.Id == placedId)
                {
                    placed = (position, task);
                }
                else
                {
                    siblings.Add((position, task));
                }
            }

            position++;
        }

        var ordered = siblings.OrderBy(s => s.Task.Order).ToList();
        if (placed is { } p)
        {
            ordered.Insert(Math.Clamp(index, 0, ordered.Count), p);
        }

        var changed = ordered.Select((s, order) => (s.Position, s.Task, Order: order)).Where(s => s.Task.Order != s.Order).ToList();
        if (changed.Count == 0)
        {
            return tasks;
        }

        var builder = tasks.ToBuilder();
        foreach (var (at, task, order) in changed)
        {
            builder[at] = task with { Order = order };
        }

        return builder.ToImmutable();
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
