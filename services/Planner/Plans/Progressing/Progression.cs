using Orchestrator.Planner.Plans.Artifacts;

namespace Orchestrator.Planner.Plans.Progressing;

/// <summary>
/// What follows by itself from a running plan's state: tasks whose dependencies are complete become
/// ready, and the plan finishes when nothing is left to do. Parents whose children are all complete
/// are reported so their results can be aggregated (a model call, outside this pure code).
/// Each question walks the tasks once through a <see cref="Tree"/> index, never once per task.
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

        var tree = new Tree(plan);
        var events = new List<object>();
        foreach (var task in plan.Tasks.Where(t => IsRunnable(tree, t)).OrderBy(tree.Depth).ThenBy(t => t.Order))
        {
            events.Add(Ready(tree, task, now));
        }

        if (events.Count == 0 && Final(plan, tree) is { } status)
        {
            events.Add(PlanFinished.Of(plan, status, now));
        }

        return events;
    }

    /// <summary>
    /// The same events as <see cref="Advance(Plan, DateTimeOffset)"/> for a plan that was advanced as far as it could go
    /// before <paramref name="applied"/>, without walking the tree when those events cannot have made a task runnable:
    /// a task readied, started, waiting for or given its input, or an artifact recorded or edited, changes no dependency, and a completion only matters to
    /// the tasks that depend on it directly (a subtask inherits its parent's dependencies, and the parent is one of them).
    /// </summary>
    public static IReadOnlyList<object> Advance(Plan plan, IReadOnlyList<object> applied, DateTimeOffset now)
    {
        if (plan.Status != PlanStatus.Running)
        {
            return [];
        }

        if (applied.Count > 0 && applied.All(e => e is TaskReadied or TaskStarted or TaskAwaitingInput or TaskResumed or ArtifactEdited))
        {
            // The task these are about is ready, active or waiting: the plan is moving, so it is not finished either. An
            // artifact's edit changes no status, so what could follow from it followed already.
            return [];
        }

        if (applied.Count == 0 || !applied.All(e => e is TaskReadied or TaskStarted or TaskAwaitingInput or TaskResumed or TaskCompleted or ArtifactsRecorded or ArtifactEdited))
        {
            return Advance(plan, now);
        }

        var completed = applied.OfType<TaskCompleted>().Select(e => e.TaskId).ToHashSet();
        if (plan.Tasks.Any(t => t.DependsOn.Any(completed.Contains)))
        {
            return Advance(plan, now);
        }

        return Final(plan, null) is { } status ? [PlanFinished.Of(plan, status, now)] : [];
    }

    /// <summary>Parents whose children are all complete and that wait for their aggregated result.</summary>
    public static IReadOnlyList<PlanTask> AggregationsDue(Plan plan) => plan.Status != PlanStatus.Running ? [] : AggregationsDue(new Tree(plan));

    /// <summary>Whether task <paramref name="taskId"/> is a parent whose children are all complete and that waits for its aggregated result.</summary>
    public static bool AwaitsAggregation(Plan plan, Guid taskId) =>
        plan.Status == PlanStatus.Running && plan.Find(taskId) is { Status: TaskStatus.Pending } && new Tree(plan).ChildrenCompleted(taskId);

    /// <summary>
    /// A request to aggregate each parent that <paramref name="applied"/> (taking <paramref name="before"/> to <paramref name="after"/>)
    /// made wait for its aggregated result, so each wait is asked for once and a later write leaves it alone (a request among
    /// <paramref name="applied"/> counts: follow-ups are added again to events that carry theirs already). A subtask's
    /// completion only concerns its own parent, which was not waiting before (that subtask was not complete): those parents are
    /// checked without walking the tree; reports that change no status that matters (a start, a failure) cost nothing.
    /// </summary>
    public static IReadOnlyList<object> RequestAggregations(Plan before, Plan after, IReadOnlyList<object> applied, DateTimeOffset now)
    {
        if (after.Status != PlanStatus.Running || applied.All(e => e is TaskReadied or TaskStarted or TaskAwaitingInput or TaskResumed
                or ArtifactsRecorded or ArtifactEdited or TaskFailed or TaskNeedsAttention or TaskCancelled or AggregationRequested))
        {
            return [];
        }

        var asked = applied.OfType<AggregationRequested>().Select(e => e.TaskId).ToHashSet();
        if (applied.All(e => e is TaskCompleted or TaskReadied or TaskStarted or TaskAwaitingInput or TaskResumed or ArtifactsRecorded or ArtifactEdited or AggregationRequested))
        {
            return applied.OfType<TaskCompleted>()
                .Select(e => after.Find(e.TaskId)?.ParentId).OfType<Guid>().Distinct()
                .Where(parentId => !asked.Contains(parentId) && after.Find(parentId) is { Status: TaskStatus.Pending }
                    && after.Tasks.All(t => t.ParentId != parentId || t.Status == TaskStatus.Completed))
                .Select(parentId => (object)new AggregationRequested(after.Id, parentId, now))
                .ToList();
        }

        asked.UnionWith(AggregationsDue(before).Select(t => t.Id));
        return AggregationsDue(after).Where(t => !asked.Contains(t.Id)).Select(t => (object)new AggregationRequested(after.Id, t.Id, now)).ToList();
    }

    /// <summary>
    /// Requests to combine the results of every parent of a running plan whose subtasks are all complete and for which none was made:
    /// for a plan recorded before requests were recorded with the write that made a parent wait (see <see cref="PendingAggregationSweep"/>).
    /// </summary>
    public static IReadOnlyList<object> PendingAggregations(Plan plan, DateTimeOffset now) =>
        plan.Status != PlanStatus.Running
            ? []
            : [.. AggregationsDue(new Tree(plan)).Where(t => !t.AwaitsAggregation).Select(t => (object)new AggregationRequested(plan.Id, t.Id, now))];

    /// <summary>A pending leaf whose own and ancestors' dependencies are all complete.</summary>
    public static bool IsRunnable(Plan plan, PlanTask task) => IsRunnable(new Tree(plan), task);

    /// <summary>The task's dependencies and those of its ancestors: a subtask cannot start before its parent could.</summary>
    public static IEnumerable<Guid> EffectiveDependencies(Plan plan, PlanTask task) => EffectiveDependencies(new Tree(plan), task);

    /// <summary>The readied event with the task's brief and exactly its declared inputs.</summary>
    public static TaskReadied Ready(Plan plan, PlanTask task, DateTimeOffset now) => Ready(new Tree(plan), task, now);

    private static IReadOnlyList<PlanTask> AggregationsDue(Tree tree) =>
        tree.Plan.Tasks.Where(t => t.Status is TaskStatus.Pending && tree.HasChildren(t.Id) && tree.ChildrenCompleted(t.Id)).ToList();

    private static bool IsRunnable(Tree tree, PlanTask task) =>
        task.Status == TaskStatus.Pending
        && !task.Proposed
        && !tree.HasChildren(task.Id)
        && EffectiveDependencies(tree, task).All(d => tree.Find(d)?.Status == TaskStatus.Completed);

    private static IEnumerable<Guid> EffectiveDependencies(Tree tree, PlanTask task) =>
        task.DependsOn.Concat(tree.AncestorsOf(task).SelectMany(a => a.DependsOn)).Distinct();

    private static TaskReadied Ready(Tree tree, PlanTask task, DateTimeOffset now)
    {
        var inputs = new List<ReadiedInput>();
        foreach (var dependency in EffectiveDependencies(tree, task).Select(tree.Find).OfType<PlanTask>())
        {
            inputs.Add(new ReadiedInput(dependency.Id, dependency.Title, TaskOutput.Of(dependency), "dependency"));
        }

        if (task.ParentId is { } parentId && tree.Find(parentId) is { } parent)
        {
            inputs.Add(new ReadiedInput(parent.Id, parent.Title, parent.Objective, "parent"));
        }

        var plan = tree.Plan;
        return new TaskReadied(plan.Id, task.Id, task.Attempts + 1, task.Title, task.Objective, task.Mode, task.ExpectedOutputs, inputs, task.ConversationId, now);
    }

    /// <summary>The plan's final status when nothing is left to do; builds the <see cref="Tree"/> only when nothing is moving.</summary>
    private static PlanStatus? Final(Plan plan, Tree? tree)
    {
        var tasks = plan.Tasks;
        if (tasks.All(t => t.Status is TaskStatus.Completed or TaskStatus.Cancelled))
        {
            return tasks.All(t => t.Status is TaskStatus.Cancelled) ? PlanStatus.Cancelled : PlanStatus.Completed;
        }

        // Stuck: nothing runs or can run, and a failed or stopped task blocks the rest until the person retries it.
        var moving = tasks.Any(t => t.Status is TaskStatus.Ready or TaskStatus.Active or TaskStatus.AwaitingInput) || AggregationsDue(tree ?? new Tree(plan)).Count > 0;
        var blocked = tasks.Any(t => t.Status is TaskStatus.Failed or TaskStatus.Cancelled);
        return !moving && blocked ? PlanStatus.Failed : null;
    }

    /// <summary>The plan's tasks by id and how many children, and how many unfinished children, each has: built in one walk.</summary>
    private sealed class Tree
    {
        private readonly Dictionary<Guid, PlanTask> _byId = [];
        private readonly Dictionary<Guid, (int Children, int Incomplete)> _children = [];

        public Tree(Plan plan)
        {
            Plan = plan;
            foreach (var task in plan.Tasks)
            {
                _byId[task.Id] = task;
                if (task.ParentId is { } parentId)
                {
                    var (children, incomplete) = _children.GetValueOrDefault(parentId);
                    _children[parentId] = (children + 1, incomplete + (task.Status == TaskStatus.Completed ? 0 : 1));
                }
            }
        }

        public Plan Plan { get; }

        public PlanTask? Find(Guid id) => _byId.GetValueOrDefault(id);

        public bool HasChildren(Guid id) => _children.ContainsKey(id);

        public bool ChildrenCompleted(Guid id) => _children.TryGetValue(id, out var c) && c.Incomplete == 0;

        public IEnumerable<PlanTask> AncestorsOf(PlanTask task)
        {
            var current = task;
            while (current.ParentId is { } parentId && Find(parentId) is { } parent)
            {
                yield return parent;
                current = parent;
            }
        }

        public int Depth(PlanTask task) => AncestorsOf(task).Count();
    }
}
