extern alias modelsim;

using modelsim::Orchestrator.ModelSimulator.Replies;

namespace Orchestrator.ModelAccess.Tests;

/// <summary>The simulator's plans: valid DAGs of mixed modes built from the request, deterministic, and "execute" when small or at depth.</summary>
public sealed class SimulatorPlanTests
{
    private static string Prompt(int depth, string request) => $"""
        The request (current depth {depth} of at most 3):
        <request>
        {request}
        </request>
        Context from the surrounding plan: a shop with a cart and a catalogue.
        """;

    [Theory]
    [InlineData("Add a shopping cart with coupons and checkout to my online shop")]
    [InlineData("Migrate the billing service from a monolith to an event sourced design with projections and replay")]
    [InlineData("Write documentation, tests and a benchmark for the payment gateway adapter used by three teams")]
    public void A_request_is_split_into_a_dag_of_three_to_six_subtasks_with_every_mode(string request)
    {
        var plan = PlanComposer.Compose(Prompt(1, request), "You are the planner.");

        Assert.Equal("split", plan.Action);
        Assert.InRange(plan.Subtasks.Count, 3, 6);
        Assert.Equal(["autonomous", "hybrid", "interactive"], plan.Subtasks.Select(s => s.Mode).Distinct().Order());
        var seen = new HashSet<string>();
        foreach (var task in plan.Subtasks)
        {
            Assert.All(task.DependsOn, d => Assert.Contains(d, seen));
            seen.Add(task.Key);
            var nestedSeen = new HashSet<string>();
            foreach (var nested in task.Subtasks)
            {
                Assert.All(nested.DependsOn, d => Assert.Contains(d, nestedSeen));
                nestedSeen.Add(nested.Key);
            }
        }

        Assert.DoesNotContain(plan.Subtasks, s => s.Objective.Contains("surrounding plan", StringComparison.Ordinal));
        Assert.Equal(PlanComposer.ComposeJson(Prompt(1, request), "x"), PlanComposer.ComposeJson(Prompt(1, request), "x"));
    }

    [Fact]
    public void Some_requests_get_one_nested_level()
    {
        var requests = Enumerable.Range(0, 20).Select(i => $"Build feature number {i} with search, filters, paging, caching, metrics and alerts");

        Assert.Contains(requests, r => PlanComposer.Compose($"Request: {r}", "").Subtasks.Any(s => s.Subtasks.Count > 0));
    }

    [Theory]
    [InlineData(3, "Add a shopping cart with coupons and checkout to my online shop")]
    [InlineData(1, "Fix the typo")]
    public void At_the_maximum_depth_or_for_a_tiny_request_the_task_is_executed(int depth, string request)
    {
        var plan = PlanComposer.Compose(Prompt(depth, request), "");

        Assert.Equal("execute", plan.Action);
        Assert.Empty(plan.Subtasks);
    }
}
