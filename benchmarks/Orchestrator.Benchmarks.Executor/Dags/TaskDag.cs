namespace Orchestrator.Benchmarks.Executor.Dags;

/// <summary>
/// A DAG of tasks in levels: a narrow start fans out, widens, and joins again towards the end. Every
/// task of a level depends on at least one task of the level before, as a chain link (one aligned
/// predecessor), a fan-out child (one of a few "hub" predecessors) or a join (two to four predecessors,
/// sometimes one more from two levels up). Task numbers follow the levels, so dependencies always point
/// to smaller numbers. The same size and seed give the same DAG, in every process.
/// </summary>
internal sealed class TaskDag
{
    private TaskDag(IReadOnlyList<IReadOnlyList<int>> dependsOn, IReadOnlyList<int> levelOf)
    {
        DependsOn = dependsOn;
        LevelOf = levelOf;
        var dependents = Enumerable.Range(0, dependsOn.Count).Select(_ => new List<int>()).ToList();
        for (var task = 0; task < dependsOn.Count; task++)
        {
            foreach (var dependency in dependsOn[task])
            {
                dependents[dependency].Add(task);
            }
        }

        Dependents = dependents;
        CriticalPath = LongestChain(dependsOn);
    }

    public IReadOnlyList<IReadOnlyList<int>> DependsOn { get; }

    public IReadOnlyList<IReadOnlyList<int>> Dependents { get; }

    public IReadOnlyList<int> LevelOf { get; }

    public int Count => DependsOn.Count;

    /// <summary>Tasks on the longest dependency chain.</summary>
    public int CriticalPath { get; }

    public int Edges => DependsOn.Sum(d => d.Count);

    public int Joins => DependsOn.Count(d => d.Count > 1);

    public int Sources => DependsOn.Count(d => d.Count == 0);

    public int Sinks => Dependents.Count(d => d.Count == 0);

    public int MaxFanOut => Dependents.Max(d => d.Count);

    public string Describe() =>
        $"{Count} tasks in {LevelOf.Max() + 1} levels, {Edges} dependencies: {Sources} sources, {Joins} joins, {Sinks} sinks, widest fan-out {MaxFanOut}, critical path {CriticalPath} tasks";

    /// <summary>A chain: every task depends on the one before, so the tasks run one at a time.</summary>
    public static TaskDag Chain(int tasks) =>
        new([.. Enumerable.Range(0, tasks).Select(t => (IReadOnlyList<int>)(t == 0 ? [] : [t - 1]))], [.. Enumerable.Range(0, tasks)]);

    public static TaskDag Generate(int tasks, int seed)
    {
        var random = new Random(seed);
        var levels = Math.Clamp((int)Math.Round(0.72 * Math.Sqrt(tasks)), Math.Min(3, tasks), tasks);
        var widths = Widths(tasks, levels, random);
        var dependsOn = new List<IReadOnlyList<int>>(tasks);
        var levelOf = new List<int>(tasks);
        var firstOfLevel = new List<int>();
        for (var level = 0; level < levels; level++)
        {
            firstOfLevel.Add(dependsOn.Count);
            for (var j = 0; j < widths[level]; j++)
            {
                levelOf.Add(level);
                dependsOn.Add(level == 0 ? [] : Dependencies(level, j, widths, firstOfLevel, random));
            }
        }

        return new TaskDag(dependsOn, levelOf);
    }

    private static int[] Widths(int tasks, int levels, Random random)
    {
        var weights = Enumerable.Range(0, levels).Select(l => 0.5 + Math.Sin(Math.PI * (l + 0.5) / levels) + (0.5 * random.NextDouble())).ToArray();
        var total = weights.Sum();
        var widths = weights.Select(w => Math.Max(1, (int)(tasks * w / total))).ToArray();
        while (widths.Sum() < tasks)
        {
            widths[random.Next(levels)]++;
        }

        while (widths.Sum() > tasks)
        {
            var level = random.Next(levels);
            if (widths[level] > 1)
            {
                widths[level]--;
            }
        }

        return widths;
    }

    private static int[] Dependencies(int level, int index, int[] widths, List<int> firstOfLevel, Random random)
    {
        var previous = widths[level - 1];
        var first = firstOfLevel[level - 1];
        var shape = random.NextDouble();
        if (shape < 0.4 || previous == 1)
        {
            return [first + (index * previous / widths[level])];
        }

        if (shape < 0.7)
        {
            var hubs = Math.Max(1, previous / 4);
            return [first + random.Next(hubs)];
        }

        var picked = new SortedSet<int>();
        var want = Math.Min(previous, random.Next(2, 5));
        while (picked.Count < want)
        {
            picked.Add(first + random.Next(previous));
        }

        if (level >= 2 && random.NextDouble() < 0.3)
        {
            picked.Add(firstOfLevel[level - 2] + random.Next(widths[level - 2]));
        }

        return [.. picked];
    }

    private static int LongestChain(IReadOnlyList<IReadOnlyList<int>> dependsOn)
    {
        var depth = new int[dependsOn.Count];
        for (var task = 0; task < dependsOn.Count; task++)
        {
            depth[task] = 1 + (dependsOn[task].Count == 0 ? 0 : dependsOn[task].Max(d => depth[d]));
        }

        return depth.Length == 0 ? 0 : depth.Max();
    }
}
