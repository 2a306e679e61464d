using Orchestrator.Planner.Plans;
using Orchestrator.ModelAccess;
using Orchestrator.Planner.Plans.Decomposing;
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

    [Fact]
    public void Decomposing_a_task_and_its_chat_with_the_person_add_to_its_cost_and_a_completion_does_not_take_them_back()
    {
        var given = PlanBuilder.Create();
        var design = given.Add("Design");
        given.Approve();

        given.Then(p => Decision.Accept(new TaskCallsCosted(p.Id, design, ModelPurposes.Decompose, 2_000, 0.003m, Now)));
        given.Then(p => Decision.Accept(new TaskCallsCosted(p.Id, design, ModelPurposes.Chat, 500, 0.001m, Now, Guid.NewGuid())));
        given.Then(p => Decision.Accept(new TaskCallsCosted(p.Id, design, ModelPurposes.Recap, 900, 0.0005m, Now, Guid.NewGuid())));
        Assert.Equal(new CostView(3_400, 0.0045m), PlanView.From(given.Plan).Tasks.Single(t => t.Id == design).Cost);

        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Started(design, 1, false, Now)));
        given.Then(p => TaskProgressDecision.Decide(p, new TaskProgress.Completed(design, "s", "r", Now, 1_000, 0.002m)));

        var view = PlanView.From(given.Plan);
        var task = view.Tasks.Single(t => t.Id == design);
        Assert.Equal(new CostView(4_400, 0.0065m), task.Cost);
        Assert.Equal(4_400, task.Tokens);
        Assert.Equal(new CostView(4_400, 0.0065m), view.Cost);
    }

    [Fact]
    public void A_proposal_records_what_its_decomposition_cost_for_the_decomposed_task_and_a_free_one_records_nothing()
    {
        var given = PlanBuilder.Create();
        var proposal = DecompositionParser.Parse(DecompositionTests.Valid, 3).Proposal!;
        var command = new ProposeDecomposition(given.Root, proposal, "v1", 2, Guid.NewGuid, Now) { Cost = new CallCost(2, 5_000, 0.0125m) };

        var costed = Assert.Single(DecompositionDecision.Decide(given.Plan, command).Events.OfType<TaskCallsCosted>());
        Assert.Equal((given.Root, ModelPurposes.Decompose, 5_000L, 0.0125m), (costed.TaskId, costed.Purpose, costed.Tokens, costed.CostUsd));
        Assert.Empty(DecompositionDecision.Decide(given.Plan, command with { Cost = CallCost.None }).Events.OfType<TaskCallsCosted>());
    }

    [Fact]
    public void Every_attempt_of_a_decomposition_is_counted_at_the_price_of_its_model()
    {
        var pricing = new ModelPricing("openai", "gpt-x", new Dictionary<string, ModelPrice> { ["gpt-x"] = new() { InputPerMillion = 1m, OutputPerMillion = 4m } });

        var cost = CallCost.None
            .Add(new ModelUsage("gpt-x", 1_000, 250, TimeSpan.Zero), pricing)
            .Add(new ModelUsage("gpt-x", 1_500, 250, TimeSpan.Zero), pricing);

        Assert.Equal(new CallCost(2, 3_000, 0.0045m), cost);
    }
}
