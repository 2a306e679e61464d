namespace Orchestrator.Planner.Plans;

/// <summary>
/// What follows by itself from a running plan's state: tasks whose dependencies are complete become
/// ready, and the plan finishes when nothing is left to do. Parents whose children are all complete
/// are reported so their results can be aggregated (a model call, outside this pure code).
/// </summary>
public static class Progression
{
    /// <summary>Events that advance <paramref name="plan"/>: readied tasks and, when done, the plan's final status.</summary>
    public static IReadOnlyList<object> Advance(Plan plan, DateTimeOffset now)
    {
        if (plan.Status != PlanStatus.Running)
        {
            return [];
        }

        var events = new List<object>();
        foreach (var task in plan.Tasks.Where(t => IsRunnable(plan, t)).OrderBy(t => Depth(plan, t)).ThenBy(t => t.Order))
        {
            events.Add(Ready(plan, task, now));
        }

        if (events.Count == 0 && Final(plan) is { } status)
        {
            events.Add(new PlanFinished(plan.Id, status, now, plan.DecompositionPromptVersionId));
        }

        return events;
    }

    /// <summary>Parents whose children are all complete and that wait for their aggregated result.</summary>
    public static IReadOnlyList<PlanTask> AggregationsDue(Plan plan) => plan.Status != PlanStatus.Running
        ? []
        : plan.Tasks.Where(t => t.Status is TaskStatus.Pending && plan.HasChildren(t.Id) && plan.ChildrenOf(t.Id).All(c => c.Status == TaskStatus.Completed)).ToList();

    /// <summary>A pending leaf whose own and ancestors' dependencies are all complete.</summary>
    public static bool IsRunnable(Plan plan, PlanTask task) =>
        task.Status == TaskStatus.Pending
        && !task.Proposed
        && !plan.HasChildren(task.Id)
        && EffectiveDependencies(plan, task).All(d => plan.Find(d)?.Status == TaskStatus.Completed);

    /// <summary>The task's dependencies and those of its ancestors: a subtask cannot start before its parent could.</summary>
    public static IEnumerable<Guid> EffectiveDependencies(Plan plan, PlanTask task) =>
        task.DependsOn.Concat(plan.AncestorsOf(task.Id).SelectMany(a => a.DependsOn)).Distinct();

    /// <summary>The readied event with the task's brief and exactly its declared inputs.</summary>
    public static TaskReadied Ready(Plan plan, PlanTask task, DateTimeOffset now)
    {
        var inputs = new List<ReadiedInput>();
        foreach (var dependency in EffectiveDependencies(plan, task).Select(plan.Find).OfType<PlanTask>())
        {
            inputs.Add(new ReadiedInput(dependency.Id, dependency.Title, dependency.Result ?? "", "dependency"));
        }

        if (task.ParentId is { } parentId && plan.Find(parentId) is { } parent)
        {
            inputs.Add(new ReadiedInput(parent.Id, parent.Title, parent.Objective, "parent"));
        }

        return new TaskReadied(plan.Id, task.Id, task.Attempts + 1, task.Title, task.Objective, task.Mode, task.ExpectedOutputs, inputs, task.ConversationId, now);
    }

    private static PlanStatus? Final(Plan plan)
    {
        if (plan.Tasks.All(t => t.Status is TaskStatus.Completed or TaskStatus.Cancelled))
        {
            return plan.Tasks.All(t => t.Status is TaskStatus.Cancelled) ? PlanStatus.Cancelled : PlanStatus.Completed;
        }

        // Stuck: nothing runs or can run, and a failed or stopped task blocks the rest until the person retries it.
        var moving = plan.Tasks.Any(t => t.Status is TaskStatus.Ready or TaskStatus.Active or TaskStatus.AwaitingInput) || AggregationsDue(plan).Count > 0;
        var blocked = plan.Tasks.Any(t => t.Status is TaskStatus.Failed or TaskStatus.Cancelled);
        return !moving && blocked ? PlanStatus.Failed : null;
    }

    private static int Depth(Plan plan, PlanTask task) => plan.AncestorsOf(task.Id).Count();
}
