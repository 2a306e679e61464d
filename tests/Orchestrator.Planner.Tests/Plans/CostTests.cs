using Orchestrator.Planner.Plans;
using Orchestrator.Planner.Plans.Progressing;

namespace Orchestrator.Planner.Tests.Plans;

public sealed class CostTests
{
    private static readonly DateTimeOffset Now = PlanBuilder.Now;

    [Fact]
    public void A_task_shows_what_its_run_cost_and_the_plan_the_sum_of_its_tasks_completed_failed_or_combined()
    {
        var given = PlanBuilder.Create();
        var research = given.Add("Research");
        var design = given.Add("Design");
        given.Approve();

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Started(research, 1, false, Now)));
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(research, "s", "r", Now, 1_500, 0.0042m)));
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Started(design, 1, false, Now)));
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Failed(design, "refused", Now, 300, 0.0009m)));

        var view = PlanView.From(given.Plan);
        Assert.Equal(new CostView(1_500, 0.0042m), view.Tasks.Single(t => t.Id == research).Cost);
        Assert.Equal(new CostView(300, 0.0009m), view.Tasks.Single(t => t.Id == design).Cost);
        Assert.Equal(new CostView(0, 0m), view.Tasks.Single(t => t.ParentId is null).Cost);
        Assert.Equal(new CostView(1_800, 0.0051m), view.Cost);

        // A retry that completes reports the cost of every attempt: it replaces the failed attempt's, never adds to it.
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.RetryRequested(design, Now)));
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Started(design, 2, false, Now)));
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(design, "s", "r", Now, 700, 0.002m)));
        given.Then(p => Decision.Accept(new TaskCompleted(p.Id, p.Root.Id, "s", "combined", Now, 400, 0.001m)));

        var after = PlanView.From(given.Plan);
        Assert.Equal(new CostView(700, 0.002m), after.Tasks.Single(t => t.Id == design).Cost);
        Assert.Equal(new CostView(400, 0.001m), after.Tasks.Single(t => t.ParentId is null).Cost);
        Assert.Equal(new CostView(2_600, 0.0072m), after.Cost);
    }
}
