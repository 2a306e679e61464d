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

    [Theory]
    [InlineData("Add authentication to my app", "authentication")]
    [InlineData("Build a todo app", "todo app")]
    [InlineData("Add a shopping cart", "shopping cart")]
    [InlineData("Add a shopping cart to my e-commerce site", "shopping cart")]
    [InlineData("Build a todo app with sign-in and sync", "todo app")]
    [InlineData("Set up payments for my shop", "payments")]
    [InlineData("please add dark mode", "dark mode")]
    public void The_product_documents_examples_split_into_research_design_implementation_and_tests(string request, string subject)
    {
        var plan = PlanComposer.Compose(Prompt(1, request), "You are the planner.");

        Assert.Equal("split", plan.Action);
        Assert.Equal(
            [
                ("research", $"Research {subject} options", "autonomous", ""),
                ("design", $"Design {subject}", "interactive", "research"),
                ("implement", $"Implement {subject}", "hybrid", "design"),
                ("tests", $"Write tests for {subject}", "autonomous", "implement"),
            ],
            plan.Subtasks.Take(4).Select(t => (t.Key, t.Title, t.Mode, string.Join(",", t.DependsOn))));
        Assert.InRange(plan.Subtasks.Count, 4, 6);
    }

    [Theory]
    [InlineData("Fix a typo in the README")]
    [InlineData("fix typo")]
    [InlineData("Rename a variable")]
    [InlineData("Please rename the variable total to sum in cart.ts")]
    [InlineData("Bump the version to 2.1")]
    [InlineData("Update the copyright year in the footer")]
    [InlineData("What does this error mean?")]
    [InlineData("hello")]
    public void Only_a_really_small_request_is_executed_directly_and_the_reason_says_so(string request)
    {
        var plan = PlanComposer.Compose(Prompt(1, request), "");

        Assert.Equal("execute", plan.Action);
        Assert.Empty(plan.Subtasks);
        Assert.Contains("directly as one task", plan.Reason, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Fix the checkout, add coupons and write tests for both")]
    [InlineData("Fix the login flow and add two-factor authentication")]
    [InlineData("Rename the billing module across the whole monorepo and migrate every consumer of its API to the new name")]
    public void A_small_verb_does_not_make_a_multi_part_request_small(string request)
    {
        Assert.Equal("split", PlanComposer.Compose(Prompt(1, request), "").Action);
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
