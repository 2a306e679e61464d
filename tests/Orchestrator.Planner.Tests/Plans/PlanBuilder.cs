using Orchestrator.Planner.Plans;
using Orchestrator.Planner.Plans.AddingTask;
using Orchestrator.Planner.Plans.Approving;
using Orchestrator.Planner.Plans.CreatingPlan;

namespace Orchestrator.Planner.Tests.Plans;

/// <summary>Builds plans through the real decisions and evolution, as the Planner does (Given).</summary>
internal sealed class PlanBuilder
{
    public static readonly DateTimeOffset Now = new(2026, 11, 24, 9, 0, 0, TimeSpan.Zero);

    private PlanBuilder(Plan plan) => Plan = plan;

    public Plan Plan { get; private set; }

    public Guid Root => Plan.Root.Id;

    public static PlanBuilder Create(string request = "Add a shopping cart to my shop")
    {
        var decision = CreatePlanDecision.Decide(Plan.Initial, new CreatePlan(Guid.NewGuid(), request, null, Guid.NewGuid(), Guid.NewGuid(), Now));
        return new PlanBuilder(Apply(Plan.Initial, decision));
    }

    public Guid Add(string title, Guid? parent = null, TaskMode mode = TaskMode.Autonomous, params Guid[] dependsOn)
    {
        var id = Guid.NewGuid();
        Plan = Apply(Plan, AddTaskDecision.Decide(Plan, new AddTask(parent ?? Root, title, $"Do {title}.", mode, dependsOn, [], id, Guid.NewGuid(), Now)));
        return id;
    }

    /// <summary>Every event applied through <see cref="Then"/> and <see cref="Approve"/>, follow-ups included.</summary>
    public List<object> Events { get; } = [];

    public PlanBuilder Approve() => Then(plan => ApprovePlanDecision.Decide(plan, Now));

    public PlanBuilder Then(Func<Plan, Decision> decide)
    {
        var decision = decide(Plan);
        Assert.True(decision.Problem is null, decision.Problem?.Detail);
        var (events, after) = PlanWriter.WithFollowUps(Plan, decision.Events, Now);
        Events.AddRange(events);
        Plan = after;
        return this;
    }

    /// <summary>Applies a decision and what follows from it, as <see cref="PlanWriter"/> does; fails the test when refused.</summary>
    public static Plan Apply(Plan plan, Decision decision)
    {
        Assert.True(decision.Problem is null, decision.Problem?.Detail);
        var (_, after) = PlanWriter.WithFollowUps(plan, decision.Events, Now);
        return after;
    }

    public PlanTask this[Guid id] => Plan.Find(id) ?? throw new KeyNotFoundException(id.ToString());
}
