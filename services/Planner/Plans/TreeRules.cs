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
    /// (unknown task, itself, an ancestor or descendant, a cycle), or null when it may.
    /// </summary>
    public static string? CheckDependencies(Plan plan, Guid task, IReadOnlyCollection<Guid> dependsOn, Func<Guid, Guid?>? parentOf = null)
    {
        parentOf ??= id => plan.Find(id)?.ParentId;
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

            if (IsAncestor(dependency, task, parentOf))
            {
                return $"Task {task} cannot depend on {dependency}: it is one of its ancestors, which completes only after its children.";
            }

            if (IsAncestor(task, dependency, parentOf))
            {
                return $"Task {task} cannot depend on {dependency}: it is one of its own subtasks.";
            }
        }

        var edges = plan.Tasks.ToDictionary(t => t.Id, t => (IReadOnlyCollection<Guid>)t.DependsOn);
        edges[task] = dependsOn;
        return FindCycle(edges) is { } cycle
            ? $"These dependencies would make a cycle: {string.Join(" → ", cycle.Select(id => Name(plan, id)))}."
            : null;
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
