extern alias planner;

using planner::Orchestrator.Planner.Plans;
using planner::Orchestrator.Planner.Plans.AddingTask;
using planner::Orchestrator.Planner.Plans.CreatingPlan;
using planner::Orchestrator.Planner.Plans.EditingTask;

namespace Orchestrator.Benchmarks.Planner;

/// <summary>
/// One long plan stream made by the Planner's own decisions, so every event is one its API could have appended:
/// PlanCreated, then TaskAdded events spread evenly through the stream (the tree grows while it is edited), and
/// TaskEdited events (titles and objectives, now and then modes, expected outputs and dependencies) for the rest.
/// </summary>
internal sealed class LargePlan
{
    private static readonly string[] Verbs = ["Design", "Implement", "Test", "Document", "Review", "Migrate", "Measure"];

    private static readonly string[] Topics =
    [
        "the checkout page", "coupon rules", "cart persistence", "the payment provider", "order e-mails", "inventory sync",
        "tax calculation", "shipping rates", "admin reports", "search ranking", "the returns flow", "load tests",
    ];

    private static readonly string[] Sentences =
    [
        "Keep the existing public API unchanged and note every assumption in the result.",
        "Cover the edge cases the product owner listed: empty carts, expired coupons and currencies without decimals.",
        "The result must be reviewable in under ten minutes, so split it into small, named steps.",
        "Use the staging data set; production data must not leave its database.",
        "Report what was measured, how, and what would change the conclusion.",
        "Coordinate with the sibling tasks through their expected outputs rather than by changing their scope.",
    ];

    private static readonly TaskMode[] Modes = [TaskMode.Interactive, TaskMode.Autonomous, TaskMode.Hybrid];

    private readonly int[] _tasksAt;

    private LargePlan(Guid id, IReadOnlyList<object> events, int[] tasksAt, Plan final)
    {
        Id = id;
        Events = events;
        _tasksAt = tasksAt;
        Final = final;
    }

    public Guid Id { get; }

    /// <summary>The stream's events; the event at index i has version i + 1.</summary>
    public IReadOnlyList<object> Events { get; }

    /// <summary>The plan after the last event, folded here by the Planner's own <see cref="PlanEvolution"/>.</summary>
    public Plan Final { get; }

    /// <summary>How many tasks the tree has at <paramref name="version"/>.</summary>
    public int TasksAt(long version) => _tasksAt[version];

    /// <summary>A stream of exactly <paramref name="events"/> events whose tree ends with <paramref name="tasks"/> added tasks.</summary>
    public static LargePlan Generate(int events, int tasks, int seed)
    {
        var random = new Random(seed);
        var start = DateTimeOffset.UtcNow.AddDays(-1);
        var id = Guid.CreateVersion7();
        var stream = new List<object>(events);
        var tasksAt = new int[events + 1];
        var plan = Plan.Initial;

        void Accept(Decision decision)
        {
            if (decision.Problem is { } problem)
            {
                throw new InvalidOperationException($"The Planner refused a generated command: {problem.Detail}");
            }

            foreach (var e in decision.Events)
            {
                stream.Add(e);
                plan = PlanEvolution.Evolve(plan, e) with { Version = stream.Count };
                tasksAt[stream.Count] = plan.Tasks.Count;
            }
        }

        DateTimeOffset At() => start.AddMilliseconds(250.0 * (stream.Count + 1));

        Accept(CreatePlanDecision.Decide(Plan.Initial, new CreatePlan(id,
            "Add a shopping cart with coupons and a checkout page to my online shop, with tests, documentation and a rollout plan.",
            "Shopping cart, coupons and checkout", Guid.CreateVersion7(), Guid.CreateVersion7(), At())));

        var adds = Math.Min(tasks, events - 1);
        var addAt = Enumerable.Range(0, adds).Select(k => 2 + (int)((long)k * (events - 1) / adds)).ToHashSet();
        var taskIds = new List<Guid> { plan.Root.Id };
        var revision = 0;
        while (stream.Count < events)
        {
            var now = At();
            if (addAt.Contains(stream.Count + 1))
            {
                var parent = taskIds[random.Next(taskIds.Count)];
                var siblings = plan.ChildrenOf(parent).Select(t => t.Id).ToList();
                // A dependency only ever points at an earlier sibling, so the dependency graph stays acyclic.
                IReadOnlyList<Guid> dependsOn = siblings.Count > 0 && random.NextDouble() < 0.3 ? [siblings[random.Next(siblings.Count)]] : [];
                var taskId = Guid.CreateVersion7();
                var number = taskIds.Count;
                Accept(AddTaskDecision.Decide(plan, new AddTask(parent, Title(number, 0), Objective(random, number, 0),
                    Modes[random.Next(Modes.Length)], dependsOn, Outputs(random, number), taskId, Guid.CreateVersion7(), now)));
                taskIds.Add(taskId);
                continue;
            }

            revision++;
            var index = random.Next(taskIds.Count);
            var task = plan.Find(taskIds[index])!;
            var roll = random.NextDouble();
            IReadOnlyList<Guid>? newDependencies = null;
            if (roll < 0.05 && task.ParentId is { } parentId)
            {
                var earlier = plan.ChildrenOf(parentId).Where(s => s.Order < task.Order).Select(s => s.Id).ToList();
                newDependencies = earlier.Count > 0 && random.NextDouble() < 0.7 ? [earlier[random.Next(earlier.Count)]] : [];
            }

            Accept(EditTaskDecision.Decide(plan, new EditTask(task.Id, Title(index, revision), Objective(random, index, revision),
                roll is >= 0.05 and < 0.15 ? Modes[random.Next(Modes.Length)] : null,
                newDependencies,
                roll is >= 0.15 and < 0.25 ? Outputs(random, index) : null,
                now)));
        }

        return new LargePlan(id, stream, tasksAt, plan);
    }

    private static string Title(int number, int revision) =>
        $"{Verbs[number % Verbs.Length]} {Topics[number / Verbs.Length % Topics.Length]} #{number}{(revision == 0 ? "" : $" (rev {revision})")}";

    private static string Objective(Random random, int number, int revision)
    {
        var sentences = Enumerable.Range(0, 2 + random.Next(3)).Select(_ => Sentences[random.Next(Sentences.Length)]);
        return $"{Title(number, 0)}: deliver it as revision {revision} describes. {string.Join(' ', sentences)}";
    }

    private static List<string> Outputs(Random random, int number) =>
        Enumerable.Range(1, 1 + random.Next(3)).Select(k => $"{Topics[(number + k) % Topics.Length]} notes, part {k}").ToList();
}
