namespace Orchestrator.Planner.Plans;

/// <summary>Checks of a task tree's shape that several decisions share.</summary>
public static class TreeRules
{
    public const int MaxTitleLength = 200;
    public const int MaxObjectiveLength = 20_000;
    public const int MaxExpectedOutputs = 20;

    /// <summary>Why <paramref name="title"/> is unacceptable, or null.</summary>
    public static string? CheckTitle(string? title) => string.IsNullOrWhiteSpace(title)
        ? "'title' is empty: give the task a short name."
        : title.Trim().Length > MaxTitleLength ? $"'title' has {title.Trim().Length} characters; the limit is {MaxTitleLength}." : null;

    public static string? CheckObjective(string? objective) => objective is { Length: > MaxObjectiveLength }
        ? $"'objective' has {objective.Length} characters; the limit is {MaxObjectiveLength}."
        : null;

    public static string? CheckExpectedOutputs(IReadOnlyList<string>? outputs) => outputs switch
    {
        null => null,
        { Count: > MaxExpectedOutputs } => $"'expectedOutputs' has {outputs.Count} entries; the limit is {MaxExpectedOutputs}.",
        _ when outputs.Any(string.IsNullOrWhiteSpace) => "'expectedOutputs' contains an empty entry.",
        _ => null,
    };

    /// <summary>
    /// Why <paramref name="task"/> may not depend on <paramref name="dependsOn"/> in <paramref name="plan"/>
    /// (unknown task, itself, an ancestor or descendant, a cycle of waits), or null when it may.
    /// <paramref name="parent"/> and <paramref name="title"/> describe a task that is not in the plan yet.
    /// </summary>
    public static string? CheckDependencies(Plan plan, Guid task, IReadOnlyCollection<Guid> dependsOn, Guid? parent = null, string? title = null)
    {
        var change = new TaskChange(task, parent ?? plan.Find(task)?.ParentId, dependsOn, title);
        if (CheckDependencyTargets(plan, task, dependsOn, change) is { } problem)
        {
            return problem;
        }

        return FindDeadlock(plan, change) is { } cycle ? DescribeDeadlock(plan, cycle, task, change) : null;
    }

    /// <summary>
    /// Why one of <paramref name="dependsOn"/> cannot be a dependency of <paramref name="task"/> taken on its own
    /// (unknown task, itself, an ancestor or descendant) in the plan as <paramref name="change"/> leaves it, or null.
    /// Says nothing about cycles: see <see cref="FindDeadlock"/>.
    /// </summary>
    public static string? CheckDependencyTargets(Plan plan, Guid task, IReadOnlyCollection<Guid> dependsOn, TaskChange? change = null)
    {
        Guid? ParentOf(Guid id) => change is { } c && c.TaskId == id ? c.ParentId : plan.Find(id)?.ParentId;
        foreach (var dependency in dependsOn)
        {
            if (plan.Find(dependency) is null)
            {
                return $"Task {task} cannot depend on {dependency}: no such task in plan {plan.Id}.";
            }

            if (dependency == task)
            {
                return $"Task {task} cannot depend on itself.";
            }

            if (IsAncestor(dependency, task, ParentOf))
            {
                return $"Task {task} cannot depend on {dependency}: it is one of its ancestors, which completes only after its children.";
            }

            if (IsAncestor(task, dependency, ParentOf))
            {
                return $"Task {task} cannot depend on {dependency}: it is one of its own subtasks.";
            }
        }

        return null;
    }

    /// <summary>
    /// Tasks that <paramref name="change"/> would make wait for one another forever (starting and ending with the
    /// changed task), or null. This follows how a plan runs (<see cref="Progression"/>): a task starts once its own
    /// and its ancestors' dependencies are complete, and a parent completes only after its subtasks. So a plan can
    /// deadlock through its tree even when its dependencies alone have no cycle: a task moved under one that
    /// (through others) depends on it waits for itself. A completed task waits for nothing. Only cycles through
    /// the changed task count, so that a change that undoes an older deadlock is never refused because of it.
    /// </summary>
    public static IReadOnlyList<Guid>? FindDeadlock(Plan plan, TaskChange change)
    {
        var tasks = plan.Tasks.Select(t => (t.Id, t.ParentId, DependsOn: (IReadOnlyCollection<Guid>)t.DependsOn, Completed: t.Status == TaskStatus.Completed)).ToList();
        var changed = tasks.FindIndex(t => t.Id == change.TaskId);
        if (changed < 0)
        {
            tasks.Add((change.TaskId, change.ParentId, change.DependsOn ?? [], false));
            changed = tasks.Count - 1;
        }
        else
        {
            tasks[changed] = tasks[changed] with { ParentId = change.ParentId, DependsOn = change.DependsOn ?? tasks[changed].DependsOn };
        }

        var position = new Dictionary<Guid, int>(tasks.Count);
        for (var i = 0; i < tasks.Count; i++)
        {
            position[tasks[i].Id] = i;
        }

        // Node 2i is "task i may start", node 2i+1 is "task i is complete"; each edge points at what the node waits for.
        var waits = new List<int>[tasks.Count * 2];
        for (var node = 0; node < waits.Length; node++)
        {
            waits[node] = [];
        }

        for (var i = 0; i < tasks.Count; i++)
        {
            var task = tasks[i];
            foreach (var dependency in task.DependsOn)
            {
                if (position.TryGetValue(dependency, out var d))
                {
                    waits[2 * i].Add(2 * d + 1);
                }
            }

            if (task.ParentId is { } parentId && position.TryGetValue(parentId, out var p))
            {
                waits[2 * i].Add(2 * p);
                if (!tasks[p].Completed)
                {
                    waits[2 * p + 1].Add(2 * i + 1);
                }
            }

            if (!task.Completed)
            {
                waits[2 * i + 1].Add(2 * i);
            }
        }

        // Breadth-first from each of the changed task's nodes back to itself: the shortest cycle, named plainly.
        foreach (var from in new[] { 2 * changed, 2 * changed + 1 })
        {
            var previous = new int[waits.Length];
            Array.Fill(previous, -1);
            var queue = new Queue<int>();
            foreach (var next in waits[from])
            {
                if (previous[next] < 0)
                {
                    previous[next] = from;
                    queue.Enqueue(next);
                }
            }

            while (queue.TryDequeue(out var node))
            {
                if (node == from)
                {
                    var path = new List<int> { from };
                    for (var at = previous[from]; at != from; at = previous[at])
                    {
                        path.Add(at);
                    }

                    path.Add(from);
                    path.Reverse();
                    var cycle = new List<Guid>();
                    foreach (var id in path.Select(n => tasks[n / 2].Id))
                    {
                        if (cycle.Count == 0 || cycle[^1] != id)
                        {
                            cycle.Add(id);
                        }
                    }

                    return cycle;
                }

                foreach (var next in waits[node])
                {
                    if (previous[next] < 0)
                    {
                        previous[next] = node;
                        queue.Enqueue(next);
                    }
                }
            }
        }

        return null;
    }

    /// <summary>A cycle from <see cref="FindDeadlock"/> in words, starting at <paramref name="from"/> when it is on it.</summary>
    public static string DescribeDeadlock(Plan plan, IReadOnlyList<Guid> cycle, Guid? from = null, TaskChange? change = null)
    {
        var loop = cycle.Count > 1 && cycle[0] == cycle[^1] ? cycle.Take(cycle.Count - 1).ToList() : [.. cycle];
        var at = from is { } first ? loop.IndexOf(first) : -1;
        if (at > 0)
        {
            loop = [.. loop.Skip(at), .. loop.Take(at)];
        }

        string Title(Guid id) => change is { Title: { } title } && change.TaskId == id && plan.Find(id) is null ? $"'{title}'" : Name(plan, id);
        return $"That would make a cycle of tasks waiting for one another forever: {string.Join(" → ", loop.Append(loop[0]).Select(Title))} "
            + "(a task waits for what it and its parents depend on, and a parent waits for its subtasks).";
    }

    /// <summary>A dependency cycle in <paramref name="edges"/> (task → tasks it depends on), or null.</summary>
    public static IReadOnlyList<Guid>? FindCycle(IReadOnlyDictionary<Guid, IReadOnlyCollection<Guid>> edges)
    {
        var state = new Dictionary<Guid, int>();
        var path = new List<Guid>();

        IReadOnlyList<Guid>? Visit(Guid node)
        {
            state[node] = 1;
            path.Add(node);
            foreach (var next in edges.GetValueOrDefault(node) ?? [])
            {
                var s = state.GetValueOrDefault(next);
                if (s == 1)
                {
                    return [.. path.SkipWhile(n => n != next), next];
                }

                if (s == 0 && Visit(next) is { } found)
                {
                    return found;
                }
            }

            path.RemoveAt(path.Count - 1);
            state[node] = 2;
            return null;
        }

        foreach (var node in edges.Keys)
        {
            if (state.GetValueOrDefault(node) == 0 && Visit(node) is { } cycle)
            {
                return cycle;
            }
        }

        return null;
    }

    private static bool IsAncestor(Guid ancestor, Guid task, Func<Guid, Guid?> parentOf)
    {
        var seen = new HashSet<Guid>();
        for (var current = parentOf(task); current is { } id && seen.Add(id); current = parentOf(id))
        {
            if (id == ancestor)
            {
                return true;
            }
        }

        return false;
    }

    private static string Name(Plan plan, Guid id) => plan.Find(id) is { } t ? $"'{t.Title}'" : id.ToString();
}

/// <summary>One task as a change would leave it: under <see cref="ParentId"/>, with <see cref="DependsOn"/> (null: unchanged).</summary>
public sealed record TaskChange(Guid TaskId, Guid? ParentId, IReadOnlyCollection<Guid>? DependsOn = null, string? Title = null);
